/**
 * SignalFlow messages from an SSE byte stream, as they arrive: bytes are decoded incrementally (a UTF-8
 * character may straddle two chunks) and fed to an SSE parser; the body is never held whole.
 */
import { createParser } from 'eventsource-parser';
import { decodeMessage, type SignalFlowMessage } from './messages';

export async function* signalflowMessages(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SignalFlowMessage, void, void> {
  const ready: SignalFlowMessage[] = [];
  let failure: unknown;
  const parser = createParser({
    onEvent: (event) => {
      if (failure !== undefined) return;
      try {
        ready.push(decodeMessage(event.event ?? 'message', event.data));
      } catch (err) {
        failure = err;
      }
    },
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (failure !== undefined) throw failure;
    yield* ready.splice(0);
  }
  // An event still open at the end is dropped, as SSE says: a stream cut mid-event is resumed, not trusted.
  parser.feed(decoder.decode());
  if (failure !== undefined) throw failure;
  yield* ready.splice(0);
}

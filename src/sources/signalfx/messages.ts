/**
 * SignalFlow's SSE messages, decoded from untrusted JSON into a typed union. The event name is the message
 * type; anything malformed is a protocol error naming the message type, never a crash further on.
 */
export type ControlEvent = 'STREAM_START' | 'JOB_START' | 'JOB_PROGRESS' | 'CHANNEL_ABORT' | 'END_OF_CHANNEL';

export type SignalFlowMessage =
  | { readonly type: 'control'; readonly event: ControlEvent | string; readonly abortReason?: string }
  | {
      readonly type: 'info';
      readonly code: string;
      readonly contents: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'metadata';
      readonly tsId: string;
      readonly properties: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'data';
      readonly logicalTimestampMs: number;
      readonly points: ReadonlyArray<{ readonly tsId: string; readonly value: number | null }>;
    }
  | { readonly type: 'expired-tsid'; readonly tsId: string }
  | { readonly type: 'error'; readonly reason: string }
  /** Detector events and message types we do not know: ignored. */
  | { readonly type: 'ignored'; readonly name: string };

export class SignalFlowProtocolError extends Error {}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export function decodeMessage(name: string, data: string): SignalFlowMessage {
  const bad = (detail: string): never => {
    throw new SignalFlowProtocolError(`malformed '${name}' message from SignalFx: ${detail}`);
  };
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return bad('not JSON');
  }
  if (!isObject(body)) return bad('not a JSON object');
  switch (name) {
    case 'control-message': {
      if (typeof body.event !== 'string') return bad('no event');
      const info = isObject(body.abortInfo) ? body.abortInfo : undefined;
      const reason = info?.sf_job_abortReason ?? info?.sf_job_abortState;
      return {
        type: 'control',
        event: body.event,
        ...(reason !== undefined && { abortReason: String(reason) }),
      };
    }
    case 'message': {
      const message = body.message;
      if (!isObject(message) || typeof message.messageCode !== 'string') return bad('no messageCode');
      return {
        type: 'info',
        code: message.messageCode,
        contents: isObject(message.contents) ? message.contents : {},
      };
    }
    case 'metadata':
      if (typeof body.tsId !== 'string' || !isObject(body.properties)) return bad('no tsId or properties');
      return { type: 'metadata', tsId: body.tsId, properties: body.properties };
    case 'data': {
      if (typeof body.logicalTimestampMs !== 'number' || !Array.isArray(body.data))
        return bad('no logicalTimestampMs or data');
      const points = body.data.map((p: unknown) => {
        if (!isObject(p) || typeof p.tsId !== 'string') return bad('a point without tsId');
        if (p.value !== null && (typeof p.value !== 'number' || !Number.isFinite(p.value)))
          return bad(`a non-numeric value for ${p.tsId}`);
        return { tsId: p.tsId, value: p.value };
      });
      return { type: 'data', logicalTimestampMs: body.logicalTimestampMs, points };
    }
    case 'expired-tsid':
      if (typeof body.tsId !== 'string') return bad('no tsId');
      return { type: 'expired-tsid', tsId: body.tsId };
    case 'error':
      return { type: 'error', reason: errorReason(body) };
    default:
      return { type: 'ignored', name };
  }
}

/** Both error shapes: {"errors": [{code, context}]} and {"error", "errorType", "message"}. */
function errorReason(body: Json): string {
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    return body.errors
      .map((e) =>
        isObject(e) ? [e.code, e.context && JSON.stringify(e.context)].filter(Boolean).join(' ') : String(e),
      )
      .join('; ');
  }
  const parts = [body.errorType, body.message].filter((x) => typeof x === 'string' && x !== '');
  return parts.length > 0 ? parts.join(': ') : JSON.stringify(body);
}

import { decodeMessage, type SignalFlowMessage } from '../../../src/sources/signalfx/messages';
import { signalflowMessages } from '../../../src/sources/signalfx/stream';

async function collect(chunks: Array<string | Uint8Array>): Promise<SignalFlowMessage[]> {
  const out: SignalFlowMessage[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const m of signalflowMessages(source())) out.push(m);
  return out;
}

const STREAM = [
  ': a comment line',
  'event: control-message',
  'data: {"event": "STREAM_START", "timestampMs": 1}',
  '',
  'event: message',
  'data: {"logicalTimestampMs": 0, "message": {"messageCode": "JOB_RUNNING_RESOLUTION",',
  'data:   "contents": {"resolutionMs": 60000}}}',
  '',
  'event: metadata',
  'id: m1',
  'data: {',
  'data:   "tsId": "AAAAAAAAAAA",',
  'data:   "properties": {"sf_metric": "cpus", "AZ": "us-west-2a ü"}',
  'data: }',
  '',
  'event: data',
  'data: {"logicalTimestampMs": 1512086400000, "data": [{"tsId": "AAAAAAAAAAA", "value": 4.5}, {"tsId": "B", "value": null}]}',
  '',
  'event: control-message',
  'data: {"event": "END_OF_CHANNEL"}',
  '',
  '',
].join('\n');

const EXPECTED: SignalFlowMessage[] = [
  { type: 'control', event: 'STREAM_START' },
  { type: 'info', code: 'JOB_RUNNING_RESOLUTION', contents: { resolutionMs: 60000 } },
  { type: 'metadata', tsId: 'AAAAAAAAAAA', properties: { sf_metric: 'cpus', AZ: 'us-west-2a ü' } },
  {
    type: 'data',
    logicalTimestampMs: 1512086400000,
    points: [
      { tsId: 'AAAAAAAAAAA', value: 4.5 },
      { tsId: 'B', value: null },
    ],
  },
  { type: 'control', event: 'END_OF_CHANNEL' },
];

describe('the SSE stream', () => {
  it('decodes every message type, multi-line data, ids and comments', async () => {
    expect(await collect([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same messages however the bytes are split, even inside a UTF-8 character', async () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await collect(chunks)).toEqual(EXPECTED);
    }
  });

  it('drops an event cut off by the end of the stream (the caller resumes)', async () => {
    const cut = STREAM.slice(0, STREAM.indexOf('event: control-message\ndata: {"event": "END') + 30);
    const messages = await collect([cut]);
    expect(messages.map((m) => m.type)).toEqual(['control', 'info', 'metadata', 'data']);
  });
});

describe('message decoding', () => {
  it('reads CHANNEL_ABORT reasons and both error shapes', () => {
    expect(
      decodeMessage(
        'control-message',
        '{"event":"CHANNEL_ABORT","abortInfo":{"sf_job_abortState":"ABORTED","sf_job_abortReason":"Job too big"}}',
      ),
    ).toEqual({ type: 'control', event: 'CHANNEL_ABORT', abortReason: 'Job too big' });
    expect(decodeMessage('error', '{"errors":[{"code":"ANALYTICS_ERROR","context":{"line":1}}]}')).toEqual({
      type: 'error',
      reason: 'ANALYTICS_ERROR {"line":1}',
    });
    expect(
      decodeMessage('error', '{"error":400,"errorType":"ANALYTICS_PROGRAM_NAME_ERROR","message":"bad name"}'),
    ).toEqual({ type: 'error', reason: 'ANALYTICS_PROGRAM_NAME_ERROR: bad name' });
    expect(decodeMessage('event', '{}')).toEqual({ type: 'ignored', name: 'event' });
  });

  it('malformed server replies are protocol errors naming the message type', () => {
    expect(() => decodeMessage('data', 'not json')).toThrow(
      "malformed 'data' message from SignalFx: not JSON",
    );
    expect(() => decodeMessage('data', '{"logicalTimestampMs":1,"data":[{"tsId":"a","value":"7"}]}')).toThrow(
      /non-numeric value for a/,
    );
    expect(() => decodeMessage('metadata', '{"tsId":5}')).toThrow(/malformed 'metadata'/);
  });
});

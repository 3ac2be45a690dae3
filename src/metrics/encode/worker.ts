/** A compression thread: formats each job it is sent and returns it as one gzip member. */
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { formatJob } from './format';
import { runArrays } from './job';
import type { WorkReply, WorkRequest } from './pool';
import { gzipOptions } from './zlib';

const port = parentPort;
if (!port) throw new Error('encode/worker must run as a worker thread');

/** Reused for every job: gzipSync is done with its input when it returns. */
let scratch: Buffer = Buffer.allocUnsafeSlow(0);

port.on('message', (req: WorkRequest) => {
  let reply: WorkReply;
  try {
    const text = formatJob(req.job, scratch);
    if (text.buffer !== scratch.buffer) scratch = Buffer.from(text.buffer);
    const member = gzipSync(text, gzipOptions(req.level));
    // Only a buffer that owns its whole ArrayBuffer may be transferred (small ones can share Node's pool).
    const owned =
      member.byteOffset === 0 && member.byteLength === member.buffer.byteLength
        ? member
        : new Uint8Array(member);
    // The run arrays go back too, to be filled again.
    const runs = runArrays(req.job);
    reply = { id: req.id, member: owned, runs };
    port.postMessage(reply, [owned.buffer as ArrayBuffer, ...runs.map((a) => a.buffer as ArrayBuffer)]);
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});

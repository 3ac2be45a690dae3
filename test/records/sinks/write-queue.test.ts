import { readdirSync, readFileSync } from 'node:fs';
import { openFileSink, SinkError } from '../../../src/records/sinks';
import { WriteQueue } from '../../../src/records/sinks/write-queue';
import { tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const folder = (): string => tmp.file(`queue-${n++}`);

const T0 = Date.UTC(2024, 0, 30, 20, 0, 0);
const HOUR = 3_600_000;
const batch = (i: number): string => `${i},${'x'.repeat(i % 50)},é\r\n`.repeat(1 + (i % 5));

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(`${dir}/${name}`, 'utf8');
  return out;
}

describe('background writes (FileSink background)', () => {
  it('rotated files equal those of synchronous writes, though the caller reuses its buffer at once', async () => {
    const plain = folder();
    const sync = openFileSink({ path: `${plain}/logs.csv`, rotation: { kind: 'daily' }, header: 'h\r\n' });
    const dir = folder();
    const sink = openFileSink({
      path: `${dir}/logs.csv`,
      rotation: { kind: 'daily' },
      header: 'h\r\n',
      background: true,
    });
    const reused = Buffer.alloc(4096);
    for (let i = 0; i < 60; i++) {
      const length = reused.write(batch(i));
      sync.writeBytes(reused.subarray(0, length), T0 + i * HOUR);
      const wait = sink.writeBytes(reused.subarray(0, length), T0 + i * HOUR);
      reused.fill(0);
      // Waiting only now and then: several batches queued at once.
      if (wait && i % 7 === 0) await wait;
    }
    await sync.close();
    await sink.flush();
    const position = sink.committed();
    await sink.close();
    expect(contents(dir)).toEqual(contents(plain));
    expect(Object.keys(contents(dir))).toHaveLength(4);
    expect(position).toEqual({
      kind: 'file',
      file: 'logs-2024-02-02.csv',
      bytes: Buffer.byteLength(contents(dir)['logs-2024-02-02.csv'] as string),
    });
  });

  it('a write that fails is reported by the flush, naming the file; later batches are refused', async () => {
    const sink = openFileSink({ path: '/dev/full', background: true });
    expect(sink.writeBytes(Buffer.from('a\n'), T0)).toBeUndefined();
    await expect(sink.flush()).rejects.toThrow(new SinkError('/dev/full: no space left on the device'));
    expect(() => sink.writeBytes(Buffer.from('b\n'), T0)).toThrow(SinkError);
  });
});

describe('WriteQueue', () => {
  it('runs jobs one at a time in order; a promise when one is queued, settled when it starts', async () => {
    const log: string[] = [];
    const running: Array<() => void> = [];
    const queue = new WriteQueue((bytes, _at, done) => {
      log.push(`start ${Buffer.from(bytes).toString()}`);
      running.push(() => {
        log.push(`done ${Buffer.from(bytes).toString()}`);
        done();
      });
    });
    expect(queue.push(Buffer.from('1'), 0)).toBeUndefined();
    const second = queue.push(Buffer.from('2'), 0);
    const third = queue.push(Buffer.from('3'), 0);
    expect(second).toBeInstanceOf(Promise);
    const idle = queue.idle();
    running.shift()?.();
    await second;
    running.shift()?.();
    await third;
    running.shift()?.();
    await idle;
    expect(log).toEqual(['start 1', 'done 1', 'start 2', 'done 2', 'start 3', 'done 3']);
    expect(queue.pending).toBe(false);
  });

  it('a failure fails the jobs queued after it and every later push', async () => {
    const finish: Array<(err?: unknown) => void> = [];
    const queue = new WriteQueue((_bytes, _at, done) => finish.push(done));
    queue.push(Buffer.from('1'), 0);
    const queued = queue.push(Buffer.from('2'), 0);
    finish.shift()?.(new Error('disk on fire'));
    await expect(queued).rejects.toThrow('disk on fire');
    await expect(queue.idle()).rejects.toThrow('disk on fire');
    expect(() => queue.push(Buffer.from('3'), 0)).toThrow('disk on fire');
  });
});

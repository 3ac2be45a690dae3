import { readdirSync, readFileSync } from 'node:fs';
import { openFileSink, SinkError } from '../../../src/records/sinks';
import { takeSlab } from '../../../src/records/sinks/slabs';
import { tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const folder = (): string => tmp.file(`bg-${n++}`);

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 30, 22, 0, 0);
/** A batch of lines as bytes: batch i, `size` bytes, its own digit repeated. */
const batch = (i: number, size: number): Buffer => Buffer.from(`${String(i % 10).repeat(size - 1)}\n`);

describe('file sink, background writes', () => {
  it('writes every batch in order, even when the caller reuses its buffer at once', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/logs.csv`, header: 'h\n', background: true });
    const reused = Buffer.alloc(300_000);
    let expected = 'h\n';
    for (let i = 0; i < 40; i++) {
      const bytes = batch(i, 1000 + i * 7000);
      bytes.copy(reused);
      const wait = sink.writeBytes(reused.subarray(0, bytes.length), T0);
      reused.fill(0);
      expected += bytes.toString();
      if (wait && i % 3 === 0) await wait;
    }
    await sink.close();
    expect(readFileSync(`${dir}/logs.csv`, 'utf8')).toBe(expected);
  });

  it('bytes given for good are written from their buffer, which is taken again once written', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/logs.csv`, background: true });
    const slabs = [takeSlab(100), takeSlab(100)];
    let expected = '';
    for (const [i, slab] of slabs.entries()) {
      const bytes = batch(i, 5000);
      bytes.copy(slab);
      sink.writeBytes(slab.subarray(0, bytes.length), T0, { lines: 1 });
      expected += bytes.toString();
    }
    await sink.close();
    expect(readFileSync(`${dir}/logs.csv`, 'utf8')).toBe(expected);
    const again = [takeSlab(100), takeSlab(100)];
    for (const slab of again) expect(slabs.some((given) => given.buffer === slab.buffer)).toBe(true);
  });

  it('text lines (ndjson) are written in order too, and the writer asks to wait when batches pile up', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/logs.ndjson`, background: true, bufferBytes: 1000 });
    let expected = '';
    let waits = 0;
    for (let i = 0; i < 2000; i++) {
      const line = `{"i":${i},"x":"${'é'.repeat(i % 5)}"}`;
      const wait = i % 2 === 0 ? sink.write(`${line}\n`, T0) : sink.writeLine(line, T0);
      expected += `${line}\n`;
      if (wait) {
        waits++;
        await wait;
      }
    }
    await sink.close();
    expect(readFileSync(`${dir}/logs.ndjson`, 'utf8')).toBe(expected);
    expect(waits).toBeGreaterThan(0);
  });

  it('a flush commits the bytes written before it; a resume cuts the file back there', async () => {
    const dir = folder();
    const first = openFileSink({ path: `${dir}/logs.csv`, header: 'h\n', background: true });
    first.writeBytes(batch(1, 500), T0);
    await first.flush();
    const position = first.committed();
    expect(position).toEqual({ kind: 'file', file: 'logs.csv', bytes: 502 });
    expect(readFileSync(`${dir}/logs.csv`)).toHaveLength(502);
    first.writeBytes(batch(2, 800), T0);
    await first.close();
    const second = openFileSink({ path: `${dir}/logs.csv`, header: 'h\n', background: true });
    await second.truncateTo(position);
    second.writeBytes(batch(3, 10), T0);
    await second.close();
    expect(readFileSync(`${dir}/logs.csv`, 'utf8')).toBe(`h\n${batch(1, 500)}${batch(3, 10)}`);
  });

  it('daily rotation: each day in its own file, the files before closed in order', async () => {
    const dir = folder();
    const sink = openFileSink({
      path: `${dir}/logs.csv`,
      rotation: { kind: 'daily' },
      header: 'h\n',
      background: true,
    });
    for (let day = 0; day < 3; day++)
      for (let i = 0; i < 4; i++) sink.writeBytes(batch(day, 2000), T0 + day * DAY);
    await sink.close();
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['logs-2024-01-30.csv', 'logs-2024-01-31.csv', 'logs-2024-02-01.csv']);
    names.forEach((name, day) =>
      expect(readFileSync(`${dir}/${name}`, 'utf8')).toBe(`h\n${batch(day, 2000).toString().repeat(4)}`),
    );
  });

  it('a file past the size where an early sync begins beside the writes is written whole, in order', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/logs.csv`, rotation: { kind: 'daily' }, background: true });
    const size = 1024 * 1024;
    // 70 MiB on the first day (an early sync begins at 64), then a new file: the first closes after its sync.
    for (let i = 0; i < 70; i++) {
      const wait = sink.writeBytes(batch(i, size), T0);
      if (wait) await wait;
    }
    sink.writeBytes(batch(7, 10), T0 + DAY);
    await sink.close();
    const first = readFileSync(`${dir}/logs-2024-01-30.csv`);
    expect(first).toHaveLength(70 * size);
    for (let i = 0; i < 70; i++) expect(first[i * size]).toBe(48 + (i % 10));
    expect(readFileSync(`${dir}/logs-2024-01-31.csv`, 'utf8')).toBe(batch(7, 10).toString());
  });

  it('a write that fails fails the flush with one line naming the file', async () => {
    // Every write to /dev/full fails (ENOSPC) once the thread pool runs it.
    const sink = openFileSink({ path: '/dev/full', background: true });
    // Waiting for room does not fail: the flush after it does.
    await sink.writeBytes(batch(1, 10), T0);
    const flushed = sink.flush();
    await expect(flushed).rejects.toThrow(SinkError);
    await expect(flushed).rejects.toThrow(/^\/dev\/full: /);
    expect(() => sink.writeBytes(batch(2, 10), T0)).toThrow(SinkError);
    await sink.abort();
  });
});

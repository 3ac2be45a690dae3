import { existsSync, readdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { openFileSink, SinkError, type SinkPosition } from '../../../src/records/sinks';
import { filesIn, tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const folder = (): string => tmp.file(`case-${n++}`);

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 30, 22, 0, 0);
const line = (i: number): string =>
  `${i},${new Date(T0 + i * 3_600_000).toISOString()},${'é'.repeat(i % 7)}\n`;

/** Writes lines from..to-1, one per simulated hour. */
function writeLines(sink: ReturnType<typeof openFileSink>, from: number, to: number): void {
  for (let i = from; i < to; i++) sink.write(line(i), T0 + i * 3_600_000);
}

describe('file sink rotation', () => {
  it('daily: one file per UTC day of the records, each beginning with the header', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/logs.csv`, rotation: { kind: 'daily' }, header: 'i,ts,x\n' });
    writeLines(sink, 0, 30);
    await sink.close();
    const files = filesIn(dir);
    expect(Object.keys(files)).toEqual(['logs-2024-01-30.csv', 'logs-2024-01-31.csv', 'logs-2024-02-01.csv']);
    expect(files['logs-2024-01-30.csv']).toBe(`i,ts,x\n${line(0)}${line(1)}`);
    expect(files['logs-2024-01-31.csv']).toBe(
      `i,ts,x\n${Array.from({ length: 24 }, (_, k) => line(k + 2)).join('')}`,
    );
    expect(files['logs-2024-02-01.csv']!.split('\n')).toHaveLength(1 + 4 + 1);
  });

  it('hourly names carry the hour; a .gz output is compressed, rotated alike, and not resumable', async () => {
    const dir = folder();
    const hourly = openFileSink({ path: `${dir}/events.ndjson`, rotation: { kind: 'hourly' } });
    writeLines(hourly, 0, 3);
    await hourly.close();
    expect(readdirSync(dir).sort()).toEqual([
      'events-2024-01-30T22.ndjson',
      'events-2024-01-30T23.ndjson',
      'events-2024-01-31T00.ndjson',
    ]);
    const gz = openFileSink({
      path: `${dir}/z/events.ndjson.gz`,
      rotation: { kind: 'daily' },
      bufferBytes: 40,
    });
    writeLines(gz, 0, 30);
    await gz.close();
    expect(readdirSync(`${dir}/z`)).toContain('events-2024-01-31.ndjson.gz');
    // Several gzip members (one per buffer), read whole by any gzip reader.
    const text = gunzipSync(readFileSync(`${dir}/z/events-2024-01-31.ndjson.gz`)).toString('utf8');
    expect(text).toBe(Array.from({ length: 24 }, (_, k) => line(k + 2)).join(''));
    expect(gz.resumable).toBe(false);
    expect(() => gz.committed()).toThrow(/compressed \(\.gz\) outputs cannot be resumed/);
  });

  it('by size: numbered files, none past the limit, every line whole and in order', async () => {
    const dir = folder();
    const sink = openFileSink({
      path: `${dir}/out.csv`,
      rotation: { kind: 'size', maxBytes: 200 },
      header: 'h\n',
    });
    writeLines(sink, 0, 40);
    await sink.close();
    const files = filesIn(dir);
    const names = Object.keys(files);
    expect(names[0]).toBe('out-000001.csv');
    expect(names.length).toBeGreaterThan(5);
    names.forEach((name, k) => expect(name).toBe(`out-${String(k + 1).padStart(6, '0')}.csv`));
    for (const text of Object.values(files)) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200);
      expect(text.startsWith('h\n')).toBe(true);
    }
    const all = Object.values(files)
      .map((text) => text.slice(2))
      .join('');
    expect(all).toBe(Array.from({ length: 40 }, (_, k) => line(k)).join(''));
  });

  it('appends to a file that exists, without a second header', async () => {
    const dir = folder();
    const first = openFileSink({ path: `${dir}/logs.csv`, header: 'h\n' });
    writeLines(first, 0, 2);
    await first.close();
    const second = openFileSink({ path: `${dir}/logs.csv`, header: 'h\n' });
    writeLines(second, 2, 4);
    await second.flush();
    expect(second.committed()).toEqual({
      kind: 'file',
      file: 'logs.csv',
      bytes: Buffer.byteLength(`h\n${line(0)}${line(1)}${line(2)}${line(3)}`),
    });
    await second.close();
    expect(readFileSync(`${dir}/logs.csv`, 'utf8')).toBe(`h\n${line(0)}${line(1)}${line(2)}${line(3)}`);
  });
});

describe('file sink resume', () => {
  for (const rotation of [{ kind: 'none' }, { kind: 'daily' }, { kind: 'size', maxBytes: 300 }] as const) {
    it(`${rotation.kind}: cut back to the checkpoint and continued, the files equal an uninterrupted run's`, async () => {
      const whole = folder();
      const uninterrupted = openFileSink({ path: `${whole}/logs.csv`, rotation, header: 'h\n' });
      writeLines(uninterrupted, 0, 60);
      await uninterrupted.close();

      const dir = folder();
      const first = openFileSink({ path: `${dir}/logs.csv`, rotation, header: 'h\n', bufferBytes: 64 });
      writeLines(first, 0, 20);
      await first.flush();
      const saved: SinkPosition = first.committed();
      // Written after the checkpoint, then the process dies: no flush, no close; files of later days exist.
      writeLines(first, 20, 45);
      expect(filesIn(dir)).not.toEqual({});

      const resumed = openFileSink({ path: `${dir}/logs.csv`, rotation, header: 'h\n' });
      await resumed.truncateTo(JSON.parse(JSON.stringify(saved)) as SinkPosition);
      writeLines(resumed, 20, 60);
      await resumed.close();
      expect(filesIn(dir)).toEqual(filesIn(whole));
    });
  }

  it('a checkpoint before any line: every file of the output is removed on resume', async () => {
    const dir = folder();
    writeFileSync(`${dir}-other.csv`, 'not ours\n');
    const first = openFileSink({ path: `${dir}/logs.csv`, rotation: { kind: 'daily' }, bufferBytes: 1 });
    await first.flush();
    const saved = first.committed();
    expect(saved).toEqual({ kind: 'file', file: null, bytes: 0 });
    writeLines(first, 0, 30);
    writeFileSync(`${dir}/notes.txt`, 'kept');
    const resumed = openFileSink({ path: `${dir}/logs.csv`, rotation: { kind: 'daily' } });
    await resumed.truncateTo(saved);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(existsSync(`${dir}-other.csv`)).toBe(true);
  });

  it('refuses a file shorter than its committed length, or a missing one, naming it', async () => {
    const dir = folder();
    const first = openFileSink({ path: `${dir}/logs.csv` });
    writeLines(first, 0, 5);
    await first.close();
    const saved = first.committed();
    truncateSync(`${dir}/logs.csv`, 10);
    const resumed = openFileSink({ path: `${dir}/logs.csv` });
    await expect(resumed.truncateTo(saved)).rejects.toThrow(
      new SinkError(
        `${dir}/logs.csv is shorter (10 bytes) than at the last checkpoint (${(saved as { bytes: number }).bytes} bytes): was it changed? Reset the run to start over`,
      ),
    );
    await expect(
      openFileSink({ path: `${dir}/other.csv` }).truncateTo({ kind: 'file', file: 'logs.csv', bytes: 5 }),
    ).rejects.toThrow(/the saved file 'logs.csv' is not one of this output's names/);
    await expect(
      openFileSink({ path: `${dir}/logs.csv` }).truncateTo({ kind: 'stream', lines: 5 }),
    ).rejects.toThrow(/not a file's/);
  });

  it('a folder that cannot be made: one line naming it', () => {
    const dir = folder();
    writeFileSync(`${dir}.txt`, 'a file, not a folder');
    const sink = openFileSink({ path: `${dir}.txt/logs.csv` });
    expect(() => sink.write('x\n', T0 + DAY)).toThrow(new SinkError(`${dir}.txt: not a folder`));
  });
});

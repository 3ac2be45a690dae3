import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bodyOf, retryAfterMs } from '../../../src/records/sinks/http';
import { ByteBuffer } from '../../../src/records/sinks/bytes';
import { openFileSink } from '../../../src/records/sinks';
import { tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const folder = (): string => {
  const dir = tmp.file(`modes-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe('file sink modes', () => {
  it('replace: a file keeps its old contents until the new one is complete, then takes its name', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/ev.csv`, mode: 'replace', header: 'a\n' });
    sink.write('1\n', T0);
    await sink.flush();
    writeFileSync(`${dir}/ev.csv`, 'old\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    sink.write('2\n', T0);
    await sink.close();
    expect(readFileSync(`${dir}/ev.csv`, 'utf8')).toBe('a\n1\n2\n');
    expect(readdirSync(dir)).toEqual(['ev.csv']);
  });

  it('replace with hourly rotation: each finished hour is renamed when the next begins; abort removes the current one', async () => {
    const dir = folder();
    const sink = openFileSink({ path: `${dir}/ev.log`, mode: 'replace', rotation: { kind: 'hourly' } });
    sink.write('x\n', T0);
    sink.write('y\n', T0 + HOUR);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.tmp'))).toEqual(['ev-2024-01-01T00.log']);
    await sink.abort();
    expect(readdirSync(dir)).toEqual(['ev-2024-01-01T00.log']);
    expect(readFileSync(`${dir}/ev-2024-01-01T00.log`, 'utf8')).toBe('x\n');
  });

  it('truncate: an existing file begins empty and is written in place; neither mode is resumable', async () => {
    const dir = folder();
    writeFileSync(`${dir}/ev.log`, 'a much longer old line\n');
    const sink = openFileSink({ path: `${dir}/ev.log`, mode: 'truncate' });
    sink.write('new\n', T0);
    await sink.flush();
    expect(readFileSync(`${dir}/ev.log`, 'utf8')).toBe('new\n');
    expect(() => sink.committed()).toThrow(/only appended files can be resumed/);
    await sink.close();
    expect(existsSync(`${dir}/ev.log`)).toBe(true);
  });
});

describe('http bodies and Retry-After', () => {
  it('bulk puts the action line before each record; json-array joins them', () => {
    expect(bodyOf({ kind: 'bulk' }, '{"a":1}\n{"a":2}\n')).toBe(
      '{"index":{}}\n{"a":1}\n{"index":{}}\n{"a":2}\n',
    );
    expect(bodyOf({ kind: 'bulk', action: '{"create":{}}' }, '{"a":1}\n')).toBe('{"create":{}}\n{"a":1}\n');
    expect(bodyOf({ kind: 'json-array' }, '1\n2\n')).toBe('[1,2]');
  });

  it('Retry-After in seconds or as a date, capped; nothing readable is undefined', () => {
    const now = Date.UTC(2024, 0, 1, 12);
    expect(retryAfterMs('3', 60_000, now)).toBe(3000);
    expect(retryAfterMs('3600', 60_000, now)).toBe(60_000);
    expect(retryAfterMs(new Date(now + 5000).toUTCString(), 60_000, now)).toBe(5000);
    expect(retryAfterMs('Mon, 01 Jan 2000 00:00:00 GMT', 60_000, now)).toBe(0);
    expect(retryAfterMs('soon', 60_000, now)).toBeUndefined();
    expect(retryAfterMs(undefined, 60_000, now)).toBeUndefined();
  });
});

describe('ByteBuffer', () => {
  it('gathers text as exact UTF-8 bytes across chunk boundaries', () => {
    const b = new ByteBuffer(16);
    let bytes = 0;
    const parts = ['héllo\n', 'x'.repeat(40), '€\n', 'end\n'];
    for (const p of parts) bytes += b.append(p);
    expect(bytes).toBe(Buffer.byteLength(parts.join('')));
    expect(b.length).toBe(bytes);
    expect(Buffer.concat(b.take()).toString('utf8')).toBe(parts.join(''));
    expect(b.length).toBe(0);
    expect(b.take()).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stdoutSink } from '../../../src/records/sinks';
import { ROOT } from '../../support/paths';

/** Writes up to 10 million lines through the stdout sink, stopping when it is closed; says where on stderr. */
const WRITER = `
const { stdoutSink } = require('./dist/src/records/sinks');
(async () => {
  const sink = stdoutSink();
  let i = 0;
  for (; i < 1e7 && !sink.closed; i++) {
    const wait = sink.write('line ' + i + '\\n', 0);
    if (wait) await wait;
  }
  await sink.close();
  process.stderr.write('stopped: closed=' + sink.closed + ' after ' + i + ' lines\\n');
})();
`;

/**
 * Lines 0 to COUNT (rounded up to a multiple of 3) through the stdout sink, as text, single lines and reused
 * bytes, waiting when asked; an error is printed and fails the run.
 */
const LINES = `
const { stdoutSink } = require('./dist/src/records/sinks');
(async () => {
  const sink = stdoutSink();
  const reused = Buffer.alloc(16);
  for (let i = 0; i < Number(process.env.COUNT); i += 3) {
    await sink.write('line ' + i + '\\n', 0);
    await sink.writeLine('line ' + (i + 1), 0);
    const n = reused.write('line ' + (i + 2) + '\\n');
    await sink.writeBytes(reused.subarray(0, n), 0);
    reused.fill(88);
  }
  await sink.close();
})().catch((err) => {
  process.stderr.write(String(err) + '\\n');
  process.exitCode = 1;
});
`;

/** Runs LINES in bash with stdout redirected as `redirect` says (`>> FILE`). */
function writeLines(count: number, redirect: string) {
  return spawnSync('bash', ['-c', `"${process.execPath}" -e "$LINES" ${redirect}`], {
    cwd: ROOT,
    env: { ...process.env, LINES, COUNT: String(count) },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('stdout sink', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stdout-sink-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stdout redirected to a file gets every line in order, after what the file held (>>)', () => {
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'before\n');
    const run = writeLines(100, `>> "${file}"`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected = Array.from({ length: 102 }, (_, i) => `line ${i}\n`).join('');
    expect(readFileSync(file, 'utf8')).toBe(`before\n${expected}`);
  });

  it('stdout that cannot be written (a file opened for reading) fails with the system error', () => {
    const file = join(dir, 'read-only.txt');
    writeFileSync(file, 'kept\n');
    // Enough lines for several writes: the error of a write is reported by the next one.
    const run = writeLines(100_000, `1< "${file}"`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/stdout: EBADF/);
    expect(readFileSync(file, 'utf8')).toBe('kept\n');
  });

  it('a reader that goes away (| head) ends the output quietly, exit 0, without writing everything', () => {
    const run = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" -e "$WRITER" | head -n 2; echo "status \${PIPESTATUS[0]}" >&2`],
      {
        cwd: ROOT,
        env: { ...process.env, WRITER },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stdout).toBe('line 0\nline 1\n');
    expect(run.stderr).toMatch(/^stopped: closed=true after \d+ lines\nstatus 0\n$/);
    const written = Number(/after (\d+) lines/.exec(run.stderr)?.[1]);
    expect(written).toBeLessThan(1e7);
  });

  it('counts the lines handed over at each flush, and restarts the count on resume', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const sink = stdoutSink(out);
    await sink.truncateTo({ kind: 'stream', lines: 10 });
    sink.write('a\nb\n', 0);
    sink.write('c\n', 0);
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 10 });
    await sink.flush();
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 13 });
    expect(text).toBe('a\nb\nc\n');
  });

  it('writes bytes after pending text: copied, or as given with their line count', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const sink = stdoutSink(out);
    const reused = Buffer.from('b\nc\n');
    sink.write('a\n', 0);
    sink.writeBytes?.(reused, 0);
    reused.write('X\nY\n');
    const given = Buffer.from('d\ne\nf');
    sink.writeBytes?.(given, 0, { lines: 2 });
    sink.write('\n', 0);
    await sink.flush();
    expect(Buffer.concat(chunks).toString()).toBe('a\nb\nc\nd\ne\nf\n');
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 6 });
  });
});

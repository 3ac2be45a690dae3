import { spawnSync } from 'node:child_process';
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

describe('stdout sink', () => {
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

import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BIN, ROOT } from '../support/paths';
import { cli, cliAsync } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Workers arrive every 0.2 s and log every 0.25 s for a second: a steady trickle of records. */
const trickle = tmp.file('trickle.json');
writeFileSync(
  trickle,
  JSON.stringify({
    interarrival: { type: 'constant', value: 0.2 },
    emitters: [
      {
        name: 'tick',
        dimensions: [
          { type: 'clock', name: 'time' },
          { type: 'int', name: 'n', distribution: { type: 'uniform', min: 0, max: 1000 } },
        ],
      },
    ],
    states: [
      {
        name: 'run',
        emitter: 'tick',
        delay: { type: 'constant', value: 0.25 },
        transitions: [
          { next: 'run', probability: 0.8 },
          { next: 'stop', probability: 0.2 },
        ],
      },
    ],
  }),
);
const S = ['-s', '2024-01-01T00:00:00'];

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('generate-events', () => {
  it('writes JSON lines with -n exactly N, prints its seed, and repeats byte for byte', async () => {
    const args = ['generate-events', '-c', trickle, ...S, '-n', '250', '--seed', '7'];
    const [a, b] = await Promise.all([cliAsync(args), cliAsync(args)]);
    expect(a.status).toBe(0);
    expect(a.stderr).toContain('Random seed: 7\n');
    const rows = parse(a.stdout);
    expect(rows).toHaveLength(250);
    expect(Object.keys(rows[0] as object)).toEqual(['time', 'n']);
    expect(rows[0]?.time).toMatch(/^2024-01-01T00:00:00\.250\+00:00$/);
    expect(b.stdout).toBe(a.stdout);
  });

  it('-r writes nothing at or after start + duration; -s keeps its offset', () => {
    const r = cli([
      'generate-events',
      '-c',
      trickle,
      '-s',
      '2024-01-01T00:00:00+05:30',
      '-r',
      '1M',
      '--seed',
      '1',
      '-q',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const times = parse(r.stdout).map((x) => x.time as string);
    expect(times.every((t) => t.endsWith('+05:30') && t < '2024-01-01T00:01:00.000+05:30')).toBe(true);
    expect(times.at(-1)! >= '2024-01-01T00:00:59.000+05:30').toBe(true);
  });

  it('shards together write the unsharded output, each in time order', async () => {
    const args = ['generate-events', '-c', trickle, ...S, '-r', 'PT1M', '--seed', '3', '-q'];
    const [whole, ...parts] = (
      await Promise.all([cliAsync(args), ...[1, 2, 3].map((k) => cliAsync([...args, '--shard', `${k}/3`]))])
    ).map((r) => r.stdout) as [string, ...string[]];
    for (const p of parts) {
      const times = parse(p).map((x) => x.time as string);
      expect(times).toEqual([...times].sort());
    }
    const lines = (t: string) => t.trim().split('\n').sort();
    expect(parts.flatMap(lines).sort()).toEqual(lines(whole));
  });

  it('-o FILE is written atomically, nothing on stdout', () => {
    const out = tmp.file('out.jsonl');
    const r = cli(['generate-events', '-c', trickle, ...S, '-n', '10', '--seed', '1', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(parse(readFileSync(out, 'utf8'))).toHaveLength(10);
    expect(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a reader that stops reading (| head) ends the run quietly with exit 0', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node '${BIN}' generate-events -c '${trickle}' -s 2024-01-01 -n 5000000 --seed 1 2>err.txt | head -2; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { cwd: tmp.path, encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toMatch(/exit 0\n$/);
    expect(readFileSync(tmp.file('err.txt'), 'utf8')).toBe('Random seed: 1\n');
  });

  it('bad input: one line, exit 2, nothing on stdout; --validate; Kafka refused with a kcat pipe instead', async () => {
    const bad = tmp.file('bad.json');
    const config = JSON.parse(readFileSync(trickle, 'utf8'));
    config.states[0].transitions[0].next = 'rnu';
    writeFileSync(bad, JSON.stringify(config));
    const target = tmp.file('kafka.json');
    writeFileSync(target, JSON.stringify({ type: 'kafka', endpoint: 'broker:9092', topic: 'clicks' }));
    // Independent runs: side by side.
    const [both, r, shard, v, k] = await Promise.all([
      cliAsync(['generate-events', '-c', trickle, ...S, '-n', '5', '-r', 'PT1M']),
      cliAsync(['generate-events', '-c', bad, ...S, '-n', '5']),
      cliAsync(['generate-events', '-c', trickle, ...S, '-n', '5', '--shard', '4/3']),
      cliAsync(['generate-events', '-c', trickle, '--validate']),
      cliAsync(['generate-events', '-c', trickle, ...S, '-n', '5', '--target', target]),
    ]);
    expect([both.status, both.stdout]).toEqual([2, '']);
    expect(both.stderr).toBe(
      'Error: -n/--records and -r/--duration cannot be used together: give one limit\n',
    );
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `Error: ${bad}: states[0].transitions[0].next: no state 'rnu' (did you mean 'run'?)\n`,
    );
    expect([shard.status, shard.stderr]).toEqual([
      2,
      "Error: --shard must be K/N with 1 <= K <= N, e.g. 2/4 (got '4/3')\n",
    ]);
    expect([v.status, v.stdout]).toEqual([0, '']);
    expect(v.stderr).toMatch(/valid v2 config: 1 emitter\(s\), 1 state\(s\)/);
    expect([k.status, k.stdout]).toEqual([1, '']);
    expect(k.stderr).toMatch(/kafka targets are not supported .*\| kcat -P -b broker:9092 -t clicks\n$/);
    expect(k.stderr.split('\n')).toHaveLength(2);
  });
});

interface Timed {
  readonly at: number;
  readonly row: Record<string, unknown>;
}

/** Runs the CLI and notes when each line arrived (epoch ms); `enough` may end it early (SIGTERM). */
function timedRun(
  args: string[],
  enough: (lines: readonly Timed[]) => boolean = () => false,
): Promise<{ lines: Timed[]; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    const lines: Timed[] = [];
    let rest = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.stdout.on('data', (d: Buffer) => {
      const at = Date.now();
      const parts = (rest + d.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) lines.push({ at, row: JSON.parse(p) as Record<string, unknown> });
      if (enough(lines)) child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ lines, status });
    });
  });
}

const ms = (row: Record<string, unknown>) => Date.parse(row.time as string);

describe('generate-events live', () => {
  it('without -s, records are written when their (true UTC) time comes, within 100 ms', async () => {
    const { lines, status } = await timedRun([
      'generate-events',
      '-c',
      trickle,
      '-r',
      '3s',
      '--seed',
      '1',
      '-q',
    ]);
    expect(status).toBe(0);
    expect(lines.length).toBeGreaterThan(20);
    const lags = lines.map((l) => l.at - ms(l.row));
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(-5);
    expect(Math.max(...lags)).toBeLessThan(100);
    expect(ms(lines.at(-1)!.row) - ms(lines[0]!.row)).toBeGreaterThan(2500);
    expect(lines.every((l) => (l.row.time as string).endsWith('+00:00'))).toBe(true);
  });

  it('with -s in the past and no limit, catches up at once, then goes on live', async () => {
    const { lines } = await timedRun(
      ['generate-events', '-c', trickle, '-s', '-4s', '--seed', '1', '-q'],
      (seen) => {
        const first = seen[0];
        return first !== undefined && ms(seen.at(-1)!.row) > first.at + 2000;
      },
    );
    const switchAt = lines[0]!.at;
    const history = lines.filter((l) => ms(l.row) < switchAt - 150);
    const live = lines.filter((l) => ms(l.row) > switchAt + 150);
    expect(history.length).toBeGreaterThan(10);
    expect(live.length).toBeGreaterThan(10);
    // The past comes in one burst as the run starts; from then on each record comes at its time.
    expect(Math.max(...history.map((l) => l.at)) - switchAt).toBeLessThan(150);
    const lags = live.map((l) => l.at - ms(l.row));
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(-5);
    expect(Math.max(...lags)).toBeLessThan(100);
  });
});

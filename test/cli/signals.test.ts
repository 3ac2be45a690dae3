/**
 * Ctrl-C, kill and a closed terminal, sent for real to the CLI: the exit code says which signal, no temp file
 * is left, the old output is whole, and on a terminal the progress bar gives back the cursor and line wrap.
 * Terminals are pseudo-terminals from util-linux `script`; Ctrl-C is typed into them (the pty turns it
 * into SIGINT for the CLI).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RESTORE_TERMINAL } from '../../src/cli/signals';
import { cli, cliAsync } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const tempFiles = (): string[] => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));

// Thirty days of a two-market pool changing every minute: about ten seconds of simulation.
const design = tmp.file('month.yaml');
writeFileSync(
  design,
  `metadata:
  fulfilled_capacity|cluster=c,pool=default.mesos:
    start_time: '2017-11-01T00:00:00Z'
    end_time: '2017-12-01T00:00:00Z'
    dict_keys: ['<m5.large, us-west-2a>', '<m5.large, us-west-2b>']
    frequency: 1m
    values: {distribution: randint, params: {a: 10, b: 50}}
  spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=m5.large:
    start_time: '2017-11-01T00:00:00Z'
    end_time: '2017-12-01T00:00:00Z'
    frequency: 5m
    values: {distribution: uniform, params: {a: 0.01, b: 0.1}}
  spot_prices|aws_availability_zone=us-west-2b,aws_instance_type=m5.large:
    start_time: '2017-11-01T00:00:00Z'
    end_time: '2017-12-01T00:00:00Z'
    frequency: 5m
    values: {distribution: uniform, params: {a: 0.01, b: 0.1}}
system_metrics:
  cpus_allocated|cluster=c,pool=default.mesos:
    start_time: '2017-11-01T00:00:00Z'
    end_time: '2017-12-01T00:00:00Z'
    frequency: 1m
    values: {distribution: uniform, params: {a: 10, b: 50}}
`,
);
const metrics = tmp.file('month.json.gz');
const MONTH = ['--start-time', '2017-11-01T00:00:00Z', '--end-time', '2017-12-01T00:00:00Z'];
const simulateMonth = (result: string): string[] => [
  'simulate',
  '--metrics-data-files',
  metrics,
  '--cluster',
  'c',
  ...MONTH,
  '--simulation-result-file',
  result,
];

/** An earlier, quick result at `path`, to check that an interrupted run leaves it whole. */
function oldResult(path: string): Buffer {
  const day = ['--start-time', '2017-11-01T00:00:00Z', '--end-time', '2017-11-01T01:00:00Z'];
  const res = cli(
    ['simulate', '--metrics-data-files', metrics, '--cluster', 'c', ...day, '-q'].concat([
      '--simulation-result-file',
      path,
    ]),
  );
  expect(res.status).toBe(0);
  return readFileSync(path);
}

beforeAll(() => {
  expect(cli(['generate-data', '-i', design, '-o', metrics, '--seed', '3', '-q']).status).toBe(0);
}, 60_000);

/**
 * Runs the CLI on a pseudo-terminal; once the screen matches `ready`, types Ctrl-C. Returns the exit status
 * and everything the terminal was sent.
 */
function interruptOnTerminal(
  args: readonly string[],
  ready: RegExp | undefined,
): Promise<{ status: number | null; screen: string; interrupted: boolean }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, FORCE_COLOR: '0', TERM: 'xterm' },
  });
  let screen = '';
  let interrupted = false;
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString('utf8');
    if (ready && !interrupted && ready.test(screen)) {
      interrupted = true;
      // A moment more, so that the bar is mid-way, not just drawn.
      setTimeout(() => child.stdin.write('\x03'), 200);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, screen, interrupted });
    }),
  );
}

describe('Ctrl-C on a terminal', () => {
  it('during simulate: the bar over simulated time stops, cursor and line wrap come back, exit 130, no temp', async () => {
    const result = tmp.file('tty-result.json.gz');
    const before = oldResult(result);
    const run = await interruptOnTerminal(simulateMonth(result), /\d+% \| \d+\/720 simulated hours/);
    expect(run.interrupted).toBe(true);
    expect(run.status).toBe(130);
    // The bar hid the cursor and turned line wrap off; the last thing the terminal hears turns both back on.
    expect(run.screen).toContain('\x1b[?25l');
    expect(run.screen.endsWith(RESTORE_TERMINAL)).toBe(true);
    expect(run.screen).not.toMatch(/total cost/);
    expect(readFileSync(result).equals(before)).toBe(true);
    expect(tempFiles()).toEqual([]);
  }, 60_000);

  it('during generate-data: exit 130, terminal restored, no temp file, old file whole', async () => {
    const big = tmp.file('big.yaml');
    writeFileSync(
      big,
      `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2018-01-15T00:00:00Z', frequency: 1s,
    values: {distribution: uniform, params: {a: 0, b: 100}}}
`,
    );
    const out = tmp.file('tty-out.json.gz');
    writeFileSync(out, readFileSync(metrics));
    const run = await interruptOnTerminal(
      ['generate-data', '-i', big, '-o', out, '--seed', '1', '--yes'],
      /\d+% \| [\d,]+\/3888000 points/,
    );
    expect(run.interrupted).toBe(true);
    expect(run.status).toBe(130);
    expect(run.screen.endsWith(RESTORE_TERMINAL)).toBe(true);
    expect(readFileSync(out).equals(readFileSync(metrics))).toBe(true);
    expect(tempFiles()).toEqual([]);
  }, 60_000);
});

describe('a terminal left alone', () => {
  it('simulate says it is rendering reports, then prints the summary', async () => {
    const run = await interruptOnTerminal(
      [
        'simulate',
        '--metrics-data-files',
        metrics,
        '--cluster',
        'c',
        '--start-time',
        '2017-11-01T00:00:00Z',
        '--end-time',
        '2017-11-02T00:00:00Z',
        '--reports',
        'cost',
        'cpus',
        '--output-prefix',
        tmp.file('tty'),
      ],
      undefined,
    );
    expect(run.status).toBe(0);
    expect(run.screen).toContain('Rendering 2 reports…');
    expect(run.screen).toMatch(/total cost/);
    expect(run.screen).toContain(`Reports: ${tmp.file('tty_report.html')}`);
  }, 60_000);
});

describe('signals without a terminal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s during a long simulate: heard at once, exit %i, old result whole, no temp',
    async (signal, code) => {
      const result = tmp.file(`${signal}-result.json.gz`);
      const before = oldResult(result);
      // The event log shows when the simulation itself is under way.
      const child = spawn(process.execPath, [BIN, ...simulateMonth(result), '--log-level', 'info'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      let log = '';
      child.stderr.on('data', (d: Buffer) => (log = (log + d.toString('utf8')).slice(-10_000)));
      const deadline = Date.now() + 30_000;
      while (!log.includes('ClusterChangeEvent') && Date.now() < deadline) await sleep(20);
      await sleep(300);
      expect(child.exitCode).toBeNull();
      const sent = Date.now();
      child.kill(signal);
      expect(await exited).toBe(code);
      // The simulation gives the event loop a turn every few thousand events: the signal need not wait for the end.
      expect(Date.now() - sent).toBeLessThan(2000);
      expect(readFileSync(result).equals(before)).toBe(true);
      expect(tempFiles()).toEqual([]);
    },
    60_000,
  );

  it('a piped run draws no bar and says nothing about rendering', async () => {
    const res = await cliAsync([
      'simulate',
      '--metrics-data-files',
      metrics,
      '--cluster',
      'c',
      '--start-time',
      '2017-11-01T00:00:00Z',
      '--end-time',
      '2017-11-02T00:00:00Z',
      '--reports',
      'cost',
      '--output-prefix',
      tmp.file('piped'),
    ]);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
  }, 60_000);
});

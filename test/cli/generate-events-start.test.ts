/**
 * generate-events starts from its own bundle (dist/events.js, no oclif) when bin/run.js can read its
 * arguments, and through oclif otherwise: what a user sees must not depend on which one ran. Each case runs
 * the CLI as usual and the oclif command directly (the main bundle's main(), as bin/run.js called it before)
 * and compares stdout, stderr, exit codes and written files.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import GenerateEvents from '../../commands/generate-events';
import { BaseCommand } from '../../src/cli/command';
import { EVENT_FLAGS, parseEventFlags } from '../../src/cli/events-main';
import { cli, type CliResult } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The same command through oclif, skipping bin/run.js' fast path. */
function viaOclif(args: readonly string[]): CliResult {
  const bin = join(ROOT, 'bin');
  const load = `require(${JSON.stringify(join(bin, 'bundle.js'))}).loadBundle().exports.main(${JSON.stringify(bin)}, ${JSON.stringify(['generate-events', ...args])})`;
  const res = spawnSync(process.execPath, ['-e', load], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const CONFIG = {
  interarrival: { type: 'exponential', mean: 0.5 },
  emitters: [
    {
      name: 'click',
      dimensions: [
        { type: 'clock', name: 'time' },
        { type: 'enum', name: 'page', values: ['home', 'cart', 'café'], cardinality: 0 },
        { type: 'int', name: 'n', distribution: { type: 'uniform', min: 0, max: 99 }, cardinality: 0 },
        { type: 'variable', name: 'ip', variable: 'ip' },
      ],
    },
  ],
  states: [
    {
      name: 'browse',
      emitter: 'click',
      variables: [
        {
          type: 'ipaddress',
          name: 'ip',
          distribution: { type: 'uniform', min: 0, max: 1e9 },
          cardinality: 0,
        },
      ],
      delay: { type: 'exponential', mean: 2 },
      transitions: [
        { next: 'browse', probability: 0.8 },
        { next: 'stop', probability: 0.2 },
      ],
    },
  ],
};
const config = tmp.file('clicks.json');
writeFileSync(config, JSON.stringify(CONFIG));
const yaml = tmp.file('clicks.yaml');
writeFileSync(yaml, `# the same config as YAML (JSON is YAML)\n${JSON.stringify(CONFIG)}\n`);
const pattern = tmp.file('line.txt');
writeFileSync(pattern, '{{time|%d/%b/%Y:%H:%M:%S %z}} {{page}} {{n}} {{ip}}\n');
const broken = tmp.file('broken.json');
writeFileSync(broken, '{"emitters": [');

const RUN = ['-c', config, '-s', '2024-01-01T00:00:00', '--seed', '42'];

/** The run summary's figures (time, records/s) change from run to run. */
const steady = (stderr: string) => stderr.replace(/ in [\d.]+ s \(\d+ records\/s\)/, ' in T s (R records/s)');

function expectSame(args: readonly string[]): CliResult {
  const fast = cli(['generate-events', ...args]);
  const oclif = viaOclif(args);
  expect({ ...fast, stderr: steady(fast.stderr) }).toEqual({ ...oclif, stderr: steady(oclif.stderr) });
  return fast;
}

describe('generate-events with and without oclif', () => {
  it.each([
    ['JSON lines', [...RUN, '-n', '500', '-q']],
    ['YAML config', ['-c', yaml, '-s', '2024-01-01T00:00:00', '--seed', '42', '-n', '200', '-q']],
    ['a pattern file', [...RUN, '-n', '300', '-f', pattern, '-q']],
    ['CSV', [...RUN, '-r', 'PT1M', '--format', 'csv', '-q']],
    ['status lines', [...RUN, '-n', '50']],
    ['--flag=value and -n50 forms', ['--config=' + config, '-s=2024-01-02', '--seed=7', '-n50', '--quiet']],
    ['-m and --shard', [...RUN, '-n', '100', '-m', '3', '--shard', '2/3', '-q']],
  ])('%s: the same records and messages', (_name, args) => {
    // The fast parser takes these itself (otherwise both sides would be oclif's).
    expect(parseEventFlags(args)).toBeDefined();
    const res = expectSame(args);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^\S.*\n/);
  });

  it.each([
    ['a missing config file', ['-c', tmp.file('none.json'), '-s', '2024-01-01', '-n', '1']],
    ['a broken config', ['-c', broken, '-s', '2024-01-01', '-n', '1']],
    ['-n 0', [...RUN, '-n', '0']],
    // A relative start's records depend on the clock: a run that fails after reading it is comparable.
    ['-n 0 after a relative start (a value that starts with -)', ['-c', config, '-s', '-1d', '-n', '0']],
    ['-n and -r together', [...RUN, '-n', '5', '-r', 'PT1H']],
    ['a bad seed', ['-c', config, '-s', '2024-01-01', '--seed', 'x', '-n', '1']],
    ['a bad start', ['-c', config, '-s', 'yesterday-ish', '-n', '1']],
    ['a bad shard', [...RUN, '-n', '5', '--shard', '4/3']],
    ['a missing pattern file', [...RUN, '-n', '5', '-f', tmp.file('none.txt')]],
    ['a non-integer -n', [...RUN, '-n', 'ten']],
    ['-m out of range', [...RUN, '-n', '5', '-m', '0']],
    ['an unknown flag with a suggestion', [...RUN, '-n', '5', '--sed', '4']],
    ['an unknown format', [...RUN, '-n', '5', '--format', 'jsn']],
    ['no config', ['-s', '2024-01-01', '-n', '5']],
    ['a flag without its value', [...RUN, '-n']],
    ['a flag given twice', [...RUN, '-n', '5', '-n', '6']],
    ['a stray argument', [...RUN, '-n', '5', 'extra']],
    ['--json', [...RUN, '-n', '5', '--json']],
  ])('%s: the same error and exit code', (_name, args) => {
    const res = expectSame(args);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Error: /);
  });

  it('--validate: the same verdict', () => {
    const res = expectSame(['-c', config, '--validate']);
    expect(res).toMatchObject({ status: 0, stdout: '' });
    expect(res.stderr).toMatch(/valid v2 config: 1 emitter\(s\), 1 state\(s\)/);
  });

  it('--help and --debug are left to oclif: its help, and stacks that name src/*.ts lines', () => {
    const help = cli(['generate-events', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^USAGE\n {2}\$ clusterman generate-events -c CONFIG/m);
    const debug = cli(['generate-events', '-c', tmp.file('none.json'), '-s', '2024-01-01', '--debug']);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\bat .*\/src\/events\/config\/read\.ts:\d+:\d+\)/);
  });

  it('-o FILE: the same file', () => {
    const out = tmp.file('out.jsonl');
    const args = [...RUN, '-n', '400', '-q', '-o', out];
    expect(cli(['generate-events', ...args])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const fast = readFileSync(out);
    rmSync(out);
    expect(viaOclif(args)).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(out).equals(fast)).toBe(true);
  });
});

describe('the fast path reads', () => {
  it('the flags the command declares, as oclif does', () => {
    const declared = { ...BaseCommand.baseFlags, ...GenerateEvents.flags } as Record<
      string,
      {
        char?: string;
        type: string;
        options?: readonly string[];
        min?: number;
        max?: number;
        default?: unknown;
      }
    >;
    const own = Object.entries(declared).filter(([name]) => name !== 'debug');
    expect(
      EVENT_FLAGS.map((f) => [
        f.name,
        f.char,
        f.type === 'boolean' ? 'boolean' : 'option',
        f.options,
        f.default,
      ]),
    ).toEqual(own.map(([name, f]) => [name, f.char, f.type, f.options, f.default]));
    expect(EVENT_FLAGS.find((f) => f.name === 'max-workers')).toMatchObject({
      min: declared['max-workers']?.min,
      max: declared['max-workers']?.max,
    });
  });

  it('the usual argument lists, and leaves the rest to oclif', () => {
    expect(parseEventFlags([...RUN, '-n', '5', '-q'])).toEqual({
      config,
      start: '2024-01-01T00:00:00',
      seed: '42',
      records: 5,
      quiet: true,
      validate: false,
      format: 'json',
      'max-workers': 100,
    });
    expect(parseEventFlags(['--config=x', '-n7', '-m=3', '-s', '-1d'])).toMatchObject({
      config: 'x',
      records: 7,
      'max-workers': 3,
      start: '-1d',
    });
    for (const args of [
      ['-c', 'x', '--debug'],
      ['-c', 'x', '-n', 'ten'],
      ['-c', 'x', '-c', 'y'],
      ['-c', 'x', '--', '-n'],
      ['-c', 'x', 'extra'],
      ['-c', '-q'],
      ['-c', 'x', '-qn', '5'],
      ['-c', 'x', '--quiet=true'],
      ['-n', '5'],
    ])
      expect(parseEventFlags(args)).toBeUndefined();
  });
});

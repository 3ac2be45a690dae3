/**
 * Replacing existing series asks first: through an injected prompt (in process) and through a real
 * pseudo-terminal (util-linux `script` runs the CLI on a pty and feeds it our answers).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runGenerateData, type GenerateDataFlags, type Io } from '../../src/cli/generate-data';
import { replaceConfirmer } from '../../src/cli/replace';
import { OverwriteDeclined } from '../../src/generate/errors';
import { readMetricsFile } from '../../src/metrics/read';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The one question, listing the series as they are named in it. */
const QUESTION = (file: string, names: string): string =>
  `Series already in ${file}: ${names}\nReplace ${names.split(', ').length} existing series in ${file}? [y/N]`;
const BOTH = "'a' (system_metrics), 'b' (system_metrics)";

const base = tmp.file('base.yaml');
writeFileSync(
  base,
  `system_metrics:
  a: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 1}
  b: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 2}
`,
);
const update = tmp.file('update.yaml');
writeFileSync(
  update,
  `system_metrics:
  a: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:02:00Z', frequency: 1m, values: 10}
  b: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:02:00Z', frequency: 1m, values: 20}
`,
);

function existing(name: string): string {
  const out = tmp.file(name);
  expect(cli(['generate-data', '-i', base, '-o', out, '--seed', '1', '-q']).status).toBe(0);
  return out;
}

const flags = (output: string, extra: Partial<GenerateDataFlags> = {}): GenerateDataFlags => ({
  input: update,
  output,
  seed: '1',
  yes: false,
  tz: 'UTC',
  'metric-type': 'system_metrics',
  'max-points': 1e8,
  json: false,
  quiet: true,
  ...extra,
});

/** An Io whose prompt answers from a list and records what it was asked. */
function scripted(answers: boolean[]): Io & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    stdout: () => undefined,
    nowMs: () => Date.UTC(2017, 11, 1),
    confirm: async (question) => {
      asked.push(question);
      return answers.shift() ?? false;
    },
  };
}

const tempFiles = (): string[] => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));

describe('an injected prompt', () => {
  it('asks once for all the series it would replace, and replaces them on yes', async () => {
    const out = existing('inj-yes.json.gz');
    const io = scripted([true]);
    const result = await runGenerateData(flags(out), io);
    expect(io.asked).toEqual([QUESTION(out, BOTH)]);
    expect(result.replaced.map((s) => s.key)).toEqual(['a', 'b']);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'a')?.map((p) => p.value)).toEqual([10, 10]);
  });

  it('no leaves the file byte for byte as it was', async () => {
    const out = existing('inj-no.json.gz');
    const before = readFileSync(out);
    const io = scripted([false]);
    await expect(runGenerateData(flags(out), io)).rejects.toBeInstanceOf(OverwriteDeclined);
    expect(io.asked).toHaveLength(1);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('--yes does not ask', async () => {
    const out = existing('inj-flag.json.gz');
    const io = scripted([]);
    await runGenerateData(flags(out, { yes: true }), io);
    expect(io.asked).toEqual([]);
  });

  it('no terminal to ask on: refused, naming the series, file untouched', async () => {
    const out = existing('inj-none.json.gz');
    const before = readFileSync(out);
    const io: Io = { ...scripted([]), confirm: undefined };
    await expect(runGenerateData(flags(out), io)).rejects.toThrow(/already holds 'a' .*'b' .*pass --yes/);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('many series: one question naming five of them and the count; a refusal names five too', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const design = (value: number): string =>
      `system_metrics:\n${keys
        .map(
          (k) =>
            `  ${k}: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:02:00Z', frequency: 1m, values: ${value}}\n`,
        )
        .join('')}`;
    const first = tmp.file('many-1.yaml');
    const second = tmp.file('many-2.yaml');
    writeFileSync(first, design(1));
    writeFileSync(second, design(2));
    const out = tmp.file('many.json.gz');
    expect(cli(['generate-data', '-i', first, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    const five = keys
      .slice(0, 5)
      .map((k) => `'${k}' (system_metrics)`)
      .join(', ');

    const io = scripted([true]);
    const result = await runGenerateData(flags(out, { input: second }), io);
    expect(io.asked).toEqual([
      `Series already in ${out}: ${five} … and 7 more\nReplace 12 existing series in ${out}? [y/N]`,
    ]);
    expect(result.replaced).toHaveLength(12);

    const refused = cli(['generate-data', '-i', first, '-o', out, '--seed', '1']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${out} already holds ${five} … and 7 more: pass --yes to replace them`);
  });
});

describe('replacing points in the datastore', () => {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
  const where = 'http://127.0.0.1:8428';

  it('asks one question naming five series and the count', async () => {
    const io = scripted([true]);
    const confirm = replaceConfirmer(false, io.confirm, 'metadata', () => false);
    await expect(confirm([{ keys, where }])).resolves.toBe(true);
    expect(io.asked).toEqual([
      `Series stored with other points in this time range: 'a', 'b', 'c', 'd', 'e' … and 1 more\n` +
        `Replace 6 existing series in ${where} (their points in this time range)? [y/N]`,
    ]);
  });

  it('without a terminal, refuses naming five series and the count', async () => {
    const confirm = replaceConfirmer(false, undefined, 'metadata', () => false);
    await expect(confirm([{ keys, where }])).rejects.toThrow(
      `${where} already holds other points of 'a', 'b', 'c', 'd', 'e' … and 1 more (metadata) in this time range: pass --yes to replace them (nothing written)`,
    );
  });
});

describe('replacing in a file and a datastore at once', () => {
  const places = [
    { keys: ['a', 'b'], where: 'metrics.json.gz' },
    { keys: ['c'], where: 'http://127.0.0.1:8428' },
  ];
  const isFile = (where: string) => where === 'metrics.json.gz';

  it('one question: each place listed, then the counts', async () => {
    const io = scripted([false]);
    await expect(replaceConfirmer(false, io.confirm, 'metadata', isFile)(places)).resolves.toBe(false);
    expect(io.asked).toEqual([
      "Series already in metrics.json.gz: 'a', 'b'\n" +
        "Series stored with other points in this time range: 'c'\n" +
        'Replace existing series: 2 in metrics.json.gz, 1 in http://127.0.0.1:8428? [y/N]',
    ]);
  });

  it('without a terminal, one refusal naming both places', async () => {
    await expect(replaceConfirmer(false, undefined, 'metadata', isFile)(places)).rejects.toThrow(
      "metrics.json.gz already holds 'a', 'b' (metadata); http://127.0.0.1:8428 already holds other points of 'c' (metadata) in this time range: pass --yes to replace them (nothing written)",
    );
  });

  it('nothing to replace anywhere: no question', async () => {
    const io = scripted([]);
    const none = [{ keys: [], where: 'metrics.json.gz' }];
    await expect(replaceConfirmer(false, io.confirm, 'metadata', isFile)(none)).resolves.toBe(true);
    expect(io.asked).toEqual([]);
  });
});

/** Runs the CLI on a pseudo-terminal, typing `input`; returns everything the terminal showed. */
function onTerminal(args: string[], input: string): { status: number | null; screen: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const res = spawnSync('script', ['-qec', command, '/dev/null'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', TERM: 'dumb' },
    timeout: 30_000,
  });
  return { status: res.status, screen: res.stdout };
}

describe('a real terminal', () => {
  it('answering y replaces the series', async () => {
    const out = existing('tty-yes.json.gz');
    const res = onTerminal(['generate-data', '-i', update, '-o', out, '--seed', '1'], 'y\n');
    const question = QUESTION(out, BOTH).replace('\n', '\r\n');
    expect(res.screen).toContain(question);
    expect(res.screen.split('? [y/N]')).toHaveLength(2);
    expect(res.status).toBe(0);
    expect(res.screen).toMatch(/replaced 2/);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'b')?.map((p) => p.value)).toEqual([20, 20]);
  });

  it('answering n (or just Enter) leaves the file untouched and exits 1', () => {
    for (const answer of ['n\n', '\n']) {
      const out = existing(`tty-no-${answer.length}.json.gz`);
      const before = readFileSync(out);
      const res = onTerminal(['generate-data', '-i', update, '-o', out, '--seed', '1'], answer);
      expect(res.screen).toContain(QUESTION(out, BOTH).replace('\n', '\r\n'));
      expect(res.status).toBe(1);
      expect(res.screen).toMatch(/left unchanged/);
      expect(readFileSync(out).equals(before)).toBe(true);
    }
  });

  it('draws a progress bar on the terminal, and none when stderr is a pipe', () => {
    const big = tmp.file('progress.yaml');
    writeFileSync(
      big,
      `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-04T00:00:00Z', frequency: 1s,
    values: {distribution: gauss, params: {mu: 50, sigma: 5}}}
`,
    );
    const shown = onTerminal(
      ['generate-data', '-i', big, '-o', tmp.file('progress.json.gz'), '--seed', '1'],
      '',
    );
    expect(shown.status).toBe(0);
    expect(shown.screen).toMatch(/\d+% \| [\d,]+\/259200 points/);
    const piped = cli(['generate-data', '-i', big, '-o', tmp.file('piped.json.gz'), '--seed', '1', '--yes']);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
  });
});

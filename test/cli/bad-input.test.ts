import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const OK = `{start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m, values: 1}`;
const spec = (fields: string) => `system_metrics:\n  cpus|c=1:\n${fields}`;
const base = `    start_time: '2017-12-01T00:00:00Z'\n    end_time: '2017-12-01T01:00:00Z'\n`;

/** [case, design text, extra args, expected one-line message] */
const CASES: Array<[string, string, string[], RegExp]> = [
  [
    'YAML syntax error, with its line',
    'system_metrics:\n  a: [1,\n  b: 2\n',
    [],
    /: YAML syntax error at line \d+, column \d+: /,
  ],
  ['empty file', '\n# nothing\n', [], /: the file is empty$/],
  ['top level not a mapping', '- a\n- b\n', [], /: the top level must be a mapping/],
  [
    'unknown metric type, suggested',
    `sytem_metrics:\n  a: ${OK}\n`,
    [],
    /unknown metric type 'sytem_metrics' \(did you mean 'system_metrics'\?\)/,
  ],
  [
    'missing start_time',
    spec(`    end_time: now\n    frequency: 1m\n    values: 1\n`),
    [],
    /metric 'cpus\|c=1' \(system_metrics\): start_time: is missing$/,
  ],
  [
    'missing end_time',
    spec(`    start_time: -1h\n    frequency: 1m\n    values: 1\n`),
    [],
    /metric 'cpus\|c=1' \(system_metrics\): end_time: is missing$/,
  ],
  ['missing frequency', spec(`${base}    values: 1\n`), [], /: frequency: is missing$/],
  ['missing values', spec(`${base}    frequency: 1m\n`), [], /: values: is missing$/],
  [
    'unknown key in a spec',
    spec(`${base}    frequency: 1m\n    values: 1\n    dict_key: [a]\n`),
    [],
    /: dict_key: unknown key \(did you mean 'dict_keys'\?\)/,
  ],
  [
    'unparseable time',
    spec(`    start_time: tomorow at noonish\n    end_time: now\n    frequency: 1m\n    values: 1\n`),
    [],
    /: start_time: .*'tomorow at noonish'/,
  ],
  [
    'end not after start',
    spec(
      `    start_time: '2017-12-01T01:00:00Z'\n    end_time: '2017-12-01T01:00:00Z'\n    frequency: 1m\n    values: 1\n`,
    ),
    [],
    /: end_time: must be after start_time/,
  ],
  [
    'unknown distribution, suggested',
    spec(`${base}    frequency: 1m\n    values: {distribution: expovariat, params: {lambd: 1}}\n`),
    [],
    /values\.distribution: .*expovariat.*did you mean 'expovariate'/,
  ],
  [
    'missing param',
    spec(`${base}    frequency: 1m\n    values: {distribution: uniform, params: {a: 1}}\n`),
    [],
    /values\.params\.b: .*missing/,
  ],
  [
    'extra param',
    spec(`${base}    frequency: 1m\n    values: {distribution: uniform, params: {a: 1, b: 2, c: 3}}\n`),
    [],
    /values\.params\.c: /,
  ],
  [
    'wrongly typed param',
    spec(`${base}    frequency: 1m\n    values: {distribution: uniform, params: {a: one, b: 2}}\n`),
    [],
    /values\.params\.a: /,
  ],
  [
    'lambd <= 0 for an interarrival',
    spec(`${base}    frequency: {distribution: expovariate, params: {lambd: 0}}\n    values: 1\n`),
    [],
    /frequency\.params\.lambd: .*lambd/,
  ],
  [
    'sigma < 0',
    spec(`${base}    frequency: 1m\n    values: {distribution: gauss, params: {mu: 0, sigma: -1}}\n`),
    [],
    /values\.params\.sigma: .*sigma/,
  ],
  [
    'a > b for randint',
    spec(`${base}    frequency: 1m\n    values: {distribution: randint, params: {a: 5, b: 1}}\n`),
    [],
    /values\.params\.\w+: /,
  ],
  ['zero frequency', spec(`${base}    frequency: 0s\n    values: 1\n`), [], /: frequency: must be positive/],
  [
    'negative frequency',
    spec(`${base}    frequency: -5\n    values: 1\n`),
    [],
    /: frequency: must be positive/,
  ],
  [
    'empty dict_keys',
    spec(`${base}    frequency: 1m\n    values: 1\n    dict_keys: []\n`),
    [],
    /: dict_keys: must not be empty$/,
  ],
  [
    'expression syntax error',
    spec(`${base}    frequency: 1m\n    values: {function: '1 + * 2'}\n`),
    [],
    /: values\.function: /,
  ],
  [
    'unknown name in an expression',
    spec(`${base}    frequency: 1m\n    values: {function: 'cpux * 2', metrics: {cpu: other}}\n`),
    [],
    /: values\.function: .*cpux/,
  ],
  [
    'unknown source metric',
    spec(`${base}    frequency: 1m\n    values: {function: 'x * 2', metric: nowhere}\n`),
    [],
    /: values\.metric: unknown source metric 'nowhere'/,
  ],
  [
    'an expression reaching beyond its names',
    spec(`${base}    frequency: 1m\n    values: {function: 'x.constructor', metric: nowhere}\n`),
    [],
    /: values\.function: /,
  ],
  [
    'process in an expression',
    spec(`${base}    frequency: 1m\n    values: {function: 'process.exit(3)'}\n`),
    [],
    /: values\.function: /,
  ],
  [
    'more points than --max-points',
    spec(`${base}    frequency: 1s\n    values: 1\n`),
    ['--max-points', '1000'],
    /more than --max-points 1,000/,
  ],
  [
    '--seed not a non-negative integer',
    spec(`${base}    frequency: 1m\n    values: 1\n`),
    ['--seed', '-3'],
    /--seed must be a non-negative integer \(got '-3'\)/,
  ],
  [
    '--seed as text',
    spec(`${base}    frequency: 1m\n    values: 1\n`),
    ['--seed', 'abc'],
    /--seed must be a non-negative integer/,
  ],
  [
    'unknown --tz',
    spec(`${base}    frequency: 1m\n    values: 1\n`),
    ['--tz', 'Mars/Olympus'],
    /--tz: unknown time zone 'Mars\/Olympus'/,
  ],
];

describe('bad input: one line naming file, metric and field; exit 2; no output', () => {
  it.each(CASES)('%s', (name, text, args, message) => {
    const file = tmp.file(`${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    const out = tmp.file(`${name.replace(/\W+/g, '-')}.json.gz`);
    const res = cli(['generate-data', '-i', file, '-o', out, ...args]);
    expect(res.stderr.trim()).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^Error: /);
    expect(res.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(res.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    if (!name.includes('--')) expect(res.stderr).toContain(file);
  });

  it('an existing output is left byte for byte as it was', () => {
    const good = tmp.file('good.yaml');
    writeFileSync(good, spec(`${base}    frequency: 1m\n    values: 1\n`));
    const out = tmp.file('kept.json.gz');
    expect(cli(['generate-data', '-i', good, '-o', out, '-q']).status).toBe(0);
    const before = readFileSync(out);
    const bad = tmp.file('bad.yaml');
    writeFileSync(
      bad,
      spec(`${base}    frequency: 1m\n    values: {distribution: gauss, params: {sigma: -1}}\n`),
    );
    expect(cli(['generate-data', '-i', bad, '-o', out, '--yes']).status).toBe(2);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('output folder missing or not writable', () => {
    const good = tmp.file('good2.yaml');
    writeFileSync(good, spec(`${base}    frequency: 1m\n    values: 1\n`));
    const missing = cli(['generate-data', '-i', good, '-o', tmp.file('no/such/folder/out.json.gz')]);
    expect(missing.status).toBe(2);
    // Checked before the design is drawn: the line names the flag, the path and the missing folder.
    expect(missing.stderr).toMatch(
      /^Error: --output: .*out\.json\.gz: folder .*no\/such\/folder does not exist\n$/,
    );
    const underFile = tmp.file('a-file');
    writeFileSync(underFile, '');
    const notFolder = cli(['generate-data', '-i', good, '-o', `${underFile}/out.json.gz`]);
    expect(notFolder.status).toBe(2);
    expect(notFolder.stderr).toMatch(
      /^Error: --output: .*a-file\/out\.json\.gz is under .*a-file, which is a file, not a folder\n$/,
    );

    // A read-only folder in a world-readable place, so that the unprivileged user below can reach it.
    const open = mkdtempSync(join(tmpdir(), 'clusterman-locked-'));
    try {
      chmodSync(open, 0o755);
      const design = join(open, 'design.yaml');
      writeFileSync(design, readFileSync(good), { mode: 0o644 });
      const locked = join(open, 'locked');
      mkdirSync(locked, { mode: 0o555 });
      chmodSync(locked, 0o555);
      // Root ignores file modes: as root (how the tests run here), this one run drops to user nobody.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const denied = spawnSync(
        process.execPath,
        [BIN, 'generate-data', '-i', design, '-o', `${locked}/out.json.gz`],
        {
          ...asNobody,
          encoding: 'utf8',
          env: { ...process.env, FORCE_COLOR: '0', HOME: open },
          timeout: 30_000,
        },
      );
      expect(denied.status).toBe(2);
      expect(denied.stderr).toMatch(
        /^Error: --output: .*locked\/out\.json\.gz cannot be written: permission denied in .*locked\n$/,
      );
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });

  it('a missing design file', () => {
    const res = cli(['generate-data', '-i', tmp.file('absent.yaml'), '-o', tmp.file('x.json.gz')]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Error: .*absent\.yaml: cannot read the design \(no such file\)$/m);
  });

  it('--debug shows the stack', () => {
    const res = cli(['generate-data', '-i', tmp.file('absent.yaml'), '-o', tmp.file('x.json.gz'), '--debug']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/\bat .*\.js:\d+/);
  });

  it('__proto__ as a metric key is a plain name', async () => {
    const file = tmp.file('proto.yaml');
    writeFileSync(file, `system_metrics:\n  __proto__: ${OK}\n  constructor: ${OK}\n`);
    const out = tmp.file('proto.json.gz');
    const res = cli(['generate-data', '-i', file, '-o', out, '--json']);
    expect(res.status).toBe(0);
    const keys = (JSON.parse(res.stdout) as { series: Array<{ key: string }> }).series.map((s) => s.key);
    expect(keys).toEqual(['__proto__', 'constructor']);
  });
});

/** generate-telemetry through the built CLI: grid, order, determinism, days, shards, fuzz, Parquet, bad input. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FLEET = tmp.file('fleet');
const DEVICES = 30;
const day = '2023-02-27';
const BASE = Date.UTC(2023, 1, 27) / 1000;

/** A folder holding a copy of the fleet's inventory. */
function folder(name: string): string {
  const dir = tmp.file(name);
  mkdirSync(dir);
  copyFileSync(join(FLEET, 'inventory.csv'), join(dir, 'inventory.csv'));
  return dir;
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
const seconds = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;

function telemetry(dir: string, ...args: string[]) {
  const res = cli(['generate-telemetry', '--directory', dir, '--seed', '9', ...args]);
  expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: 'Random seed: 9\n' });
  return res;
}

let inventory: Map<string, string>;
let dayRows: string[];

beforeAll(() => {
  expect(cli(['generate-inventory', '-d', FLEET, '-n', String(DEVICES), '--seed', '1']).status).toBe(0);
  inventory = new Map(
    lines(join(FLEET, 'inventory.csv'))
      .slice(1)
      .map((l) => [l.split(',')[0]!, l]),
  );
  const res = telemetry(FLEET, '--date', day, '--write-contract');
  expect(res.stdout).toMatch(
    /^Wrote .*data-2023-02-27\.csv: 1,440 rows \(30 devices × 24 slots × 2 measurements\)\nWrote .*contract\.yaml\n/,
  );
  dayRows = lines(join(FLEET, `data-${day}.csv`));
});

describe('generate-telemetry', () => {
  it('writes exactly one row per (device, slot, measurement), sorted by (time, sn, name), on the grid', () => {
    const [header, ...rows] = dayRows;
    expect(header).toBe('sn,model,product_id,location,start_time,end_time,measurement_value,unit,name');
    expect(rows).toHaveLength(DEVICES * 24 * 2);
    const fields = rows.map((r) => r.split(','));
    const keys = fields.map((f) => `${f[4]}|${f[0]}|${f[8]}`);
    expect(new Set(keys).size).toBe(rows.length);
    expect([...keys].sort()).toEqual(keys);
    for (const f of fields) {
      const start = seconds(f[4]!);
      expect((start - BASE) % 3600).toBe(0);
      expect(start - BASE).toBeLessThan(86_400);
      expect(seconds(f[5]!) - start).toBe(3600);
      // The inventory's attributes on every row.
      expect(f.slice(0, 4).join(',')).toBe(inventory.get(f[0]!));
      expect([`server cpu utilization|%`, 'server power|W']).toContain(`${f[8]}|${f[7]}`);
      const v = Number(f[6]);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(f[7] === '%' ? 100 : 300);
    }
  });

  it('writes contract.yaml in the agreed shape', () => {
    const contract = load(readFileSync(join(FLEET, 'contract.yaml'), 'utf8'));
    expect(contract).toEqual({
      version: 1,
      columns: [
        'sn',
        'model',
        'product_id',
        'location',
        'start_time',
        'end_time',
        'measurement_value',
        'unit',
        'name',
      ],
      quoting: 'minimal',
      time_format: '%Y-%m-%d %H:%M:%S',
      interval: 3600,
      fuzz: 0,
      data: 'data-*.csv',
      inventory: 'inventory.csv',
      granularity: 'day',
      measurements: [
        { name: 'server cpu utilization', unit: '%', min: 0, max: 100 },
        { name: 'server power', unit: 'W', min: 0, max: 300 },
      ],
      types: null,
      locations: null,
      complete: true,
    });
  });

  it('gives byte-identical files for the same inputs, and a day the same whichever days are made with it', () => {
    const dir = folder('days');
    const res = telemetry(dir, '--date', '2023-02-26', '--days', '3');
    expect(res.stdout).toMatch(/3 files/);
    expect(readdirSync(dir).sort()).toEqual([
      'data-2023-02-26.csv',
      'data-2023-02-27.csv',
      'data-2023-02-28.csv',
      'inventory.csv',
    ]);
    expect(lines(join(dir, `data-${day}.csv`))).toEqual(dayRows);
    expect(lines(join(dir, 'data-2023-02-28.csv'))).not.toEqual(dayRows);
  });

  it('--shard K/N: the shards hold disjoint devices and, together, exactly the rows of the whole run', () => {
    const dir = folder('shards');
    for (const k of [1, 2, 3]) telemetry(dir, '--date', day, '--shard', `${k}/3`);
    const shards = [1, 2, 3].map((k) => lines(join(dir, `data-${day}-shard-${k}-of-3.csv`)));
    for (const s of shards) expect(s[0]).toBe(dayRows[0]);
    const serials = shards.map((s) => new Set(s.slice(1).map((r) => r.split(',')[0])));
    expect(serials.reduce((n, s) => n + s.size, 0)).toBe(DEVICES);
    for (const s of serials) expect(s.size).toBeGreaterThan(0);
    const union = shards.flatMap((s) => s.slice(1)).sort();
    expect(union).toEqual(dayRows.slice(1).sort());
  });

  it('--fuzz moves each sample within ±fuzz of its grid time, never out of its file; --end drops start_time; THH makes hour files', () => {
    const dir = folder('fuzz');
    telemetry(dir, '--date', `${day}T05`, '--hours', '2', '--interval', '300', '--fuzz', '60', '--end');
    for (const [i, hour] of ['05', '06'].entries()) {
      const [header, ...rows] = lines(join(dir, `data-${day}T${hour}.csv`));
      expect(header).toBe('sn,model,product_id,location,end_time,measurement_value,unit,name');
      expect(rows).toHaveLength(DEVICES * 12 * 2);
      const base = BASE + (5 + i) * 3600;
      const shifts = rows.map((r, n) => {
        const end = seconds(r.split(',')[4]!);
        const slot = Math.floor(n / (DEVICES * 2));
        return end - (base + (slot + 1) * 300);
      });
      expect(Math.max(...shifts.map(Math.abs))).toBeLessThanOrEqual(60);
      expect(new Set(shifts).size).toBeGreaterThan(60);
      // Both rows of a (device, slot) share the sample time.
      for (let n = 0; n < rows.length; n += 2) expect(shifts[n]).toBe(shifts[n + 1]);
      // Slot 0 starts at or after the hour, the last slot ends at or before the next.
      expect(Math.min(...shifts.slice(0, DEVICES * 2))).toBeGreaterThanOrEqual(0);
      expect(Math.max(...shifts.slice(-DEVICES * 2))).toBeLessThanOrEqual(0);
    }
  });

  it('--format parquet: zstd Parquet that DuckDB reads as the same rows, with TIMESTAMP and DOUBLE columns', async () => {
    const dir = folder('parquet');
    telemetry(dir, '--date', day, '--format', 'parquet');
    const file = join(dir, `data-${day}.parquet`);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      const types = await c.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`);
      expect(types.getRows().map((r) => `${r[0]} ${r[1]}`)).toEqual([
        'sn VARCHAR',
        'model VARCHAR',
        'product_id VARCHAR',
        'location VARCHAR',
        'start_time TIMESTAMP',
        'end_time TIMESTAMP',
        'measurement_value DOUBLE',
        'unit VARCHAR',
        'name VARCHAR',
      ]);
      const codecs = await c.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`);
      expect(codecs.getRows().map((r) => r[0])).toEqual(['ZSTD']);
      const rows = await c.runAndReadAll(
        `SELECT concat_ws(',', sn, model, product_id, location, strftime(start_time, '%Y-%m-%d %H:%M:%S'), strftime(end_time, '%Y-%m-%d %H:%M:%S'), measurement_value::VARCHAR, unit, name) FROM '${file}'`,
      );
      expect(rows.getRows().map((r) => r[0])).toEqual(dayRows.slice(1));
    } finally {
      c.closeSync();
      db.closeSync();
    }
    expect(readdirSync(dir).sort()).toEqual([`data-${day}.parquet`, 'inventory.csv']);
    // pyarrow too, where Debian's python3-pyarrow is installed.
    const pyarrow = spawnSync(
      'python3',
      [
        '-c',
        'import pyarrow.parquet as pq, sys; t = pq.read_table(sys.argv[1]); print(t.num_rows, t.schema.field("start_time").type)',
        file,
      ],
      { encoding: 'utf8' },
    );
    if (pyarrow.status === 0) expect(pyarrow.stdout.trim()).toBe('1440 timestamp[us]');
    else process.stderr.write(`SKIPPED pyarrow check: ${pyarrow.stderr.trim().split('\n').pop()}\n`);
  });

  it('evaluates expressions (the coherent power/cpu example) and says when it clamps', () => {
    const dir = folder('coherent');
    const res = telemetry(
      dir,
      '--date',
      day,
      '--interval',
      '900',
      '-m',
      join(ROOT, 'designs/telemetry/power-cpu.yaml'),
    );
    expect(res.stdout).toMatch(/5,760 rows \(30 devices × 96 slots × 2 measurements\)/);
    const rows = lines(join(dir, `data-${day}.csv`))
      .slice(1)
      .map((r) => r.split(','));
    expect(rows.filter((r) => r[8] === 'power').every((r) => Number(r[6]) < 700)).toBe(true);
    const clamp = tmp.file('clamp.yaml');
    writeFileSync(
      clamp,
      'measurements:\n  - { name: load, unit: "%", min: 0, max: 100, value: "150 * random()" }\n',
    );
    const clamped = telemetry(dir, '--date', day, '-m', clamp, '--yes');
    expect(clamped.stdout).toMatch(/Clamped \d+ values of 'load' to its range/);
  });

  it('replaces existing data files only with --yes (exit 1 without, file unchanged)', () => {
    const res = cli(['generate-telemetry', '-d', FLEET, '--date', day, '--seed', '10']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      /data-2023-02-27\.csv already exists: pass --yes to replace it \(nothing written\)\n$/,
    );
    expect(lines(join(FLEET, `data-${day}.csv`))).toEqual(dayRows);
  });
});

describe('generate-telemetry bad input: one line, exit 2, nothing written', () => {
  const dir = tmp.file('bad');
  beforeAll(() => {
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'm.yaml'),
      'measurements:\n  - { name: cpu, unit: "%", min: 0, max: 100, value: reference, sclae: 100 }\n',
    );
    writeFileSync(
      join(dir, 'x.yaml'),
      'measurements:\n  - { name: cpu, unit: "%", min: 0, max: 100, value: "cpux + 1" }\n',
    );
  });
  it.each([
    ['a missing inventory', [], undefined, /^Error: inventory .*inventory\.csv: no such file$/],
    [
      'an inventory without a column',
      [],
      'sn,model,location\nA,B,C\n',
      /inventory\.csv: no column 'product_id' \(expected sn,model,product_id,location; got sn,model,location\)$/,
    ],
    [
      'an inventory with a serial twice',
      [],
      'sn,model,product_id,location\nA,m,p,l\nA,m,p,l\n',
      /inventory\.csv line 3: serial A is already on line 2$/,
    ],
    [
      'an unknown measurement field',
      ['-m', 'm.yaml'],
      null,
      /m\.yaml: measurements\[1\] \(cpu\): unknown field 'sclae' \(did you mean 'scale'\?\)/,
    ],
    [
      'an unknown name in an expression',
      ['-m', 'x.yaml'],
      null,
      /x\.yaml: cpu: unknown name 'cpux' at column 1 \(did you mean 'cpu'\?\)$/,
    ],
    ['a date that does not parse', ['--date', '2023-02-30'], null, /--date: '2023-02-30' is not a date/],
    [
      'an interval that does not divide a day',
      ['--interval', '7'],
      null,
      /--interval 7 does not divide a day \(86400 s\): try 6 or 8$/,
    ],
    [
      'an interval that does not divide an hour',
      ['--date', `${day}T03`, '--interval', '7200'],
      null,
      /--interval 7200 does not divide an hour \(3600 s\): try 3600$/,
    ],
    [
      'fuzz >= interval/2',
      ['--interval', '60', '--fuzz', '30'],
      null,
      /--fuzz 30 must be a whole number of seconds below half the interval \(< 30\)/,
    ],
    ['a bad shard', ['--shard', '4/3'], null, /--shard must be K\/N with 1 <= K <= N/],
  ])('%s', (_what, args: string[], inventory: string | null | undefined, message: RegExp) => {
    const inv = join(dir, 'inventory.csv');
    if (inventory === undefined) {
      if (existsSync(inv)) writeFileSync(inv, '');
    }
    if (typeof inventory === 'string') writeFileSync(inv, inventory);
    if (inventory === null) copyFileSync(join(FLEET, 'inventory.csv'), inv);
    const before = readdirSync(dir).sort();
    const argv = [
      'generate-telemetry',
      '-d',
      inventory === undefined ? join(dir, 'nowhere') : dir,
      '--seed',
      '1',
    ];
    if (!args.includes('--date')) argv.push('--date', day);
    const res = cli([...argv, ...args], { cwd: dir });
    expect(res.status).toBe(2);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(res.stderr.trimEnd()).toMatch(message);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

/** generate-inventory through the built CLI: the files, their shapes, weights, tables and replacement. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { cli } from '../support/cli';
import { ROOT, SHARED } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const POWER = join(SHARED, 'fixtures/power');

const rows = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

const frontMatter = (file: string) =>
  load(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'))![1]!) as Record<string, unknown>;

describe('generate-inventory', () => {
  it('writes inventory.csv (sn,model,product_id,location) with unique serials of the reference shape, and README.md', () => {
    const dir = tmp.file('fleet');
    const res = cli(['generate-inventory', '--directory', dir, '--count', '2000', '--seed', '11']);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('Random seed: 11\n');
    expect(res.stdout).toMatch(/^Wrote .*inventory\.csv: 2000 devices, 12 models, 10 locations/);
    const [header, ...devices] = rows(join(dir, 'inventory.csv'));
    expect(header).toEqual(['sn', 'model', 'product_id', 'location']);
    expect(devices).toHaveLength(2000);
    for (const d of devices) expect(d[0]).toMatch(/^[A-Z]{3}[0-9]{5}[A-Z]{2}$/);
    expect(new Set(devices.map((d) => d[0])).size).toBe(2000);
    const types = rows(join(ROOT, 'designs/telemetry/server-types.csv')).slice(1);
    const pairs = new Set(types.map((t) => `${t[1]}|${t[2]}`));
    for (const d of devices) expect(pairs.has(`${d[1]}|${d[2]}`)).toBe(true);
    const meta = frontMatter(join(dir, 'README.md'));
    expect(meta).toEqual({
      glcp_customer_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      devices: 'inventory.csv',
      data: 'data-*.csv',
      update: '24 hr',
    });
  });

  it('gives the same files for the same seed, other files for another seed', () => {
    const make = (name: string, seed: string) => {
      const dir = tmp.file(name);
      expect(cli(['generate-inventory', '-d', dir, '-n', '50', '--seed', seed]).status).toBe(0);
      return ['inventory.csv', 'README.md'].map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    };
    const first = make('same-a', '5');
    expect(make('same-b', '5')).toBe(first);
    expect(make('other', '6')).not.toBe(first);
  });

  it('draws types by their weight column: a fleet 70 % one model (chi-square, 1 degree of freedom)', () => {
    const table = tmp.file('weighted-types.csv');
    writeFileSync(table, 'model,product_id,weight\nBig Box,BB-1,7\nSmall Box,SB-1,3\n');
    const dir = tmp.file('weighted');
    expect(cli(['generate-inventory', '-d', dir, '-n', '3000', '--seed', '3', '--types', table]).status).toBe(
      0,
    );
    const big = rows(join(dir, 'inventory.csv')).filter((r) => r[1] === 'Big Box').length;
    const chi2 = (big - 2100) ** 2 / 2100 + (3000 - big - 900) ** 2 / 900;
    expect(chi2).toBeLessThan(10.83); // p = 0.001
  });

  it('replaces an existing inventory only with --yes, atomically, leaving no temp files', () => {
    const dir = tmp.file('replace');
    expect(cli(['generate-inventory', '-d', dir, '-n', '5', '--seed', '1']).status).toBe(0);
    const before = readFileSync(join(dir, 'inventory.csv'), 'utf8');
    const refused = cli(['generate-inventory', '-d', dir, '-n', '5', '--seed', '2']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /inventory\.csv, .*README\.md already exist: pass --yes to replace them \(nothing written\)\n$/,
    );
    expect(readFileSync(join(dir, 'inventory.csv'), 'utf8')).toBe(before);
    expect(cli(['generate-inventory', '-d', dir, '-n', '5', '--seed', '2', '--yes']).status).toBe(0);
    expect(readFileSync(join(dir, 'inventory.csv'), 'utf8')).not.toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'inventory.csv']);
  });

  it.each([
    [['--types', 'missing.csv'], /^Error: --types missing\.csv: no such file$/],
    [['--types', 'no-product.csv'], /no-product\.csv: no column 'product_id' \(the header is type,model\)$/],
    [['--locations', 'bad-zone.csv'], /bad-zone\.csv line 2: unknown time zone 'Mars\/Olympus'$/],
    [['--types', 'bad-weight.csv'], /bad-weight\.csv line 3: weight must be a number >= 0 \(got '-1'\)$/],
    [['--count', '0'], /count/],
  ])('bad input %j: one line, exit 2, nothing written', (args, message) => {
    writeFileSync(tmp.file('no-product.csv'), 'type,model\n1,X\n');
    writeFileSync(tmp.file('bad-zone.csv'), 'location,tz\nXX-01,Mars/Olympus\n');
    writeFileSync(tmp.file('bad-weight.csv'), 'model,product_id,weight\nA,a,1\nB,b,-1\n');
    const dir = tmp.file('never');
    const res = cli(['generate-inventory', '-d', dir, '-n', '5', ...args], { cwd: tmp.path });
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')[0]).toMatch(message);
    expect(existsSync(dir)).toBe(false);
  });
});

describeWithShared('generate-inventory with the reference tables (../shared/fixtures/power)', () => {
  it("reads the reference's server_types.csv (all fields quoted) and locations.csv through --types and --locations", () => {
    const dir = tmp.file('reference');
    const res = cli([
      'generate-inventory',
      '-d',
      dir,
      '-n',
      '500',
      '--seed',
      '4',
      '--types',
      join(POWER, 'server_types.csv'),
      '--locations',
      join(POWER, 'locations.csv'),
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/500 devices, 19 models, 8 locations/);
    const types = readFileSync(join(POWER, 'server_types.csv'), 'utf8');
    for (const [, model, productId, location] of rows(join(dir, 'inventory.csv')).slice(1)) {
      expect(types).toContain(`"${model}","${productId}"`);
      expect(location).toMatch(/^(US-ND-0[12]|DE-B-01|DE-M-0[12]|US-WA-0[23]|UK-S1-01)$/);
    }
  });
});

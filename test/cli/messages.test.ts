/**
 * What every command's messages have in common: money with thousands separators, `n/a` for a ratio without a
 * denominator, `Z` times, and file-system failures in words naming the file the user gave (never a raw code
 * or a temp file's name), also as `{"error": ...}` with --json.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function metricsFile(name: string, capacity: number, price: number): string {
  const path = tmp.file(name);
  const doc = {
    metadata: {
      'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<c3.8xlarge, us-west-2a>': capacity }]],
      'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': [[0, price]],
    },
    system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': [[0, 16]] },
  };
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

const WINDOW = ['--start-time', '1970-01-01T00:00:00Z', '--end-time', '1970-01-01T02:00:00Z'];
const simulate = (file: string, ...extra: string[]) =>
  cli(['simulate', '--metrics-data-files', file, '--cluster', 'c', ...WINDOW, ...extra]);

describe("simulate's summary", () => {
  it('money has thousands separators, times end in Z', () => {
    // One c3.8xlarge (32 vCPUs) at $10,000 an hour for two hours.
    const res = simulate(metricsFile('dear.json.gz', 32, 10_000));
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^total cost +\$20,000\.00$/m);
    expect(res.stdout).toMatch(/^cost per vCPU-hour +\$312\.5000$/m);
    expect(res.stdout).toMatch(/^window +1970-01-01T00:00:00Z to 1970-01-01T02:00:00Z$/m);
  });

  it('cost per vCPU-hour is n/a without any capacity, and null in JSON', () => {
    const empty = metricsFile('empty.json.gz', 0, 1);
    const res = simulate(empty);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^cost per vCPU-hour +n\/a$/m);
    const json = simulate(empty, '--json');
    expect((JSON.parse(json.stdout) as { cost_per_cpu_hour: unknown }).cost_per_cpu_hour).toBeNull();
  });
});

describe('simulate --compare --json', () => {
  it('rounds the noise of float arithmetic away: $0.60 - $0.20 is 0.4, not 0.39999999999999997', () => {
    const saved = (price: number) => {
      const file = tmp.file(`result-${price}.json.gz`);
      const res = simulate(
        metricsFile(`price-${price}.json.gz`, 32, price),
        '--simulation-result-file',
        file,
      );
      expect(res.status).toBe(0);
      return file;
    };
    // Two hours at $0.30 and at $0.10 an hour.
    const res = cli([
      'simulate',
      '--compare',
      saved(0.3),
      saved(0.1),
      '--comparison-operator',
      'sub',
      '--json',
    ]);
    expect(res.status).toBe(0);
    expect((JSON.parse(res.stdout) as { total_cost: number }).total_cost).toBe(0.4);
  });
});

describe('file-system failures', () => {
  const aFile = tmp.file('a-file');
  writeFileSync(aFile, 'not a folder');

  it('a missing input names the file in words, not ENOENT', () => {
    const res = simulate(metricsFile('ok.json.gz', 32, 1), '--autoscaler-config', tmp.file('nope.yaml'));
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      `Error: ${tmp.file('nope.yaml')}: cannot read the autoscaler config (no such file)\n`,
    );
  });

  it('an output that cannot be written names the file given, never its temp file', () => {
    const target = `${aFile}/result.json.gz`;
    const res = simulate(metricsFile('ok2.json.gz', 32, 1), '--simulation-result-file', target, '--json');
    // Output paths are checked before the run, so this is bad input naming the flag (see test/cli/errors.test.ts
    // for a write that fails midway).
    const message = `--simulation-result-file: ${target} is under ${aFile}, which is a file, not a folder`;
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(`Error: ${message}\n`);
    expect(JSON.parse(res.stdout)).toEqual({ error: { message, exit: 2, kind: 'input' } });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with --json, a refusal is kind "refused", exit 1', () => {
    const out = tmp.file('kept.json.gz');
    const design = tmp.file('design.yaml');
    writeFileSync(
      design,
      "cpus:\n  start_time: '2017-12-01T00:00:00Z'\n  end_time: '2017-12-01T00:10:00Z'\n  frequency: 1m\n  values: 1\n",
    );
    expect(cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '--quiet']).status).toBe(0);
    const again = cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '--json']);
    expect(again.status).toBe(1);
    const doc = JSON.parse(again.stdout) as { error: { message: string; exit: number; kind: string } };
    expect(doc.error).toMatchObject({ exit: 1, kind: 'refused' });
    expect(doc.error.message).toContain('pass --yes to replace it');
  });
});

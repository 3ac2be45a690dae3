/**
 * generate-events' output formats end to end through the built CLI: Imply's pattern files and v3 template
 * on its own configs (../shared), CSV, Parquet and --metrics on our designs/events configs, and bad input.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readMetricsFile } from '../../src/metrics';
import { cliAsync, type CliResult } from '../support/cli';
import { ROOT, SHARED } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

jest.setTimeout(120_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const IMPLY = resolve(SHARED, 'fixtures/imply');
const HOUR = ['-s', '2024-01-01T00:00:00', '-r', 'PT1H', '--seed', '42', '-q'];
const WEB = join(ROOT, 'designs/events/web-traffic.yaml');
const IOT = join(ROOT, 'designs/events/iot-fleet.yaml');
const run = (...args: string[]): Promise<CliResult> => cliAsync(['generate-events', ...args]);
const lines = (r: CliResult): string[] => r.stdout.trimEnd().split('\n');

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describeWithShared(
  'Imply pattern files and templates on their own configs (one simulated hour, seed 42)',
  () => {
    const MONTH = 'Jan';
    it('apache_access_combined + tsv_apache_access_combined.txt: NCSA combined lines, as many as JSON', async () => {
      const c = join(IMPLY, 'apache_access_combined.json');
      const [pattern, json] = await Promise.all([
        run('-c', c, '-f', join(IMPLY, 'tsv_apache_access_combined.txt'), ...HOUR),
        run('-c', c, ...HOUR),
      ]);
      expect([pattern.status, pattern.stderr]).toEqual([0, '']);
      const out = lines(pattern);
      const ncsa = new RegExp(
        `^\\S+ \\S+ \\S+ \\[01/${MONTH}/2024:00:[0-5]\\d:[0-5]\\d \\+0000\\] "[A-Z]+ \\S+ HTTP/[\\d.]+" \\d{3} \\d+ "[^"]*" "[^"]*"$`,
      );
      expect(out.filter((l) => !ncsa.test(l))).toEqual([]);
      // The format changes the text, not the records.
      expect(out).toHaveLength(lines(json).length);
      expect(out.length).toBeGreaterThan(33_049 / 2);
      const first = JSON.parse(lines(json)[0] as string) as Record<string, unknown>;
      expect(out[0]).toContain(
        `"${first.request_method} ${first.request_url} ${first.request_protocol}" ${first.status} ${first.bytes}`,
      );
    });

    it('vpc_flow_logs + vpc_flow_logs.txt: 14 fields, start and end in epoch seconds within the hour', async () => {
      const r = await run(
        '-c',
        join(IMPLY, 'vpc_flow_logs.json'),
        '-f',
        join(IMPLY, 'vpc_flow_logs.txt'),
        ...HOUR,
      );
      expect([r.status, r.stderr]).toEqual([0, '']);
      const t0 = Date.UTC(2024, 0, 1) / 1000;
      const bad = lines(r).filter((l) => {
        const f = l.split(' ');
        const [start, end] = [Number(f[10]), Number(f[11])];
        return f.length !== 14 || !(start >= t0 && start <= end && end < t0 + 3600);
      });
      expect(bad).toEqual([]);
      expect(lines(r).length).toBeGreaterThan(33_256 / 2);
    });

    it('apache_access_json + apache_access_json.txt: JSON with every value quoted, time in epoch seconds', async () => {
      const r = await run(
        '-c',
        join(IMPLY, 'apache_access_json.json'),
        '-f',
        join(IMPLY, 'apache_access_json.txt'),
        ...HOUR,
      );
      expect([r.status, r.stderr]).toEqual([0, '']);
      const rows = lines(r).map((l) => JSON.parse(l) as Record<string, unknown>);
      const t0 = Date.UTC(2024, 0, 1) / 1000;
      expect(rows.every((row) => Object.values(row).every((v) => typeof v === 'string'))).toBe(true);
      expect(rows.every((row) => Number(row.time) >= t0 && Number(row.time) < t0 + 3600)).toBe(true);
      // Midnight on a Monday is quiet: the reference wrote 351 rows.
      expect(rows.length).toBeGreaterThan(351 / 2);
    });

    it('ssh_auth (v3) with -t linux_secure: syslog lines of both kinds', async () => {
      const r = await run('-c', join(IMPLY, 'ssh_auth.json'), '-t', 'linux_secure', ...HOUR);
      expect([r.status, r.stderr]).toEqual([0, '']);
      const auth =
        /^Jan 01 00:[0-5]\d:[0-5]\d \w+ sshd\[\d+\]: (Failed|Accepted) password for \S+ from \d+\.\d+\.\d+\.\d+ port \d+ ssh2$/;
      const session =
        /^Jan 01 00:[0-5]\d:[0-5]\d \w+ sshd\[\d+\]: pam_unix\(sshd:session\): session (opened|closed) for user \S+$/;
      const out = lines(r);
      expect(out.filter((l) => !auth.test(l) && !session.test(l))).toEqual([]);
      expect(out.some((l) => auth.test(l)) && out.some((l) => session.test(l))).toBe(true);
    });

    it('a pattern naming a field the config lacks is refused before anything is written', async () => {
      const p = join(tmp.path, 'typo.txt');
      writeFileSync(p, '{{clientip}} {{stauts}}');
      const out = join(tmp.path, 'typo.log');
      const r = await run('-c', join(IMPLY, 'apache_access_combined.json'), '-f', p, '-o', out, ...HOUR);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `Error: pattern file ${p}: {{stauts}}: no emitter has a field 'stauts' (did you mean 'status'?)\n`,
      );
      expect(existsSync(out)).toBe(false);
    });
  },
);

describe('CSV, Parquet and --metrics on our designs', () => {
  const TEN = ['-s', '2017-12-07T12:00:00Z', '-r', '10m', '-m', '1000', '--seed', '7', '-q'];

  it('CSV has the emitter dimensions as header and the same records as JSON lines', async () => {
    const [csv, json] = await Promise.all([
      run('-c', WEB, '--format', 'csv', ...TEN),
      run('-c', WEB, ...TEN),
    ]);
    expect([csv.status, csv.stderr]).toEqual([0, '']);
    const [header, ...rows] = lines(csv);
    expect(header).toBe('time,visitor,method,endpoint,status,bytes,latency_ms,cpu_ms,country');
    const records = lines(json).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(records.length);
    const cols = (header as string).split(',');
    rows.forEach((row, i) => {
      const rec = records[i] as Record<string, unknown>;
      expect(Object.fromEntries(row.split(',').map((v, j) => [cols[j], v]))).toEqual(
        Object.fromEntries(cols.map((c) => [c, c in rec ? String(rec[c]) : ''])),
      );
    });
  });

  it('Parquet holds every record with typed columns, replaces the file atomically, leaves no temp file', async () => {
    const out = join(tmp.path, 'fleet.parquet');
    writeFileSync(out, 'old');
    const args = ['-c', IOT, '-s', '2024-01-01', '-r', '10m', '-m', '2000', '--seed', '1', '-q'];
    const [pq, json] = await Promise.all([run(...args, '--format', 'parquet', '-o', out), run(...args)]);
    expect([pq.status, pq.stderr, pq.stdout]).toEqual([0, '', '']);
    const records = lines(json).map((l) => JSON.parse(l) as Record<string, unknown>);
    const types = await query(
      `SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM '${out}')`,
    );
    expect(Object.fromEntries(types.map((r) => [r.c, r.t]))).toEqual({
      time: 'TIMESTAMP WITH TIME ZONE',
      device: 'VARCHAR',
      model: 'VARCHAR',
      firmware: 'VARCHAR',
      event: 'VARCHAR',
      temperature_c: 'DOUBLE',
      humidity: 'DOUBLE',
      rssi_dbm: 'BIGINT',
    });
    const [summary] = await query(
      `SELECT count(*)::INT AS n, count(humidity)::INT AS humidity, count(rssi_dbm)::INT AS rssi, sum(temperature_c) AS t FROM '${out}'`,
    );
    expect(summary?.n).toBe(records.length);
    expect(summary?.humidity).toBe(records.filter((r) => 'humidity' in r).length);
    expect(summary?.rssi).toBe(records.filter((r) => r.rssi_dbm !== null).length);
    expect(summary?.t).toBeCloseTo(
      records.reduce((s, r) => s + (r.temperature_c as number), 0),
      6,
    );
    expect(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--metrics writes the aggregate: block per minute, counts adding up to the records', async () => {
    const metrics = join(tmp.path, 'web.json.gz');
    const [agg, json] = await Promise.all([
      run(
        '-c',
        WEB,
        ...TEN.filter((a) => a !== '-q'),
        '--metrics',
        metrics,
        '-o',
        join(tmp.path, 'web.jsonl'),
      ),
      run('-c', WEB, ...TEN),
    ]);
    expect(agg.status).toBe(0);
    expect(agg.stderr).toContain(`Wrote 10 metric series (100 points) to ${metrics}`);
    const records = lines(json).map((l) => JSON.parse(l) as Record<string, unknown>);
    const { data } = await readMetricsFile(metrics);
    const requests = [...data.series('app_metrics')].filter((s) => s.key.startsWith('requests|'));
    const total = requests.reduce((sum, s) => sum + s.points.reduce((a, p) => a + (p.value as number), 0), 0);
    expect(total).toBe(records.length);
    const t0 = Date.UTC(2017, 11, 7, 12) / 1000;
    const cpus = data.get('system_metrics', 'cpus_allocated|cluster=web,pool=default.mesos') ?? [];
    expect(cpus.map((p) => p.t)).toEqual(Array.from({ length: 10 }, (_, i) => t0 + 60 * i));
    const firstMinute = records.filter((r) => (r.time as string) < '2017-12-07T12:01');
    const cpuMs = firstMinute.reduce((s, r) => s + (r.cpu_ms as number), 0);
    expect(cpus[0]?.value).toBeCloseTo((cpuMs * 0.0000166667) as number, 6);
    const errors = data.get('app_metrics', 'errors|service=web') ?? [];
    expect(errors.reduce((s, p) => s + (p.value as number), 0)).toBe(
      records.filter((r) => r.status === 500).length,
    );
  });
});

describe('bad format input: one line, exit 2, nothing written', () => {
  const out = () => join(tmp.path, `never-${Math.random().toString(36).slice(2)}.out`);
  const S = ['-s', '2024-01-01', '-n', '10', '--seed', '1'];
  it.each([
    [['-f', 'missing-pattern.txt'], 'Error: -f/--pattern missing-pattern.txt: no such file'],
    [
      ['-t', 'linux_secure'],
      `Error: -t/--template linux_secure: ${WEB} has no templates (v3 configs name them in a templates: block)`,
    ],
    [['-t', 'target.json'], '(a target file is --target FILE here, not -t)'],
    [['-f', 'p.txt', '-t', 'x'], 'Error: -f/--pattern and -t/--template cannot be used together: give one'],
    [
      ['-f', 'p.txt', '--format', 'csv'],
      'Error: -f/--pattern makes its own lines: it cannot be combined with --format csv',
    ],
    [['--format', 'parquet'], 'Error: --format parquet needs a file: give -o FILE.parquet'],
  ])('%j', async (flags, message) => {
    const r = await run('-c', WEB, ...S, ...flags);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('--metrics on a config without aggregate:, and a broken aggregate: block, name the file', async () => {
    const plain = join(tmp.path, 'plain.json');
    writeFileSync(
      plain,
      JSON.stringify({
        interarrival: { type: 'constant', value: 1 },
        emitters: [{ name: 'e', dimensions: [{ name: 'time', type: 'clock' }] }],
        states: [
          {
            name: 's',
            emitter: 'e',
            delay: { type: 'constant', value: 1 },
            transitions: [{ next: 'stop', probability: 1 }],
          },
        ],
      }),
    );
    const metrics = out();
    let r = await run('-c', plain, ...S, '--metrics', metrics);
    expect([r.status, r.stderr]).toEqual([
      2,
      `Error: --metrics: ${plain} has no aggregate: block saying which metrics to write\n`,
    ]);
    const broken = join(tmp.path, 'broken.json');
    const config = JSON.parse(readFileSync(plain, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      broken,
      JSON.stringify({ ...config, aggregate: { interval: '1m', metrics: { n: { function: 'avg' } } } }),
    );
    r = await run('-c', broken, ...S, '--metrics', metrics, '--validate');
    expect([r.status, r.stderr]).toEqual([
      2,
      `Error: ${broken}: aggregate.metrics.n.function: unknown function 'avg'; expected count, sum, mean, max, min\n`,
    ]);
    expect(existsSync(metrics)).toBe(false);
  });
});

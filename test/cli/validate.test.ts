/**
 * `validate telemetry` and `validate metrics` through the built CLI: the report a user reads, exit codes
 * (0 all passed, 1 some failed, 2 bad input), --json and --junit. Which check catches what is tested in
 * test/validate/; here each run covers several files at once to keep the number of CLI starts small.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from '../support/cli';
import { ROOT, SHARED } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { CONTRACT, editLines, writeTelemetryDir } from '../support/telemetry-dir';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface JsonReport {
  passed: boolean;
  checks: Array<{ name: string; status: string; offenders: Array<{ file: string; message: string }> }>;
}

describe('validate telemetry (CLI)', () => {
  it('prints a line per check and exits 0 when all pass', () => {
    const dir = tmp.file('ok');
    writeTelemetryDir(dir);
    const res = cli(['validate', 'telemetry', '--directory', dir]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe(`validate telemetry: ${dir} (1 file, contract ${join(dir, 'contract.yaml')})`);
    expect(lines.slice(1, -1)).toEqual(
      [
        'readme',
        'schema',
        'coherence',
        'dictionaries',
        'ranges',
        'time grid',
        'file names',
        'uniqueness',
        'order',
        'row count',
        'completeness',
      ].map((name) => `  ✓ ${name}`),
    );
    expect(lines.at(-1)).toMatch(/^11 passed, 0 failed \(144 rows in \d+\.\d\d s\)$/);
  });

  it('exits 1 with the first offending rows under the failed check, and writes JUnit XML with --junit', () => {
    const dir = tmp.file('bad');
    const data = writeTelemetryDir(dir);
    // Seven cpu values above 100: five are shown, the rest counted.
    editLines(data, (l) =>
      l.map((x, i) => (i > 0 && i < 14 && i % 2 === 1 ? x.replace(/,[\d.]+,%,cpu$/, ',150,%,cpu') : x)),
    );
    const xml = tmp.file('checks.xml');
    const res = cli(['validate', 'telemetry', '-d', dir, '--junit', xml]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(
      '  ✓ dictionaries\n  ✗ ranges: 7 failures\n      data-2023-02-27.csv:2: cpu 150 is outside [0, 100] %  [sn="ABC00001XY" model="HPE DL325 Gen10 8SFF CTO Server"',
    );
    expect(res.stdout).toContain('      ... and 2 more\n  ✓ time grid\n');
    expect(res.stdout).toMatch(/^10 passed, 1 failed \(/m);
    const junit = readFileSync(xml, 'utf8');
    expect(junit).toContain(
      '<testsuite name="validate telemetry" tests="11" failures="1" skipped="0" errors="0"',
    );
    expect(junit.match(/<testcase classname="validate telemetry" name="[^"]+"/g)).toHaveLength(11);
    expect(junit).toMatch(
      /<testcase classname="validate telemetry" name="ranges">\n\s+<failure message="7 failures: cpu 150 is outside \[0, 100\] %">data-2023-02-27.csv:2: /,
    );
  });

  const BAD: Array<[string, (dir: string) => string[], RegExp]> = [
    ['a missing folder', (dir) => ['-d', join(dir, 'nope')], /^Error: .*nope: no such folder\n$/],
    [
      'a misspelt contract key',
      (dir) => (
        writeFileSync(join(dir, 'contract.yaml'), CONTRACT.replace('interval:', 'intervall:')),
        ['-d', dir]
      ),
      /^Error: .*contract\.yaml: intervall: unknown key \(did you mean 'interval'\?\); known keys: version, columns, /,
    ],
  ];

  it.each(BAD)('refuses %s in one line, exit 2, writing nothing', (_, setup, message) => {
    const dir = tmp.file(`refused-${message.source.length}`);
    writeTelemetryDir(dir);
    const junit = tmp.file(`never-${message.source.length}.xml`);
    const res = cli(['validate', 'telemetry', ...setup(dir), '--junit', junit]);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.status).toBe(2);
    expect(existsSync(junit)).toBe(false);
  });
});

describeWithShared("validate telemetry on the reference's committed sample (CLI)", () => {
  it('passes with the contract committed in designs/contracts/', () => {
    const res = cli([
      'validate',
      'telemetry',
      '-d',
      join(SHARED, 'fixtures/power/sample'),
      '--contract',
      join(ROOT, 'designs/contracts/power-reference.yaml'),
    ]);
    expect(res.stdout).toMatch(/^11 passed, 0 failed \(19,200 rows in /m);
    expect(res.status).toBe(0);
  });
});

describe('validate metrics (CLI)', () => {
  const write = (name: string, doc: unknown, gzip = false): string => {
    const file = tmp.file(name);
    const text = JSON.stringify(doc);
    writeFileSync(file, gzip ? gzipSync(text) : text);
    return file;
  };
  const CPU = 'cpus_allocated|cluster=a,pool=b.mesos';
  const GOOD = {
    system_metrics: {
      [CPU]: [
        [0, 1],
        [60, 2],
        [120, 3],
      ],
    },
    metadata: {
      'fulfilled_capacity|cluster=a,pool=b.mesos': [
        [0, { '<m5.large, us-west-2a>': 2, '<m5.large, us-west-2b>': 1 }],
        [60, { '<m5.large, us-west-2a>': 3 }],
      ],
    },
  };
  // One file per problem: [file, the check it must fail, its document].
  const FILES: Array<[string, string, unknown]> = [
    ['types.json', 'metric types', { sytem_metrics: { cpus: [[0, 1]] } }],
    ['keys.json', 'key syntax', { system_metrics: { 'cpus|pool=b,cluster=a': [[0, 1]] } }],
    [
      'order.json',
      'timestamps',
      {
        system_metrics: {
          cpus: [
            [60, 1],
            [0, 2],
            [0, 3],
          ],
        },
      },
    ],
    ['values.json', 'numeric values', { system_metrics: { cpus: [[0, 'high']] } }],
    [
      'markets.json',
      'dict keys',
      {
        metadata: {
          capacity: [
            [0, { '<m5.large, us-west-2a>': 1 }],
            [60, { 'm5.large us-west-2a': 1 }],
          ],
        },
      },
    ],
    [
      'gaps.json',
      'gaps',
      {
        system_metrics: {
          cpus: [
            [0, 1],
            [60, 1],
            [1000, 1],
          ],
        },
      },
    ],
    ['junk.json', 'format', '{"system_metrics": '],
  ];

  it('exits 0 on good files in every format we read (json gzipped or not, jsonpickle, the 2017 ISO-time format)', () => {
    const iso = write('iso.json', {
      metadata: {
        'spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge': [
          ['2017-08-01T15:00:00+0000', 0.2],
          ['2017-08-01T15:02:59+0000', 0.3],
        ],
      },
    });
    const arrow = (t: number, v: unknown) => ({
      'py/tuple': [{ 'py/object': 'arrow.arrow.Arrow', timestamp: t }, v],
    });
    const pickled = write('pickled.json', {
      system_metrics: {
        'py/object': 'collections.defaultdict',
        default_factory: { 'py/type': 'builtins.list' },
        [CPU]: [arrow(0, 1), arrow(60, 2)],
      },
    });
    const res = cli([
      'validate',
      'metrics',
      write('good.json.gz', GOOD, true),
      iso,
      pickled,
      join(ROOT, 'examples/metrics.json.gz'),
      '--max-gap',
      '1h',
    ]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^7 passed, 0 failed, 1 skipped \(/m);
    expect(res.status).toBe(0);
  });

  it('fails each check on the file made to break it, and only there', () => {
    const files = FILES.map(([name, , doc]) => {
      if (typeof doc !== 'string') return write(name, doc);
      const file = tmp.file(name);
      writeFileSync(file, doc);
      return file;
    });
    const res = cli(['validate', 'metrics', ...files, '--max-gap', '5m', '--json']);
    expect(res.status).toBe(1);
    const report = JSON.parse(res.stdout) as JsonReport;
    const failing = Object.fromEntries(
      report.checks.map((c) => [c.name, [...new Set(c.offenders.map((o) => o.file.split('/').pop()))]]),
    );
    for (const [name, check] of FILES)
      expect({ check, files: failing[check] }).toEqual({ check, files: [name] });
    const order = report.checks.find((c) => c.name === 'timestamps');
    expect(order?.offenders.map((o) => o.message)).toEqual([
      "system_metrics 'cpus' point 1 (1970-01-01T00:00:00Z): out of order (after 1970-01-01T00:01:00Z)",
      "system_metrics 'cpus' point 2 (1970-01-01T00:00:00Z): duplicate timestamp",
    ]);
    expect(report.checks.find((c) => c.name === 'gaps')?.offenders[0]?.message).toBe(
      "system_metrics 'cpus' point 2 (1970-01-01T00:16:40Z): 940 s since the previous point (max 300 s)",
    );
  });

  it('checks a --contract: required keys (exact or glob) and value ranges, dict values included', () => {
    const contract = tmp.file('metrics-contract.yaml');
    writeFileSync(
      contract,
      'version: 1\nseries:\n  - { key: "cpus_allocated|*", type: system_metrics, min: 0, max: 2.5 }\n  - { key: "fulfilled_capacity|*", max: 2 }\n',
    );
    const good = write('contract-good.json', GOOD);
    const missing = write('contract-missing.json', { system_metrics: { [CPU]: [[0, 1]] } });
    const res = cli(['validate', 'metrics', good, missing, '--contract', contract, '--json']);
    expect(res.status).toBe(1);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual(['contract']);
    expect(report.checks.find((c) => c.name === 'contract')?.offenders.map((o) => o.message)).toEqual([
      `system_metrics '${CPU}' point 2 (1970-01-01T00:02:00Z): 3 is outside [0, 2.5] (rule 'cpus_allocated|*')`,
      "metadata 'fulfilled_capacity|cluster=a,pool=b.mesos' point 1 (1970-01-01T00:01:00Z): <m5.large, us-west-2a> = 3 is outside [-Infinity, 2] (rule 'fulfilled_capacity|*')",
      "no series matches required key 'fulfilled_capacity|*'",
    ]);
  });

  it('refuses a missing file or a bad --max-gap in one line, exit 2', () => {
    const missing = cli(['validate', 'metrics', tmp.file('nope.json.gz')]);
    expect(missing.stderr).toMatch(/^Error: .*nope\.json\.gz: no such file\n$/);
    expect(missing.status).toBe(2);
    const gap = cli([
      'validate',
      'metrics',
      join(ROOT, 'examples/metrics.json.gz'),
      '--max-gap',
      '5 parsecs',
    ]);
    expect(gap.stderr).toMatch(/^Error: cannot understand duration '5 parsecs' \(unknown unit 'parsecs'\)/);
    expect(gap.status).toBe(2);
  });
});

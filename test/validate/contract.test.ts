import { writeFileSync } from 'node:fs';
import { loadTelemetryContract } from '../../src/validate/contract';
import { loadMetricsContract } from '../../src/validate/metrics/contract';
import { approxNumber, exactNumber } from '../../src/validate/number';
import { compileTimeFormat, type TimeFormat } from '../../src/validate/time-format';
import { CONTRACT } from '../support/telemetry-dir';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function load(text: string) {
  const file = tmp.file('contract.yaml');
  writeFileSync(file, text);
  return () => loadTelemetryContract(file);
}

describe('telemetry contract', () => {
  it('loads the agreed shape, giving each role its column', () => {
    const c = load(CONTRACT)();
    expect(c.roles).toEqual({
      sn: 0,
      model: 1,
      product_id: 2,
      location: 3,
      start_time: 4,
      end_time: 5,
      measurement_value: 6,
      unit: 7,
      name: 8,
    });
    expect(c.measurements).toEqual([
      { name: 'cpu', unit: '%', min: 0, max: 100 },
      { name: 'power', unit: 'W', min: 0, max: 300 },
    ]);
    expect([c.quoting, c.interval, c.fuzz, c.granularity, c.complete, c.types]).toEqual([
      'minimal',
      3600,
      0,
      'day',
      true,
      null,
    ]);
  });

  it('takes --end data (no start_time column)', () => {
    const c = load(CONTRACT.replace('start_time, ', ''))();
    expect(c.roles.start_time).toBeUndefined();
    expect(c.roles.end_time).toBe(4);
  });

  const BAD: Array<[string, string, string]> = [
    [
      'a misspelt key',
      CONTRACT.replace('granularity:', 'granularty:'),
      "granularty: unknown key (did you mean 'granularity'?)",
    ],
    ['a wrong version', CONTRACT.replace('version: 1', 'version: 2'), 'version: must be 1 (got 2)'],
    [
      'a misspelt quoting',
      CONTRACT.replace('quoting: minimal', 'quoting: minimum'),
      'quoting: "minimum" is not one of minimal, all (did you mean \'minimal\'?)',
    ],
    [
      'an interval not dividing an hour',
      CONTRACT.replace('granularity: day', 'granularity: hour').replace('interval: 3600', 'interval: 7200'),
      'interval: 7200 s does not divide an hour (3600 s)',
    ],
    [
      'fuzz of half the interval',
      CONTRACT.replace('fuzz: 0', 'fuzz: 1800'),
      'fuzz: 1800 s must be less than half the interval (3600 s)',
    ],
    [
      'a time directive we do not read',
      CONTRACT.replace('%H:%M:%S', '%I:%M:%S %p'),
      'time_format: unsupported directive %I (supported: %Y %m %d %H %M %S %%)',
    ],
    [
      'no value column',
      CONTRACT.replace('measurement_value, ', ''),
      "columns: no 'measurement_value' column (give it a role under roles: if it has another name)",
    ],
    [
      'a role for a column that is not there',
      `${CONTRACT}roles: { name: type }\n`,
      'roles.name: "type" is not one of the columns',
    ],
    [
      'a measurement with max below min',
      CONTRACT.replace('min: 0, max: 100', 'min: 10, max: 1'),
      'measurements[0].max: 1 is below min 10',
    ],
    [
      'an unknown measurement field',
      CONTRACT.replace('unit: W,', 'units: W,'),
      "measurements[1].units: unknown field (did you mean 'unit'?); fields: name, unit, min, max",
    ],
    ['YAML that does not parse', 'version: 1\ncolumns: [a,\n', 'YAML syntax error at line 3, column 1: '],
  ];

  it.each(BAD)('names the file and key for %s', (_, text, message) => {
    const file = tmp.file('contract.yaml');
    expect(load(text)).toThrow(`${file}: ${message}`);
  });
});

describe('metrics contract', () => {
  it('loads required keys (exact or glob) with ranges, and refuses a misspelt metric type', () => {
    const file = tmp.file('metrics.yaml');
    writeFileSync(
      file,
      'version: 1\nseries:\n  - { key: "cpus|cluster=*", type: system_metrics, min: 0, max: 64 }\n  - { key: mem, required: false }\n',
    );
    const c = loadMetricsContract(file);
    expect(c.series.map((s) => [s.pattern.test('cpus|cluster=a'), s.min, s.max, s.required])).toEqual([
      [true, 0, 64, true],
      [false, -Infinity, Infinity, false],
    ]);
    writeFileSync(file, 'version: 1\nseries:\n  - { key: cpus, type: system_metric }\n');
    expect(() => loadMetricsContract(file)).toThrow(
      `${file}: series[0].type: "system_metric" is not a metric type (did you mean 'system_metrics'?)`,
    );
  });
});

describe('numbers and times read from bytes', () => {
  const bytes = (s: string) => Buffer.from(s, 'latin1');

  it('reads decimals the way Number() does, within a few ulps, and exactly near a bound', () => {
    for (const text of ['0', '12.408863406723567', '-3.5', '1e3', '2.5E-3', '+7', '297.2312345678901']) {
      const b = bytes(text);
      expect(Math.abs(approxNumber(b, 0, b.length) - Number(text))).toBeLessThanOrEqual(
        Math.abs(Number(text)) * 4e-16,
      );
    }
    const above = bytes('100.00000000000001');
    expect(exactNumber(above, 0, above.length)).toBeGreaterThan(100);
  });

  it('refuses what is not a plain decimal number', () => {
    for (const text of ['', '-', 'abc', '1.2.3', ' 1', '1e', 'NaN', 'inf', '0x10']) {
      const b = bytes(text);
      expect(approxNumber(b, 0, b.length)).toBeNaN();
    }
  });

  it('parses and prints the contract time format as UTC, refusing impossible dates', () => {
    const fmt = compileTimeFormat('%Y-%m-%d %H:%M:%S') as TimeFormat;
    const t = (s: string) => fmt.parse(bytes(s), 0, s.length);
    expect(t('2023-02-27 13:05:09')).toBe(Date.UTC(2023, 1, 27, 13, 5, 9) / 1000);
    expect(t('2024-02-29 00:00:00')).toBe(Date.UTC(2024, 1, 29) / 1000);
    for (const bad of [
      '2023-02-29 00:00:00',
      '2023-02-27T00:00:00',
      '2023-02-27 24:00:00',
      '2023-02-27 00:00',
      '2023-13-01 00:00:00',
    ]) {
      expect(t(bad)).toBeNaN();
    }
    expect(fmt.format(Date.UTC(2023, 6, 27, 1) / 1000)).toBe('2023-07-27 01:00:00');
    const iso = compileTimeFormat('%Y-%m-%dT%H:%M:%SZ') as TimeFormat;
    expect(iso.parse(bytes('1999-12-31T23:59:59Z'), 0, 20)).toBe(Date.UTC(1999, 11, 31, 23, 59, 59) / 1000);
  });
});

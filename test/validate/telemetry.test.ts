/**
 * validate telemetry's checks on exports written by the test: a valid one passes every check, and each
 * negative fixture of issue 15 fails exactly the check that names it. (The CLI's exit codes and output are
 * covered in test/cli/validate.test.ts.)
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateTelemetry } from '../../src/validate/telemetry/run';
import type { Report } from '../../src/validate/report';
import { describeWithShared } from '../support/shared';
import { ROOT, SHARED } from '../support/paths';
import { CONTRACT, editLines, writeTelemetryDir } from '../support/telemetry-dir';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
function fresh(): { dir: string; data: string } {
  const dir = tmp.file(`export-${n++}`);
  return { dir, data: writeTelemetryDir(dir) };
}

const failed = (r: Report) => r.checks.filter((c) => c.status === 'failed').map((c) => c.name);
const check = (r: Report, name: string) => r.checks.find((c) => c.name === name);

/** Field i of one of the test's CSV lines (they hold no quotes). */
const setField = (line: string, i: number, value: string) => {
  const f = line.split(',');
  f[i] = value;
  return f.join(',');
};
/** Lines of the data file: [0] header, [1] cpu of the first device at 00:00, [2] its power, [3] the next device's cpu. */
const editLine = (data: string, index: number, edit: (line: string, all: string[]) => string) =>
  editLines(data, (lines) => lines.map((x, i) => (i === index ? edit(x, lines) : x)));

describe('validate telemetry', () => {
  it('passes a complete export on every check', async () => {
    const { dir } = fresh();
    const report = await validateTelemetry({ directory: dir });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual(
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
      ].map((name) => [name, 'passed']),
    );
    expect(report.rows).toBe(3 * 24 * 2);
  });

  // [what, the check it must fail, how the valid export is broken, the offence's message]
  const NEGATIVE: Array<[string, string, (dir: string, data: string) => void, string]> = [
    [
      'an unknown serial',
      'coherence',
      (_, data) => editLine(data, 1, (x) => setField(x, 0, 'ZZZ99999ZZ')),
      "sn 'ZZZ99999ZZ' is not in the inventory",
    ],
    [
      'a wrong unit',
      'dictionaries',
      (_, data) => editLine(data, 1, (x) => setField(x, 7, 'percent')),
      "unit 'percent' for cpu; the contract says '%'",
    ],
    [
      'a value above range',
      'ranges',
      (_, data) => editLine(data, 1, (x) => setField(x, 6, '100.000001')),
      'cpu 100.000001 is outside [0, 100] %',
    ],
    [
      'an off-grid time beyond fuzz',
      'time grid',
      (_, data) =>
        editLine(data, 3, (x) => setField(setField(x, 4, '2023-02-27 00:00:07'), 5, '2023-02-27 01:00:07')),
      'start_time is +7 s off the 3600 s grid (fuzz 0 s)',
    ],
    [
      // The power row of (device, slot) becomes a second cpu row: the row count stays, the device still reports.
      'a duplicate row',
      'uniqueness',
      (_, data) => editLine(data, 2, (_x, all) => all[1] as string),
      'a second row for (ABC00001XY, 2023-02-27 00:00:00, cpu)',
    ],
    [
      'a missing column',
      'schema',
      (_, data) =>
        editLines(data, (l) =>
          l.map((x) =>
            x
              .split(',')
              .filter((__, i) => i !== 3)
              .join(','),
          ),
        ),
      'header is sn,model,product_id,start_time,end_time,measurement_value,unit,name (missing location); the contract says sn,model,product_id,location,start_time,end_time,measurement_value,unit,name',
    ],
    [
      // The first device's power row and the second device's cpu row trade places.
      'two rows out of order',
      'order',
      (_, data) => editLines(data, (l) => [l[0], l[1], l[3], l[2], ...l.slice(4)] as string[]),
      '(2023-02-27 00:00:00, ABC00001XY, power) comes after (2023-02-27 00:00:00, DEF00002XY, cpu); rows must be sorted by (time slot, sn, name)',
    ],
    [
      'a file named for the wrong date',
      'file names',
      (dir, data) => renameSync(data, join(dir, 'data-2023-02-28.csv')),
      'data-2023-02-28.csv is named for 2023-02-28, but its rows are from 2023-02-27',
    ],
  ];

  it.each(NEGATIVE)('%s fails exactly the %s check', async (_, name, breakIt, message) => {
    const { dir, data } = fresh();
    breakIt(dir, data);
    const report = await validateTelemetry({ directory: dir });
    expect(failed(report)).toEqual([name]);
    expect(check(report, name)?.failures).toBe(1);
    expect(check(report, name)?.offenders[0]?.message).toBe(message);
  });

  it('judges rows alike on the fast lane (LF) and on the general path (CRLF rows never take the fast lane)', async () => {
    // Clean rows among broken ones, and clean rows the fast lane leaves to the general path (a value at a
    // bound, an exponent, a quoted field).
    const edits: Array<[number, number, string]> = [
      [1, 6, '100'],
      [2, 6, '3e1'],
      [3, 0, 'ZZZ99999ZZ'],
      [4, 1, 'Some Other Model'],
      [5, 7, 'kW'],
      [6, 6, '300.5'],
      [7, 6, '-0.0'],
      [9, 4, '2023-02-27 00:00:09'],
      [10, 8, 'fan'],
      [12, 6, ''],
      [13, 5, '2023-02-27 02:00:00'],
      [15, 6, '"12.5"'],
      [17, 6, 'x1'],
      [20, 4, '2023-02-27 24:00:00'],
    ];
    const reports = [];
    for (const eol of ['\n', '\r\n']) {
      const { dir, data } = fresh();
      // The second device listed twice, first before the first device: its rows are the first listing's.
      editLines(join(dir, 'inventory.csv'), ([header, a, b, c]) => [header, b, a, b, c] as string[]);
      editLines(data, (lines) => {
        const out = [...lines];
        for (const [i, f, v] of edits) out[i] = setField(out[i] as string, f, v);
        // A duplicate, and a row out of order.
        out[30] = out[29] as string;
        [out[40], out[41]] = [out[41] as string, out[40] as string];
        return [out.join(eol)];
      });
      const report = await validateTelemetry({ directory: dir });
      reports.push(JSON.parse(JSON.stringify(report.checks).replaceAll(dir, 'DIR')) as unknown);
    }
    expect(reports[0]).toEqual(reports[1]);
    expect(failed((await validateTelemetry({ directory: fresh().dir })) as Report)).toEqual([]);
    const names = (reports[0] as Array<{ name: string; status: string }>)
      .filter((c) => c.status === 'failed')
      .map((c) => c.name);
    expect(names).toEqual([
      'schema',
      'coherence',
      'dictionaries',
      'ranges',
      'time grid',
      'uniqueness',
      'order',
      'row count',
      'completeness',
    ]);
  });

  it('names the file and line of an offending row, with its values', async () => {
    const { dir, data } = fresh();
    editLine(data, 3, (x) => setField(x, 6, '-1'));
    const offender = check(await validateTelemetry({ directory: dir }), 'ranges')?.offenders[0];
    expect(offender).toMatchObject({
      file: data,
      line: 4,
      values: { sn: 'DEF00002XY', measurement_value: '-1', name: 'cpu' },
    });
  });

  it("fails the reference generator's hour-spaced timestamps (hours added where seconds were meant) on the time grid", async () => {
    const { dir, data } = fresh();
    // tdunning's generate-data adds t *hours* for t = 0, 3600, ... seconds: slots 150 days apart, end = start + 1 h.
    const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    editLines(data, (lines) =>
      lines.map((x, i) => {
        if (i === 0) return x;
        const start = Date.UTC(2023, 1, 27) + Math.floor((i - 1) / 6) * 3600 * 3600_000;
        return setField(setField(x, 4, text(start)), 5, text(start + 3600_000));
      }),
    );
    expect(readFileSync(data, 'utf8')).toContain(',2023-07-27 00:00:00,2023-07-27 01:00:00,');
    const report = await validateTelemetry({ directory: dir });
    expect(failed(report)).toContain('time grid');
    // Every row but those of the first slot.
    expect(check(report, 'time grid')?.failures).toBe(23 * 6);
    expect(check(report, 'time grid')?.offenders[0]?.message).toBe(
      "start_time is outside the file's day (2023-02-27 00:00:00 + 86400 s)",
    );
  });

  it('accepts times moved within the contract fuzz and refuses them beyond it', async () => {
    const { dir, data } = fresh();
    writeFileSync(join(dir, 'contract.yaml'), CONTRACT.replace('fuzz: 0', 'fuzz: 10'));
    const original = readFileSync(data, 'utf8');
    const shift = (s: string) =>
      editLine(data, 3, (x) => setField(setField(x, 4, `2023-02-27 00:00:${s}`), 5, `2023-02-27 01:00:${s}`));
    shift('10');
    expect(failed(await validateTelemetry({ directory: dir }))).toEqual([]);
    writeFileSync(data, original);
    shift('11');
    expect(failed(await validateTelemetry({ directory: dir }))).toEqual(['time grid']);
  });

  it('reads full quoting under quoting: all, and refuses needless quotes under quoting: minimal', async () => {
    const { dir, data } = fresh();
    editLines(data, (l) =>
      l.map((x, i) =>
        i === 0
          ? x
          : x
              .split(',')
              .map((f) => `"${f}"`)
              .join(','),
      ),
    );
    const minimal = await validateTelemetry({ directory: dir });
    expect(failed(minimal)).toEqual(['schema']);
    expect(check(minimal, 'schema')?.offenders[0]?.message).toBe(
      'sn is quoted without need (quoting: minimal)',
    );
    writeFileSync(join(dir, 'contract.yaml'), CONTRACT.replace('quoting: minimal', 'quoting: all'));
    expect(failed(await validateTelemetry({ directory: dir }))).toEqual([]);
  });

  it('fails a missing device on completeness and row count, and skips completeness when the contract allows gaps', async () => {
    const { dir, data } = fresh();
    editLines(data, (l) =>
      l.filter(
        (x) => !x.startsWith('GHI00003XY') || !x.includes(',2023-02-27 05:00:00,2023-02-27 06:00:00,'),
      ),
    );
    const report = await validateTelemetry({ directory: dir });
    expect(failed(report)).toEqual(['row count', 'completeness']);
    expect(check(report, 'completeness')?.offenders[0]?.message).toBe(
      'GHI00003XY reports in 23 of 24 slots of 2023-02-27 00:00:00 (first missing: 2023-02-27 05:00:00)',
    );
    writeFileSync(join(dir, 'contract.yaml'), CONTRACT.replace('complete: true', 'complete: false'));
    const lenient = await validateTelemetry({ directory: dir });
    expect(check(lenient, 'completeness')?.status).toBe('skipped');
    // Without completeness, the count is slots x measurements x the devices that do report.
    expect(failed(lenient)).toEqual(['row count']);
  });

  it('checks the README front matter: present, 32 hex digits, devices exists, the data glob matches the files', async () => {
    const { dir } = fresh();
    rmSync(join(dir, 'README.md'));
    expect(check(await validateTelemetry({ directory: dir }), 'readme')?.offenders[0]?.message).toBe(
      'no such file',
    );
    writeFileSync(
      join(dir, 'README.md'),
      '---\nglcp_customer_id: 12ab\ndevices: devices.csv\ndata: data-*.parquet\n---\n',
    );
    const report = await validateTelemetry({ directory: dir });
    expect(failed(report)).toEqual(['readme']);
    expect(check(report, 'readme')?.offenders.map((o) => o.message)).toEqual([
      'front matter has no update',
      'glcp_customer_id "12ab" is not 32 lowercase hex digits',
      'devices: devices.csv does not exist',
      'data: data-*.parquet does not match data-2023-02-27.csv',
    ]);
  });

  it('checks the inventory: unique serials, and types and locations against the tables given', async () => {
    const { dir } = fresh();
    const inventory = join(dir, 'inventory.csv');
    writeFileSync(
      inventory,
      `${readFileSync(inventory, 'utf8')}ABC00001XY,HPE DL325 Gen10 8SFF CTO Server,P04654-B21,US-ND-01\n`,
    );
    writeFileSync(
      join(dir, 'types.csv'),
      'type,model,product_id\n1,HPE DL325 Gen10 8SFF CTO Server,P04654-B21\n',
    );
    writeFileSync(join(dir, 'locations.csv'), 'loc,location\n1,US-ND-01\n2,DE-B-01\n3,UK-S1-01\n');
    writeFileSync(
      join(dir, 'contract.yaml'),
      CONTRACT.replace('types: null', 'types: types.csv').replace(
        'locations: null',
        'locations: locations.csv',
      ),
    );
    const report = await validateTelemetry({ directory: dir });
    expect(check(report, 'coherence')?.offenders).toEqual([
      { file: inventory, line: 5, message: "sn 'ABC00001XY' is listed twice in the inventory" },
    ]);
    expect(check(report, 'dictionaries')?.offenders).toEqual([
      {
        file: inventory,
        line: 3,
        message:
          "(model, product_id) ('HPE DX380 Gen10+ 12LFF CTO Svr', 'P40792-B21') of DEF00002XY is not among the types",
      },
    ]);
  });

  it('reads Parquet data files through DuckDB and judges them by the same checks', async () => {
    const { dir, data } = fresh();
    const parquet = join(dir, 'data-2023-02-27.parquet');
    const bad = join(dir, 'bad.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(
      `COPY (SELECT * REPLACE (CAST(start_time AS TIMESTAMP) AS start_time, CAST(end_time AS TIMESTAMP) AS end_time, CAST(measurement_value AS DOUBLE) AS measurement_value) FROM read_csv('${data}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    await conn.run(
      `COPY (SELECT * REPLACE (CASE WHEN sn = 'DEF00002XY' AND name = 'power' AND hour(start_time) = 5 THEN 301 ELSE measurement_value END AS measurement_value) FROM '${parquet}') TO '${bad}' (FORMAT parquet)`,
    );
    conn.closeSync();
    db.closeSync();
    rmSync(data);
    writeFileSync(
      join(dir, 'contract.yaml'),
      CONTRACT.replace('data: "data-*.csv"', 'data: "data-*.parquet"'),
    );
    const readme = join(dir, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('data-*.csv', 'data-*.parquet'));
    const ok = await validateTelemetry({ directory: dir });
    expect(failed(ok)).toEqual([]);
    expect(ok.rows).toBe(144);
    renameSync(bad, parquet);
    const report = await validateTelemetry({ directory: dir });
    expect(failed(report)).toEqual(['ranges']);
    expect(check(report, 'ranges')?.offenders[0]).toMatchObject({
      file: parquet,
      // Row 34: slot 5 starts at row 31 (cpu, power of the first device, then the second's).
      line: 34,
      message: 'power 301.0 is outside [0, 300] W',
    });
  });
  it('refuses a Parquet file DuckDB cannot decode past its footer as bad input, naming it', async () => {
    const { dir, data } = fresh();
    const parquet = join(dir, 'data-2023-02-27.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(
      `COPY (SELECT * REPLACE (CAST(start_time AS TIMESTAMP) AS start_time, CAST(end_time AS TIMESTAMP) AS end_time, CAST(measurement_value AS DOUBLE) AS measurement_value) FROM read_csv('${data}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    conn.closeSync();
    db.closeSync();
    rmSync(data);
    writeFileSync(
      join(dir, 'contract.yaml'),
      CONTRACT.replace('data: "data-*.csv"', 'data: "data-*.parquet"'),
    );
    const readme = join(dir, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('data-*.csv', 'data-*.parquet'));
    // The footer (schema) stays readable; the column data before it does not.
    const bytes = readFileSync(parquet);
    bytes.fill(0x55, 8, Math.floor(bytes.length / 2));
    writeFileSync(parquet, bytes);
    await expect(validateTelemetry({ directory: dir })).rejects.toMatchObject({
      name: 'ValidateInputError',
      file: parquet,
    });
  });
});

describeWithShared("validate telemetry on the reference's committed sample", () => {
  const SAMPLE = join(SHARED, 'fixtures/power/sample');
  const CONTRACT_FILE = join(ROOT, 'designs/contracts/power-reference.yaml');

  it('passes every check with the contract in designs/contracts/power-reference.yaml', async () => {
    const report = await validateTelemetry({ directory: SAMPLE, contract: CONTRACT_FILE });
    expect(failed(report)).toEqual([]);
    expect(report.checks.filter((c) => c.status === 'skipped')).toEqual([]);
    expect(report.rows).toBe(400 * 24 * 2);
  });
});

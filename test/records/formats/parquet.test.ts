import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetOutput, widen } from '../../../src/records/formats/parquet';
import {
  type EmitterSchema,
  type EventRecord,
  type FieldKind,
  type RecordSchema,
  Timestamp,
} from '../../../src/records/formats/types';
import { tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function emitter(name: string, fields: [string, FieldKind][]): EmitterSchema {
  return { name, fields: fields.map(([n, kind]) => ({ name: n, kind })) };
}

async function write(path: string, schema: RecordSchema, records: [EventRecord, EmitterSchema][], ok = true) {
  const { format, target } = await parquetOutput(path, schema);
  const header = format.header();
  if (header !== undefined) await target.write(`${header}\n`, 0);
  for (const [r, e] of records) await target.write(`${format.line(r, e)}\n`, 0);
  if (ok) await target.close();
  else await target.abort?.();
}

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

const leftovers = () => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));

describe('parquet output', () => {
  const e = emitter('web', [
    ['time', 'timestamp'],
    ['path', 'string'],
    ['status', 'int'],
    ['ms', 'float'],
    ['ok', 'bool'],
    ['geo', 'object'],
    ['user', 'any'],
    ['mixed', 'any'],
    ['never', 'any'],
    ['int_never', 'int'],
  ]);
  const t = (s: number) => new Timestamp(Date.UTC(2024, 0, 1) + s * 1000 + 250, 330);

  it('writes one row per record with column types from the dimensions and the values', async () => {
    const file = tmp.file('types.parquet');
    await write(file, { emitters: [e] }, [
      [
        {
          time: t(0),
          path: '/a,"b"',
          status: 200,
          ms: 2,
          ok: true,
          geo: { city: 'Oslo' },
          user: 7,
          mixed: 1,
        },
        e,
      ],
      [{ time: t(1), path: '', status: null, ms: 2.5, ok: false, user: 8, mixed: 'x' }, e],
      [{ time: t(2), path: 'multi\nline', status: 404, ms: 1, mixed: true }, e],
    ]);
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`);
    expect(Object.fromEntries(types.map((r) => [r.column_name, r.column_type]))).toEqual({
      time: 'TIMESTAMP WITH TIME ZONE',
      path: 'VARCHAR',
      status: 'BIGINT',
      ms: 'DOUBLE',
      ok: 'BOOLEAN',
      geo: 'JSON',
      user: 'BIGINT',
      mixed: 'VARCHAR',
      never: 'VARCHAR',
      int_never: 'BIGINT',
    });
    const rows = await query(
      `SELECT epoch_ms(time)::DOUBLE AS ms_epoch, path, status, ms, ok, geo::VARCHAR AS geo, user, mixed, never FROM '${file}'`,
    );
    expect(rows).toEqual(
      [
        {
          ms_epoch: Date.UTC(2024, 0, 1) + 250,
          path: '/a,"b"',
          status: 200,
          ms: 2,
          ok: true,
          geo: '{"city":"Oslo"}',
          user: 7,
          mixed: '1',
          never: null,
        },
        {
          ms_epoch: Date.UTC(2024, 0, 1) + 1250,
          path: '',
          status: null,
          ms: 2.5,
          ok: false,
          geo: null,
          user: 8,
          mixed: 'x',
          never: null,
        },
        {
          ms_epoch: Date.UTC(2024, 0, 1) + 2250,
          path: 'multi\nline',
          status: 404,
          ms: 1,
          ok: null,
          geo: null,
          user: null,
          mixed: 'true',
          never: null,
        },
      ].map((r) => ({
        ...r,
        status: r.status === null ? null : BigInt(r.status),
        user: r.user === null ? null : BigInt(r.user),
      })),
    );
    expect(leftovers()).toEqual([]);
    expect(existsSync(`${file}.csv`)).toBe(false);
  });

  it('widens an int column that gets a float, and a time column that gets text', () => {
    expect(widen('BIGINT', 'DOUBLE')).toBe('DOUBLE');
    expect(widen('DOUBLE', 'BIGINT')).toBe('DOUBLE');
    expect(widen('TIMESTAMPTZ', 'VARCHAR')).toBe('VARCHAR');
    expect(widen('NULL', 'JSON')).toBe('JSON');
    expect(widen('BOOLEAN', 'BIGINT')).toBe('VARCHAR');
  });

  it('streams many records through the staging file in order', async () => {
    const file = tmp.file('many.parquet');
    const small = emitter('s', [
      ['time', 'timestamp'],
      ['i', 'int'],
      ['name', 'string'],
    ]);
    const records: [EventRecord, EmitterSchema][] = [];
    for (let i = 0; i < 50_000; i++) records.push([{ time: t(i), i, name: `user${i % 97}` }, small]);
    await write(file, { emitters: [small] }, records);
    const [summary] = await query(
      `SELECT count(*)::INT AS n, count(DISTINCT name)::INT AS names, bool_and(i = rn - 1) AS in_order FROM (SELECT i, name, row_number() OVER () AS rn FROM '${file}')`,
    );
    expect(summary).toEqual({ n: 50_000, names: 97, in_order: true });
  });

  it('keeps the old file and leaves no temp file when the run fails', async () => {
    const file = tmp.file('old.parquet');
    writeFileSync(file, 'old');
    await write(file, { emitters: [e] }, [[{ path: 'x' }, e]], false);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(leftovers()).toEqual([]);
  });

  it('puts the columns of every emitter in one table', async () => {
    const file = tmp.file('two.parquet');
    const a = emitter('a', [['x', 'int']]);
    const b = emitter('b', [['y', 'string']]);
    await write(file, { emitters: [a, b] }, [
      [{ x: 1 }, a],
      [{ y: 'q' }, b],
    ]);
    expect(await query(`SELECT x, y FROM '${file}'`)).toEqual([
      { x: 1n, y: null },
      { x: null, y: 'q' },
    ]);
  });
});

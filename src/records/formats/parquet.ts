/**
 * Parquet for event records, through DuckDB. Records are staged as CSV in a temp file beside the output
 * (streamed, 64 KiB at a time: memory does not grow with the run), and one `COPY (SELECT ... FROM
 * read_csv(...)) TO ... (FORMAT parquet)` converts them when the run ends, with DuckDB's memory capped.
 * Measured against appending value by value through DuckDB's appender into a table and copying that, this
 * was ~2.5x faster and its memory does not grow with the table (figures in the project notes).
 *
 * Column types come from the values themselves: every value is seen while staging, so each column gets the
 * narrowest type that holds all of them, starting from the emitter's declared kind (an int column holding a
 * float becomes DOUBLE; mixed kinds become VARCHAR; times TIMESTAMPTZ; nested objects and lists JSON).
 * A column that only ever held null keeps its declared kind (VARCHAR when it had none).
 *
 * The Parquet file is written by DuckDB into the temp name of an AtomicFile and renamed over the target
 * only when the conversion succeeded; both temp files are removed on failure and on signals.
 */
import { AtomicFile } from '../../metrics/atomic';
import { csvFormat, columnsOf } from './csv';
import { SinkError } from '../sinks/errors';
import type { LineSink } from '../sinks/types';
import {
  type EmitterSchema,
  type EventRecord,
  type FieldKind,
  type FieldValue,
  type RecordFormat,
  type RecordSchema,
  Timestamp,
} from './types';

/** Column types, from narrow to wide; VARCHAR holds anything (as the CSV text of the value). */
type ColumnType = 'NULL' | 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'TIMESTAMPTZ' | 'JSON' | 'VARCHAR';

const DECLARED: Readonly<Record<FieldKind, ColumnType>> = {
  string: 'VARCHAR',
  int: 'BIGINT',
  float: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
  object: 'JSON',
  list: 'JSON',
  any: 'NULL',
};

function typeOf(value: FieldValue): ColumnType {
  switch (typeof value) {
    case 'string':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return Number.isSafeInteger(value) ? 'BIGINT' : 'DOUBLE';
    default:
      if (value === null) return 'NULL';
      return value instanceof Timestamp ? 'TIMESTAMPTZ' : 'JSON';
  }
}

/** The narrowest type holding both. */
export function widen(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'NULL') return a;
  if (a === 'NULL') return b;
  const numbers = new Set<ColumnType>(['BIGINT', 'DOUBLE']);
  if (numbers.has(a) && numbers.has(b)) return 'DOUBLE';
  return 'VARCHAR';
}

/** SQL text literal: the only way names and paths reach DuckDB. */
const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The staging format: CSV lines, and the type of every value seen. A column's declared kind counts only
 * once a value arrives or at the end for an all-null column.
 */
class StagingFormat implements RecordFormat {
  private readonly csv: RecordFormat;
  readonly columns: readonly string[];
  readonly seen: ColumnType[];
  private readonly declared: ColumnType[];

  constructor(schema: RecordSchema) {
    this.csv = csvFormat(schema);
    this.columns = columnsOf(schema);
    const kinds = new Map<string, FieldKind>();
    for (const e of schema.emitters)
      for (const f of e.fields) if (!kinds.has(f.name)) kinds.set(f.name, f.kind);
    this.declared = this.columns.map((c) => DECLARED[kinds.get(c) ?? 'any']);
    this.seen = this.columns.map(() => 'NULL');
  }

  header(): string | undefined {
    return this.csv.header();
  }

  line(record: EventRecord, emitter: EmitterSchema): string {
    for (let i = 0; i < this.columns.length; i++) {
      const value = record[this.columns[i] as string];
      if (value === undefined || value === null) continue;
      const seen = this.seen[i] as ColumnType;
      const type = typeOf(value);
      if (type !== seen)
        this.seen[i] = widen(seen === 'NULL' ? (this.declared[i] as ColumnType) : seen, type);
    }
    return this.csv.line(record, emitter);
  }

  /** The type each column is read back as. */
  types(): ColumnType[] {
    return this.seen.map((t, i) => {
      const declared = this.declared[i] as ColumnType;
      const type = t === 'NULL' ? declared : t;
      return type === 'NULL' ? 'VARCHAR' : type;
    });
  }
}

/** DuckDB's memory for the conversion: a ceiling; the two settings below keep it far under it. */
const DUCKDB_MEMORY = '128MB';
/**
 * The CSV reader's buffer (DuckDB's default is 16 x its 2 MiB longest line: 32 MiB blocks) and rows per
 * Parquet row group (default 122,880, held until written): smaller, the whole run peaks under 150 MB
 * (clickstream 1M records: 199 -> 146 MB) for about the same file size and time.
 */
const CSV_BUFFER_BYTES = 2 * 1024 * 1024;
const ROW_GROUP_ROWS = 10_000;

async function convert(
  staged: string,
  out: string,
  columns: readonly string[],
  types: readonly ColumnType[],
) {
  // Loaded here, not at start-up: DuckDB costs ~200 ms to load and only Parquet runs need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: DUCKDB_MEMORY,
    // One thread keeps row order without buffering and leaves the other core to the rest of the machine.
    threads: '1',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
  });
  try {
    const connection = await instance.connect();
    try {
      const spec = columns.map((c, i) => `${sqlText(c)}: ${sqlText(types[i] as string)}`).join(', ');
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlText(staged)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, buffer_size = ${CSV_BUFFER_BYTES}, columns = {${spec}})) TO ${sqlText(out)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`,
      );
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

export interface ParquetOutput {
  readonly format: RecordFormat;
  readonly target: LineSink;
}

/**
 * A format and a sink that go together: the command renders records with `format` and writes the lines
 * to `target` as for any text format; `target.close()` makes the Parquet file, `abort()` leaves none.
 */
export async function parquetOutput(path: string, schema: RecordSchema): Promise<ParquetOutput> {
  const format = new StagingFormat(schema);
  const out = await AtomicFile.create(path);
  let stage: AtomicFile;
  try {
    stage = await AtomicFile.create(`${out.target}.csv`);
  } catch (err) {
    await out.abort();
    throw err;
  }
  // Staged lines are written in order: each write waits for the one before.
  let writing: Promise<void> = Promise.resolve();
  let pending = '';
  const push = (): Promise<void> => {
    const chunk = Buffer.from(pending, 'utf8');
    pending = '';
    writing = writing.then(() => stage.write(chunk));
    return writing;
  };
  const abort = async (): Promise<void> => {
    await writing.catch(() => undefined);
    await stage.abort();
    await out.abort();
  };
  const target: LineSink = {
    name: path,
    resumable: false,
    closed: false,
    write: (lines) => {
      pending += lines;
      return pending.length >= 1 << 20 ? push() : undefined;
    },
    flush: () => push(),
    committed: () => {
      throw new SinkError(`${path}: a Parquet file cannot be resumed`);
    },
    truncateTo: () => Promise.reject(new SinkError(`${path}: a Parquet file cannot be resumed`)),
    close: async () => {
      try {
        await push();
        // The staged CSV is complete once written; DuckDB writes the Parquet file into out's temp name.
        await convert(stage.tempPath, out.tempPath, format.columns, format.types());
        await out.commit();
      } finally {
        await abort();
      }
    },
    abort,
  };
  return { format, target };
}

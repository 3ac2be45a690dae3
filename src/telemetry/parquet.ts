/**
 * Parquet through DuckDB (@duckdb/node-api), without a CSV in between: a table function hands DuckDB the rows
 * chunk by chunk as they are made (rows in the order of rows.ts), and `COPY (SELECT ...) TO` streams them into
 * zstd-compressed Parquet row groups. Text columns travel as ENUM indexes (a copy of typed arrays per chunk,
 * nothing per row) and stay ENUMs into the writer, which stores them as dictionary-encoded UTF8 strings from
 * the ENUM's members (no string made or hashed per row; readers see VARCHAR columns as before). Times are
 * TIMESTAMP, the value a DOUBLE equal to what the CSV file holds (same rounding).
 */
import type { DeviceKey } from './streams';
import { CellStream, Purpose } from './streams';
import { fuzzRange } from './grid';
import { roundedValue, type RowsJob } from './rows';

type NodeApi = typeof import('@duckdb/node-api');
type Bindings = typeof import('@duckdb/node-bindings');

const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Distinct values in first-seen order, and each input's index among them. */
function dictionary(values: readonly string[]): { members: string[]; index: Uint32Array } {
  const at = new Map<string, number>();
  const index = new Uint32Array(values.length);
  values.forEach((v, i) => {
    let k = at.get(v);
    if (k === undefined) at.set(v, (k = at.size));
    index[i] = k;
  });
  return { members: [...at.keys()], index };
}

/** A typed array of the enum's physical width (1, 2 or 4 bytes), filled per chunk. */
const enumArray = (members: number, size: number): Uint8Array | Uint16Array | Uint32Array =>
  members <= 0xff ? new Uint8Array(size) : members <= 0xffff ? new Uint16Array(size) : new Uint32Array(size);

/** Makes the rows of one file, a chunk at a time (resumable where the last chunk stopped). */
class ParquetRows {
  private k = 0;
  private d = 0;
  private i = 0;
  private rows = 0;
  private readonly values: Float64Array;
  private readonly fuzz = new CellStream();
  private readonly decimals: number[];
  private startMicros = 0;
  private endMicros = 0;
  error: unknown;

  constructor(
    private readonly job: RowsJob,
    private readonly ids: {
      readonly sn: Uint32Array;
      readonly model: Uint32Array;
      readonly productId: Uint32Array;
      readonly location: Uint32Array;
      /** Per measurement. */
      readonly unit: Uint32Array;
    },
  ) {
    this.values = new Float64Array(job.measurements.length);
    this.decimals = job.measurements.map((m) => m.decimals ?? -1);
    job.model.startFile();
  }

  /** Fills up to `size` rows into the columns; returns how many (0: the file is done). */
  fill(cols: ChunkColumns, size: number): number {
    const { grid, file, devices, model } = this.job;
    const m = this.values.length;
    const n = devices.length;
    const { sn, model: modelIds, productId, location, unit } = this.ids;
    let r = 0;
    while (r < size && this.k < grid.slots) {
      const t = file.base + this.k * grid.interval;
      if (this.d === 0 && this.i === 0) model.startSlot(t);
      const { lo, hi } = fuzzRange(grid, this.k);
      const span = hi - lo + 1;
      while (r < size && this.d < n) {
        const d = this.d;
        if (this.i === 0) {
          model.compute(d, this.values);
          const shift =
            span === 1
              ? 0
              : lo + this.fuzz.start(model.keys[d] as DeviceKey, t, Purpose.fuzz).randbelow(span);
          this.startMicros = (t + shift) * 1e6;
          this.endMicros = (t + shift + grid.interval) * 1e6;
        }
        for (; this.i < m && r < size; this.i++, r++) {
          const i = this.i;
          cols.sn[r] = sn[d] as number;
          cols.model[r] = modelIds[d] as number;
          cols.productId[r] = productId[d] as number;
          cols.location[r] = location[d] as number;
          cols.unit[r] = unit[i] as number;
          cols.name[r] = i;
          setInt64(cols.start, r, this.startMicros);
          setInt64(cols.end, r, this.endMicros);
          cols.value[r] = roundedValue(this.values[i] as number, this.decimals[i] as number);
        }
        if (this.i === m) {
          this.i = 0;
          this.d++;
        }
      }
      if (this.d === n) {
        this.d = 0;
        this.k++;
        this.rows += n * m;
        this.job.onSlot?.(this.rows);
      }
    }
    return r;
  }
}

/** A non-negative int64 below 2^53 as two little-endian 32-bit words (no BigInt per row). */
function setInt64(words: Uint32Array, row: number, v: number): void {
  const high = Math.floor(v / 4294967296);
  words[2 * row] = v - high * 4294967296;
  words[2 * row + 1] = high;
}

interface ChunkColumns {
  sn: Uint8Array | Uint16Array | Uint32Array;
  model: Uint8Array | Uint16Array | Uint32Array;
  productId: Uint8Array | Uint16Array | Uint32Array;
  location: Uint8Array | Uint16Array | Uint32Array;
  unit: Uint8Array | Uint16Array | Uint32Array;
  name: Uint8Array | Uint16Array | Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  value: Float64Array;
}

export async function writeParquetRows(parquetPath: string, job: RowsJob): Promise<number> {
  // require, not import(): the bundle runs from V8's code cache, which cannot import() (see cli/main.ts).
  // The raw bindings (native, outside the bundle) are the ones the bundled node-api requires as well.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const api = require('@duckdb/node-api') as NodeApi;
  const bindings = require('@duckdb/node-bindings') as Bindings;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { devices, measurements, endOnly } = job;
  const sn = dictionary(devices.map((d) => d.sn));
  const model = dictionary(devices.map((d) => d.model));
  const productId = dictionary(devices.map((d) => d.productId));
  const location = dictionary(devices.map((d) => d.location));
  // Units may repeat (an ENUM's members may not): each measurement's index among the distinct units.
  const unit = dictionary(measurements.map((m) => m.unit));
  const names = measurements.map((m) => m.name);
  const size = bindings.vector_size();
  const cols: ChunkColumns = {
    sn: enumArray(sn.members.length, size),
    model: enumArray(model.members.length, size),
    productId: enumArray(productId.members.length, size),
    location: enumArray(location.members.length, size),
    unit: enumArray(unit.members.length, size),
    name: enumArray(measurements.length, size),
    start: new Uint32Array(2 * size),
    end: new Uint32Array(2 * size),
    value: new Float64Array(size),
  };
  const source = new ParquetRows(job, {
    sn: sn.index,
    model: model.index,
    productId: productId.index,
    location: location.index,
    unit: unit.index,
  });
  const columns: [string, import('@duckdb/node-api').DuckDBType, ArrayBufferView][] = [
    ['sn', api.ENUM(sn.members), cols.sn],
    ['model', api.ENUM(model.members), cols.model],
    ['product_id', api.ENUM(productId.members), cols.productId],
    ['location', api.ENUM(location.members), cols.location],
    ['start_time', api.TIMESTAMP, cols.start],
    ['end_time', api.TIMESTAMP, cols.end],
    ['measurement_value', api.DOUBLE, cols.value],
    ['unit', api.ENUM(unit.members), cols.unit],
    ['name', api.ENUM(names), cols.name],
  ];
  const fn = api.DuckDBTableFunction.create({
    name: 'telemetry_rows',
    bindFunction: (info) => {
      for (const [name, type] of columns) info.addResultColumn(name, type);
    },
    initFunction: (info) => info.setMaxThreads(1),
    mainFunction: (_info, output) => {
      try {
        const count = source.fill(cols, size);
        columns.forEach(([, , data], c) => {
          const bytes = (data.byteLength / size) * count;
          bindings.copy_data_to_vector(
            bindings.data_chunk_get_vector(output.chunk, c),
            0,
            data.buffer as ArrayBuffer,
            data.byteOffset,
            bytes,
          );
        });
        output.rowCount = count;
      } catch (err) {
        source.error ??= err;
        _info.setError(err instanceof Error ? err.message : String(err));
      }
    },
  });
  const instance = await api.DuckDBInstance.create(':memory:', {
    memory_limit: '256MB',
    threads: '1',
    preserve_insertion_order: 'true',
    temp_directory: '',
  });
  const connection = await instance.connect();
  try {
    connection.registerTableFunction(fn);
    const select = [
      'sn',
      'model',
      'product_id',
      'location',
      ...(endOnly ? [] : ['start_time']),
      'end_time',
      'measurement_value',
      'unit',
      'name',
    ].join(', ');
    await connection
      .run(
        `COPY (SELECT ${select} FROM telemetry_rows()) TO ${sqlText(parquetPath)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)`,
      )
      .catch((err: unknown) => {
        throw source.error ?? err;
      });
    if (source.error) throw source.error;
  } finally {
    connection.closeSync();
    instance.closeSync();
    fn.destroySync();
  }
  return job.grid.slots * devices.length * measurements.length;
}

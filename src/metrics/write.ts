/**
 * Serialisers for the two formats we write, fed one point at a time so that memory does not grow with the
 * number of points:
 *   json        {"<metric_type>":{"<key>":[[<epoch s>,<value>],...]}}   (compact separators)
 *   jsonpickle  what Python's clusterman writes and its simulator reads (Python's default separators)
 */
import type { DictValue, MetricType, MetricsData, PointValue, ValueKind, WriteFormat } from './model';
import { formatNumber } from './numbers';

export interface TextSink {
  write(text: string): void;
}

interface Syntax {
  readonly item: string;
  readonly colon: string;
  typeOpen(type: MetricType): string;
  point(t: number, value: string): string;
}

const SYNTAX: Record<WriteFormat, Syntax> = {
  json: {
    item: ',',
    colon: ':',
    typeOpen: (type) => `${JSON.stringify(type)}:{`,
    point: (t, value) => `[${t},${value}]`,
  },
  jsonpickle: {
    item: ', ',
    colon: ': ',
    typeOpen: (type) =>
      `${JSON.stringify(type)}: {"py/object": "collections.defaultdict", "default_factory": {"py/type": "builtins.list"}`,
    point: (t, value) => `{"py/tuple": [{"py/object": "arrow.arrow.Arrow", "timestamp": ${t}}, ${value}]}`,
  },
};

export class MetricsWriter {
  private readonly syntax: Syntax;
  private buf = '';
  private typeCount = 0;
  private seriesCount = 0;
  private pointCount = 0;
  private kind: ValueKind = 'auto';

  constructor(
    private readonly out: TextSink,
    readonly format: WriteFormat,
  ) {
    this.syntax = SYNTAX[format];
    this.buf = '{';
  }

  beginType(type: MetricType): void {
    if (this.typeCount++ > 0) this.buf += this.syntax.item;
    this.buf += this.syntax.typeOpen(type);
    // jsonpickle's type object already holds two entries before the first series.
    this.seriesCount = this.format === 'jsonpickle' ? 1 : 0;
  }

  beginSeries(key: string, kind: ValueKind): void {
    if (this.seriesCount++ > 0) this.buf += this.syntax.item;
    this.buf += `${JSON.stringify(key)}${this.syntax.colon}[`;
    this.pointCount = 0;
    this.kind = kind;
  }

  point(t: number, value: PointValue): void {
    const text = typeof value === 'number' ? formatNumber(value, this.kind) : this.dict(value);
    if (this.pointCount++ > 0) this.buf += this.syntax.item;
    this.buf += this.syntax.point(t, text);
    // Hand each point over at once: a long-lived string rope would be promoted and grow the old heap.
    this.flush();
  }

  endSeries(): void {
    this.buf += ']';
  }

  endType(): void {
    this.buf += '}';
  }

  /** Closes the document and hands everything to the sink. */
  end(): void {
    this.buf += '}';
    this.flush();
  }

  private dict(value: DictValue): string {
    let text = '{';
    let first = true;
    for (const [k, v] of value) {
      text += `${first ? '' : this.syntax.item}${JSON.stringify(k)}${this.syntax.colon}${formatNumber(v, this.kind)}`;
      first = false;
    }
    return `${text}}`;
  }

  private flush(): void {
    if (this.buf.length > 0) this.out.write(this.buf);
    this.buf = '';
  }
}

/** Writes whole series that are already in memory (existing data kept during a merge, backfill results). */
export function writeSeries(
  writer: MetricsWriter,
  key: string,
  points: Iterable<{ t: number; value: PointValue }>,
  kind: ValueKind = 'auto',
): void {
  writer.beginSeries(key, kind);
  for (const p of points) writer.point(p.t, p.value);
  writer.endSeries();
}

/** Writes every series of an in-memory MetricsData (the caller ends the document). */
export function writeData(writer: MetricsWriter, data: MetricsData): void {
  for (const type of data.metricTypes()) {
    writer.beginType(type);
    for (const s of data.series(type)) writeSeries(writer, s.key, s.points);
    writer.endType();
  }
}

/** The uncompressed text of a whole in-memory MetricsData. */
export function serializeMetrics(data: MetricsData, format: WriteFormat): string {
  const parts: string[] = [];
  const writer = new MetricsWriter({ write: (text) => parts.push(text) }, format);
  writeData(writer, data);
  writer.end();
  return parts.join('');
}

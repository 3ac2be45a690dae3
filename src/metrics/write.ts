/**
 * Serialisers for the two formats we write, fed one point at a time so that memory does not grow with the
 * number of points:
 *   json        {"<metric_type>":{"<key>":[[<epoch s>,<value>],...]}}   (compact separators)
 *   jsonpickle  what Python's clusterman writes and its simulator reads (Python's default separators)
 * Numeric points are only collected here, as doubles; they are formatted where the job is compressed
 * (encode/format.ts). Structure and dict-valued points are text.
 */
import { RUN_POINTS, takeRunArray } from './encode/arrays';
import { formatJob, POINT_SYNTAX } from './encode/format';
import type { Segment, SegmentSink } from './encode/job';
import type { DictValue, MetricType, MetricsData, PointValue, ValueKind, WriteFormat } from './model';
import { formatNumber } from './numbers';

/** How the document around the points is spelled; the points themselves are spelled in encode/format.ts. */
interface Syntax {
  readonly colon: string;
  typeOpen(type: MetricType): string;
}

const SYNTAX: Record<WriteFormat, Syntax> = {
  json: { colon: ':', typeOpen: (type) => `${JSON.stringify(type)}:{` },
  jsonpickle: {
    colon: ': ',
    typeOpen: (type) =>
      `${JSON.stringify(type)}: {"py/object": "collections.defaultdict", "default_factory": {"py/type": "builtins.list"}`,
  },
};

/** Text is handed on in pieces of about this many characters, so no long string is ever built. */
const TEXT_CHARS = 1 << 14;

export class MetricsWriter {
  private readonly syntax: Syntax;
  private readonly pointSyntax: (typeof POINT_SYNTAX)[WriteFormat];
  private readonly item: string;
  private text = '{';
  private times = takeRunArray();
  private values = takeRunArray();
  private runLength = 0;
  private typeCount = 0;
  private seriesCount = 0;
  private pointCount = 0;
  private kind: ValueKind = 'auto';

  constructor(
    private readonly out: SegmentSink,
    readonly format: WriteFormat,
  ) {
    this.syntax = SYNTAX[format];
    this.pointSyntax = POINT_SYNTAX[format];
    this.item = this.pointSyntax.separator;
  }

  beginType(type: MetricType): void {
    this.addText(`${this.typeCount++ > 0 ? this.item : ''}${this.syntax.typeOpen(type)}`);
    // jsonpickle's type object already holds two entries before the first series.
    this.seriesCount = this.format === 'jsonpickle' ? 1 : 0;
  }

  beginSeries(key: string, kind: ValueKind): void {
    this.addText(`${this.seriesCount++ > 0 ? this.item : ''}${JSON.stringify(key)}${this.syntax.colon}[`);
    this.pointCount = 0;
    this.kind = kind;
  }

  point(t: number, value: PointValue): void {
    if (typeof value !== 'number') {
      const p = this.pointSyntax;
      const text = `${p.open}${t}${p.middle}${this.dict(value)}${p.close}`;
      this.addText(this.pointCount++ > 0 ? this.item + text : text);
      return;
    }
    // Checked here, where the caller can still say which point it was; formatting happens elsewhere.
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a metrics file`);
    if (this.text.length > 0) this.flushText();
    this.times[this.runLength] = t;
    this.values[this.runLength] = value;
    this.pointCount++;
    if (++this.runLength === RUN_POINTS) this.flushRun();
  }

  /** `count` numeric points at once; the arrays stay the caller's (they are copied). */
  points(times: Float64Array, values: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} to a metrics file`);
    }
    if (this.text.length > 0) this.flushText();
    for (let i = 0; i < count;) {
      const take = Math.min(count - i, RUN_POINTS - this.runLength);
      this.times.set(times.subarray(i, i + take), this.runLength);
      this.values.set(values.subarray(i, i + take), this.runLength);
      this.runLength += take;
      this.pointCount += take;
      i += take;
      if (this.runLength === RUN_POINTS) this.flushRun();
    }
  }

  endSeries(): void {
    this.addText(']');
  }

  endType(): void {
    this.addText('}');
  }

  /** Closes the document and hands everything on. */
  end(): void {
    this.addText('}');
    this.flushText();
  }

  private addText(text: string): void {
    if (this.runLength > 0) this.flushRun();
    this.text += text;
    if (this.text.length >= TEXT_CHARS) this.flushText();
  }

  private flushText(): void {
    if (this.text.length > 0) this.out.add({ type: 'text', text: this.text });
    this.text = '';
  }

  private flushRun(): void {
    this.out.add({
      type: 'points',
      times: this.times,
      values: this.values,
      count: this.runLength,
      kind: this.kind,
      // Earlier points of the series, numeric or not, mean the run starts with a separator.
      continues: this.pointCount > this.runLength,
    });
    // The arrays now belong to the sink (they may be moved to another thread): start new ones.
    this.times = takeRunArray();
    this.values = takeRunArray();
    this.runLength = 0;
  }

  private dict(value: DictValue): string {
    let text = '{';
    let first = true;
    for (const [k, v] of value) {
      text += `${first ? '' : this.item}${JSON.stringify(k)}${this.syntax.colon}${formatNumber(v, this.kind)}`;
      first = false;
    }
    return `${text}}`;
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
  const segments: Segment[] = [];
  const writer = new MetricsWriter({ add: (segment) => segments.push(segment) }, format);
  writeData(writer, data);
  writer.end();
  return formatJob({ format, segments }).toString('utf8');
}

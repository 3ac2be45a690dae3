/**
 * generate-data as a library call: read what exists, plan, confirm, then stream every series to an atomically
 * replaced, gzipped metrics file.
 */
import type { Design } from '../design/types';
import { distributionFunctions } from '../design/functions';
import { compileExpr, type CompiledExpr } from '../expr';
import { type OutputStream, withMetricsOutput, withMetricsSink, withoutOutput } from '../metrics/file';
import type { ByteSink } from '../metrics/encode/pool';
import { PointBuffer } from '../metrics/buffer';
import type { CollectedSeries } from '../metrics/collected';
import type { MetricsData, MetricType, Point, PointValue, WriteFormat } from '../metrics/model';
import { readMetricsFile, readMetricsFileIfExists } from '../metrics/read';
import { SummaryBuilder, type SeriesSummary } from '../metrics/summary';
import { writeSeries, type MetricsWriter } from '../metrics/write';
import { Rng } from '../random/rng';
import { describeIoError } from '../util/io';
import { GenerateError, OverwriteDeclined } from './errors';
import { type LoadedFile, type Plan, planGeneration, type SourceRef } from './plan';
import { type BatchFiller, isScalarSpec, scalarBatches } from './batches';
import { type PointTuple, seriesPoints, valueKind } from './series';
import { someQuoted } from '../util/list';

export interface SeriesRef {
  readonly type: MetricType;
  readonly key: string;
}

export interface GenerateRequest {
  readonly design: Design;
  /** The file merged into and replaced; with another `to`, only the name shown. */
  readonly output: string;
  /**
   * 'file' (default): merged into `output`. A sink: the new series alone, streamed (`-o -`). 'nowhere': a dry
   * run, which reads `output` to say what would be replaced but neither asks nor writes.
   */
  readonly to?: 'file' | 'nowhere' | ByteSink;
  readonly seed: bigint;
  /** Default: the existing output's format, else json. */
  readonly format?: WriteFormat;
  readonly maxPoints: number;
  readonly zone: string;
  readonly history?: readonly string[];
  /** Asked once with every existing series the design would replace; false leaves everything untouched. */
  readonly confirmOverwrite: (series: readonly SeriesRef[], output: string) => Promise<boolean>;
  readonly onProgress?: (done: number, total: number | undefined) => void;
  /** Called once everything is checked and the output file is open, just before the first point is drawn. */
  readonly onStart?: () => void;
  /** Also keep every generated series in memory (for the datastore), in GenerateResult.collected. */
  readonly collect?: boolean;
}

export interface CollectedOfType {
  readonly type: MetricType;
  readonly series: CollectedSeries;
  /** The design's range for the metric, epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface GenerateResult {
  readonly output: string;
  readonly format: WriteFormat;
  readonly seed: bigint;
  readonly series: readonly SeriesSummary[];
  readonly replaced: readonly SeriesRef[];
  /** Existing series carried over unchanged. */
  readonly kept: number;
  /** The generated series, when the request asked for them. */
  readonly collected: readonly CollectedOfType[];
}

/** How often (in points) the loop lets compressed output reach the disk and reports progress. */
const PAUSE_EVERY = 1 << 13;

export async function generateData(req: GenerateRequest): Promise<GenerateResult> {
  const to = req.to ?? 'file';
  const existing = typeof to === 'string' ? await readMetricsFileIfExists(req.output) : undefined;
  const history = await Promise.all((req.history ?? []).map(loadHistory));
  const output: LoadedFile | undefined = existing && { file: req.output, data: existing.data };
  const plan = planGeneration(req.design, output, history, req.maxPoints);

  const rng = Rng.fromSeed(req.seed);
  const functions = distributionFunctions(rng);
  const exprs = req.design.specs.map((spec) =>
    spec.values.kind === 'function'
      ? compileExpr(spec.values.expression, { variables: [...spec.values.sources.keys()], functions })
      : undefined,
  );

  const asking = to === 'file' && plan.replaces.length > 0;
  if (asking && !(await req.confirmOverwrite(plan.replaces, req.output))) {
    throw new OverwriteDeclined(
      `${req.output}: left unchanged (not replacing ${someQuoted(plan.replaces.map((s) => s.key))})`,
    );
  }

  const format = req.format ?? (existing?.format === 'jsonpickle' ? 'jsonpickle' : 'json');
  const total = plan.estimates.every((n) => n !== undefined)
    ? plan.estimates.reduce<number>((a, n) => a + (n ?? 0), 0)
    : undefined;
  const summaries: SeriesSummary[] = [];
  const collected: CollectedOfType[] = [];
  let kept = 0;
  try {
    await writeTo(to, req.output, format, async ({ writer, pause }) => {
      req.onStart?.();
      const progress = new Progress(req.maxPoints, req.design.file, total, req.onProgress);
      const run: Run = { req, plan, exprs, rng, progress, retained: new Map(), collected };
      for (const block of outputBlocks(req.design, existing?.data)) {
        writer.beginType(block.type);
        for (const [key, points] of block.carried) {
          writeSeries(writer, key, points);
          kept++;
        }
        for (const index of block.generated) {
          summaries.push(await writeGenerated(run, index, writer, pause));
        }
        writer.endType();
      }
    });
  } catch (err) {
    throw translateOutputError(err, req.output);
  }
  return {
    output: req.output,
    format,
    seed: req.seed,
    series: summaries,
    replaced: plan.replaces,
    kept,
    collected,
  };
}

function writeTo(
  to: 'file' | 'nowhere' | ByteSink,
  output: string,
  format: WriteFormat,
  fill: (out: OutputStream) => Promise<void>,
): Promise<void> {
  if (to === 'file') return withMetricsOutput(output, format, fill);
  if (to === 'nowhere') return withoutOutput(format, fill);
  return withMetricsSink(to, format, fill);
}

/** Shared between series so the whole run honours --max-points and reports one progress figure. */
class Progress {
  done = 0;
  constructor(
    private readonly max: number,
    private readonly file: string,
    private readonly total: number | undefined,
    private readonly report?: (done: number, total: number | undefined) => void,
  ) {}

  tick(n: number, key: string): void {
    this.done += n;
    if (this.done > this.max) {
      throw new GenerateError(
        `${this.file}: metric '${key}' takes the design past --max-points ${this.max.toLocaleString('en-US')} points`,
      );
    }
    this.report?.(this.done, this.total);
  }
}

/** What one run shares between its series. */
interface Run {
  readonly req: GenerateRequest;
  readonly plan: Plan;
  readonly exprs: ReadonlyArray<CompiledExpr | undefined>;
  readonly rng: Rng;
  readonly progress: Progress;
  /** Points of generated series that later series read. */
  readonly retained: Map<number, readonly Point[]>;
  readonly collected: CollectedOfType[];
}

async function writeGenerated(
  run: Run,
  index: number,
  writer: MetricsWriter,
  pause: () => Promise<void>,
): Promise<SeriesSummary> {
  const { req, plan, progress } = run;
  const spec = req.design.specs[index] as Design['specs'][number];
  const keep: Point[] | undefined = plan.retained.has(index) ? [] : undefined;
  const summary = new SummaryBuilder(spec.type, spec.key);
  const capture = req.collect ? new Capture(spec.key) : undefined;
  const ctx = { rng: run.rng, zone: req.zone, retained: run.retained, file: req.design.file };
  writer.beginSeries(spec.key, valueKind(spec));
  if (isScalarSpec(spec) && spec.frequency.kind !== 'historical') {
    const fill = scalarBatches(spec, spec.frequency, run.rng);
    await writeBatches(fill, { writer, summary, keep, capture, progress, key: spec.key, pause });
  } else {
    const refs = plan.sources[index] as ReadonlyMap<string, SourceRef>;
    const points = seriesPoints(spec, refs, run.exprs[index], ctx);
    await writePoints(points, { writer, summary, keep, capture, progress, key: spec.key, pause });
  }
  writer.endSeries();
  if (keep) run.retained.set(index, keep);
  if (capture)
    run.collected.push({ type: spec.type, series: capture.series(), start: spec.start, end: spec.end });
  return summary.result();
}

/** Where one series' points go. */
interface SeriesOut {
  readonly writer: MetricsWriter;
  readonly summary: SummaryBuilder;
  /** Set when later series read this one. */
  readonly keep: Point[] | undefined;
  readonly capture: Capture | undefined;
  readonly progress: Progress;
  readonly key: string;
  readonly pause: () => Promise<void>;
}

/** Scalar series: PAUSE_EVERY points at a time, drawn into two reused arrays. */
async function writeBatches(fill: BatchFiller, out: SeriesOut): Promise<void> {
  const times = new Float64Array(PAUSE_EVERY);
  const values = new Float64Array(PAUSE_EVERY);
  for (let n = fill(times, values); n > 0; n = fill(times, values)) {
    out.progress.tick(n, out.key);
    out.writer.points(times, values, n);
    out.summary.addRun(times, values, n);
    if (out.keep)
      for (let i = 0; i < n; i++) out.keep.push({ t: times[i] as number, value: values[i] as number });
    if (out.capture) for (let i = 0; i < n; i++) out.capture.add(times[i] as number, values[i] as number);
    await out.pause();
  }
}

/** Dict-valued and function series, point by point. */
async function writePoints(points: Iterable<PointTuple>, out: SeriesOut): Promise<void> {
  let sincePause = 0;
  for (const [t, value] of points) {
    out.writer.point(t, value);
    out.summary.add(t, value);
    out.keep?.push({ t, value });
    out.capture?.add(t, value);
    if (++sincePause === PAUSE_EVERY) {
      out.progress.tick(sincePause, out.key);
      sincePause = 0;
      await out.pause();
    }
  }
  out.progress.tick(sincePause, out.key);
}

/** A generated series kept for the datastore: numbers in buffers (16 bytes a point), dicts as points. */
class Capture {
  private readonly numbers = new PointBuffer();
  private readonly dicts: Point[] = [];

  constructor(private readonly key: string) {}

  add(t: number, value: PointValue): void {
    if (typeof value === 'number') this.numbers.push(t, value);
    else this.dicts.push({ t, value });
  }

  series(): CollectedSeries {
    return this.dicts.length > 0
      ? { key: this.key, kind: 'dicts', points: this.dicts }
      : { key: this.key, kind: 'numbers', points: this.numbers };
  }
}

interface Block {
  readonly type: MetricType;
  /** Existing series not replaced, in file order. */
  readonly carried: Array<[string, readonly Point[]]>;
  /** Design indexes, in design order. */
  readonly generated: number[];
}

/**
 * Output order = generation order: the design's metric types in design order (existing series of that type
 * first, then the new ones), then the existing file's other types. The draw order never depends on the file.
 */
function outputBlocks(design: Design, existing: MetricsData | undefined): Block[] {
  const blocks = new Map<MetricType, Block>();
  const blockOf = (type: MetricType): Block => {
    let b = blocks.get(type);
    if (!b) blocks.set(type, (b = { type, carried: [], generated: [] }));
    return b;
  };
  design.specs.forEach((spec, i) => blockOf(spec.type).generated.push(i));
  const replaced = new Set(design.specs.map((s) => `${s.type}\u0000${s.key}`));
  for (const s of existing?.series() ?? []) {
    if (!replaced.has(`${s.type}\u0000${s.key}`)) blockOf(s.type).carried.push([s.key, s.points]);
  }
  return [...blocks.values()];
}

async function loadHistory(file: string): Promise<LoadedFile> {
  return { file, data: (await readMetricsFile(file)).data };
}

function translateOutputError(err: unknown, output: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EROFS') {
    return new GenerateError(
      `${output}: cannot write the output (${describeIoError(err)}: check that its folder exists and is writable)`,
    );
  }
  return err;
}

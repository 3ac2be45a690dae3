/**
 * --reports: `[prefix_]report.html` with every chosen chart, and `[prefix_]<type>.png` for each. Files are
 * replaced atomically.
 */
import { AtomicFile } from '../metrics/atomic';
import type { Comparison } from '../simulator/compare';
import type { ReportType, ResultView } from '../simulator/result';
import { compareSpec } from './compare-specs';
import { comparedRows, OP_WORDS, windowWarning } from './figures';
import { type ChartType, OVERVIEW_TYPES, type OverviewType, reportFileName } from './files';
import { renderHtml, type Table } from './html';
import { OVERVIEW_TITLES, overviewSpec } from './overview';
import { toPng, toSvg } from './render';
import { runBlock } from './run-block';
import { dailyExtents, dailyQuartiles, isSparse, sampleSeries } from './sample';
import { REPORT_TITLES, reportSpec, type Window } from './specs';

export { REPORT_TITLES } from './specs';

/** What a page shows: one run, or two compared. */
export type ReportSubject =
  | { readonly kind: 'run'; readonly view: ResultView }
  | { readonly kind: 'comparison'; readonly comparison: Comparison };

export interface ReportRequest {
  readonly subject: ReportSubject;
  readonly types: readonly ChartType[];
  /** Prepended with `_` to every file name when given; a folder (ending in `/`) holds the files instead. */
  readonly prefix: string | undefined;
  readonly zone: string;
  /** A run's summary rows (figure, value). */
  readonly summary: ReadonlyArray<readonly [string, string]>;
}

async function replace(path: string, bytes: Buffer | string): Promise<void> {
  const file = await AtomicFile.create(path);
  try {
    await file.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'));
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

const isOverview = (type: ChartType): type is OverviewType =>
  (OVERVIEW_TYPES as readonly string[]).includes(type);

export const chartTitle = (type: ChartType): string =>
  isOverview(type) ? OVERVIEW_TITLES[type].title : REPORT_TITLES[type].title;

/** A run's chart of one type. */
export function runChartSpec(type: ChartType, view: ResultView, w: Window): object {
  if (isOverview(type)) return overviewSpec(type, view, w);
  const series = view.series[type as ReportType];
  const sparse = isSparse(sampleSeries(series, w.start, w.end, w.zone));
  const samples = sampleSeries(series, w.start, w.end, w.zone, sparse ? 'max' : 'at');
  const daily = {
    quartiles: sparse ? [] : dailyQuartiles(samples),
    extents: sparse ? dailyExtents(series, w.start, w.end, w.zone) : [],
  };
  return reportSpec(type, samples, daily, sparse, w);
}

function page(req: ReportRequest): { title: string; run: Table; warnings: string[]; figures: Table } {
  const { subject } = req;
  if (subject.kind === 'run') {
    const rows = runBlock([subject.view]);
    return {
      title: subject.view.name,
      run: { headers: ['', ''], rows: rows.map((r) => [r.label, ...r.values]) },
      warnings: [],
      // The name and window head the run block already.
      figures: {
        headers: ['figure', 'value'],
        rows: req.summary.filter(([k]) => k !== 'simulation' && k !== 'window').map(([k, v]) => [k, v]),
      },
    };
  }
  const c = subject.comparison;
  const [a, b] = c.names;
  const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const warning = windowWarning(c, iso);
  return {
    title: `${a} vs ${b}`,
    run: {
      headers: ['', `A: ${a}`, `B: ${b}`],
      rows: runBlock([c.a, c.b]).map((r) => [r.label, ...r.values]),
    },
    warnings: warning ? [warning] : [],
    figures: {
      headers: ['figure', `A: ${a}`, `B: ${b}`, OP_WORDS[c.op]],
      rows: comparedRows(c).map((r) => [r.label, r.a, r.b, r.combined]),
    },
  };
}

/** Writes the files and returns their paths, the HTML first. */
export async function writeReports(req: ReportRequest): Promise<string[]> {
  const name = (base: string): string => reportFileName(req.prefix, base);
  const { subject } = req;
  const span = subject.kind === 'run' ? subject.view : subject.comparison.combined;
  const w: Window = { start: span.start, end: span.end, zone: req.zone };
  const charts: Array<{ type: ChartType; title: string; svg: string }> = [];
  const written: string[] = [];
  for (const type of req.types) {
    const spec =
      subject.kind === 'run' ? runChartSpec(type, subject.view, w) : compareSpec(type, subject.comparison, w);
    const svg = await toSvg(spec);
    charts.push({ type, title: chartTitle(type), svg });
    const png = name(`${type}.png`);
    await replace(png, toPng(svg));
    written.push(png);
  }
  const html = name('report.html');
  await replace(html, renderHtml({ ...page(req), charts }));
  return [html, ...written];
}

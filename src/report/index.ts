/**
 * --reports: `[prefix_]report.html` with every chosen report, and `[prefix_]<type>.png` for each. Files are
 * replaced atomically.
 */
import { AtomicFile } from '../metrics/atomic';
import type { ReportType, ResultView } from '../simulator/result';
import { reportFileName } from './files';
import { renderHtml } from './html';
import { toPng, toSvg } from './render';
import { dailyQuartiles, sampleSeries } from './sample';
import { reportSpec } from './specs';

export { REPORT_TITLES } from './specs';

export interface ReportRequest {
  readonly view: ResultView;
  readonly types: readonly ReportType[];
  /** Prepended with `_` to every file name when given; a folder (ending in `/`) holds the files instead. */
  readonly prefix: string | undefined;
  readonly zone: string;
  /** The summary's rows, shown above the charts. */
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

/** Writes the files and returns their paths, the HTML first. */
export async function writeReports(req: ReportRequest): Promise<string[]> {
  const name = (base: string): string => reportFileName(req.prefix, base);
  const charts: Array<{ type: ReportType; svg: string }> = [];
  const written: string[] = [];
  for (const type of req.types) {
    const samples = sampleSeries(req.view.series[type], req.view.start, req.view.end, req.zone);
    const svg = await toSvg(reportSpec(type, samples, dailyQuartiles(samples)));
    charts.push({ type, svg });
    const png = name(`${type}.png`);
    await replace(png, toPng(svg));
    written.push(png);
  }
  const html = name('report.html');
  await replace(html, renderHtml({ title: req.view.name, summary: req.summary, charts }));
  return [html, ...written];
}

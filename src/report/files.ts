/** The files --reports writes: `[prefix_]report.html`, then `[prefix_]<type>.png` for each type. Light to load. */
import type { ReportType } from '../simulator/result';

export const reportFileName = (prefix: string | undefined, base: string): string =>
  prefix ? `${prefix}_${base}` : base;

export function reportFiles(types: readonly ReportType[], prefix: string | undefined): string[] {
  return [
    reportFileName(prefix, 'report.html'),
    ...types.map((type) => reportFileName(prefix, `${type}.png`)),
  ];
}

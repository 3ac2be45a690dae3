/** The files --reports writes: `[prefix_]report.html`, then `[prefix_]<type>.png` for each type. Light to load. */
import { sep } from 'node:path';
import type { ReportType } from '../simulator/result';

/** A prefix ending in a path separator names a folder: `out/` gives `out/report.html`, not `out/_report.html`. */
export const isFolderPrefix = (prefix: string): boolean => prefix.endsWith('/') || prefix.endsWith(sep);

export const reportFileName = (prefix: string | undefined, base: string): string =>
  !prefix ? base : isFolderPrefix(prefix) ? `${prefix}${base}` : `${prefix}_${base}`;

export function reportFiles(types: readonly ReportType[], prefix: string | undefined): string[] {
  return [
    reportFileName(prefix, 'report.html'),
    ...types.map((type) => reportFileName(prefix, `${type}.png`)),
  ];
}

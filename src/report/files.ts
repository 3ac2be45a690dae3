/** The files --reports writes: `[prefix_]report.html`, then `[prefix_]<type>.png` for each type. Light to load. */
import { sep } from 'node:path';
import { REPORT_TYPES } from '../simulator/result';

/** The overview charts that answer "did capacity follow demand, at what cost", then clusterman's seven. */
export const OVERVIEW_TYPES = ['capacity', 'utilization', 'cost_split'] as const;
export type OverviewType = (typeof OVERVIEW_TYPES)[number];
export const CHART_TYPES = [...OVERVIEW_TYPES, ...REPORT_TYPES] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** A prefix ending in a path separator names a folder: `out/` gives `out/report.html`, not `out/_report.html`. */
export const isFolderPrefix = (prefix: string): boolean => prefix.endsWith('/') || prefix.endsWith(sep);

export const reportFileName = (prefix: string | undefined, base: string): string =>
  !prefix ? base : isFolderPrefix(prefix) ? `${prefix}${base}` : `${prefix}_${base}`;

export function reportFiles(types: readonly ChartType[], prefix: string | undefined): string[] {
  return [
    reportFileName(prefix, 'report.html'),
    ...types.map((type) => reportFileName(prefix, `${type}.png`)),
  ];
}

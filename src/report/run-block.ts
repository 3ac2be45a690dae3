/** The run block at the top of a report: what was simulated, on what, with which settings, by whom and when. */
import type { RunInfo, ResultView } from '../simulator/result';

/** UTC, `Z`, whole seconds as the summary prints them. */
const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

const NOT_RECORDED = 'not recorded';

/** What the figures assume at the window's start (the two differ; see the README's parity notes). */
const windowStart = (r: RunInfo): string =>
  r.clustermanWindow === undefined
    ? NOT_RECORDED
    : r.clustermanWindow
      ? 'empty, as clusterman (--clusterman-window: earlier points ignored, unused cost not clamped)'
      : 'capacity, prices and allocation in effect carried in';

/** The block's labels, in order, each with how to read it from a run (a result saved without it shows so). */
const ROWS: ReadonlyArray<readonly [string, (v: ResultView, run: RunInfo) => string]> = [
  ['name', (v) => v.name],
  ['cluster', (_, r) => r.cluster],
  ['pool', (_, r) => r.pool],
  ['scheduler', (_, r) => r.scheduler],
  ['window', (v) => `${iso(v.start)} to ${iso(v.end)}`],
  ['window start', (_, r) => windowStart(r)],
  ['inputs', (_, r) => r.inputs.join(', ')],
  ['billing period', (_, r) => r.billingPeriod],
  ['cpus per weight', (_, r) => String(r.cpusPerWeight)],
  ['autoscaler config', (_, r) => r.autoscaler?.config ?? 'none (size follows fulfilled_capacity)'],
  ['autoscaler policy', (_, r) => r.autoscaler?.policy ?? 'none'],
  ['seed', (_, r) => r.seed],
  ['command line', (_, r) => r.commandLine],
  ['version', (_, r) => `clusterman ${r.version}`],
  ['ran at', (_, r) => r.ranAt],
];

/** One row per label, one value per run (one run, or A and B of a comparison). */
export function runBlock(views: readonly ResultView[]): Array<{ label: string; values: string[] }> {
  return ROWS.map(([label, read]) => ({
    label,
    values: views.map((v) =>
      v.run || label === 'name' || label === 'window' ? read(v, v.run as RunInfo) : NOT_RECORDED,
    ),
  }));
}

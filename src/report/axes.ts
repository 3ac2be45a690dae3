/**
 * What every chart shares: dated time axes (`Mon 04 Dec`, hours between), the 24 hour labels of heatmaps,
 * and colour scales that keep small noise small.
 */

export const WIDTH = 760;

/** Midnight ticks show the date, others the hour. Times are the zone's wall clock as UTC (Sample.lt). */
const DATED_LABEL =
  "utchours(datum.value) == 0 && utcminutes(datum.value) == 0 ? utcFormat(datum.value, '%a %d %b') : utcFormat(datum.value, '%H:%M')";

/** A time x axis for a window; a window within one day names that day in the title. */
export function timeAxis(zone: string, start: number, end: number, field = 'lt'): object {
  const sameDay = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);
  const day =
    end - start <= 86400 && sameDay(start) === sameDay(end - 1)
      ? `, ${new Date(start * 1000).toUTCString().slice(0, 16)}`
      : '';
  return {
    field,
    type: 'temporal',
    scale: { type: 'utc' },
    title: `time (${zone})${day}`,
    axis: { labelExpr: DATED_LABEL, labelOverlap: true, labelFlush: true },
  };
}

/** A per-day x or y axis: one label per day, `Mon 04 Dec`. */
export const dayAxis = (title = 'date'): object => ({
  field: 'lt',
  type: 'temporal',
  timeUnit: 'utcyearmonthdate',
  title,
  axis: { format: '%a %d %b', labelOverlap: true },
});

export const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/** Heatmap columns: the 24 hours of the day, `00:00` to `23:00`, all shown even when the data is shorter. */
export const hourAxis = (): object => ({
  field: 'hourLabel',
  type: 'ordinal',
  scale: { domain: HOUR_LABELS },
  title: 'hour of day',
  axis: { labelAngle: -45, labelFontSize: 9 },
});

/** Heatmap rows: one per local date, labelled `Mon 04 Dec`, in date order. */
export const dateRows = (): object => ({
  field: 'dayLabel',
  type: 'ordinal',
  sort: { field: 'lt', op: 'min' },
  title: null,
});

/** A date's row label: `2017-12-04` -> `Mon 04 Dec`. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const [weekday, , month] = d.toUTCString().split(' ');
  return `${(weekday ?? '').replace(',', '')} ${date.slice(8, 10)} ${month ?? ''}`;
}

/** `16.5` -> `16:00`: the column an hour of day falls in. */
export const hourLabel = (hour: number): string => HOUR_LABELS[Math.floor(hour) % 24] as string;

/** What a heatmap's colours mean, so that its scale can be chosen. */
export type ColourMeaning =
  | { readonly kind: 'level' }
  | { readonly kind: 'ratio' }
  | { readonly kind: 'difference'; readonly reference: number };

/**
 * Colour scales whose ends are not simply the data's min and max, where ±5 % noise would span every colour:
 * levels run from 0 (noise of 5 % uses 5 % of the palette); ratios diverge around 1, at least ±25 % wide;
 * differences diverge around 0, at least ±10 % of the larger of A and B wide.
 */
export function colourScale(values: readonly number[], meaning: ColourMeaning): object {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0) [lo, hi] = [0, 1];
  switch (meaning.kind) {
    case 'level':
      return lo >= 0
        ? { domain: [0, hi > 0 ? hi : 1], scheme: 'blues' }
        : { domain: [lo, 0, Math.max(hi, 0)], scheme: 'redblue', reverse: true };
    case 'ratio': {
      const d = Math.max(Math.abs(hi - 1), Math.abs(1 - lo), 0.25);
      return { domain: [Math.max(0, 1 - d), 1, 1 + d], scheme: 'redblue', reverse: true, clamp: true };
    }
    case 'difference': {
      const d = Math.max(Math.abs(hi), Math.abs(lo), 0.1 * Math.abs(meaning.reference), 1e-9);
      return { domain: [-d, 0, d], scheme: 'redblue', reverse: true };
    }
  }
}

/** The colour of each named line or band, so that legends match across charts. */
export const PALETTE = {
  capacity: '#1f77b4',
  allocated: '#ff7f0e',
  target: '#2ca02c',
  band: '#9ecae1',
  /** B's setpoint band on a comparison, when it differs from A's. */
  bandB: '#fdd0a2',
  median: '#1f77b4',
  trend: '#b22222',
  spot: '#17becf',
  onDemand: '#9467bd',
  a: '#1f77b4',
  b: '#ff7f0e',
  combined: '#555555',
} as const;

/** How a legend draws an entry: a line series as a short stroke, a band or an area as a square. */
export type LegendSymbol = 'stroke' | 'square';

const SYMBOLS: Record<LegendSymbol, object> = {
  stroke: { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 250 },
  square: { symbolType: 'square', symbolSize: 150 },
};

/** For a vconcat: each view keeps its own band legend beside its lines' one, not hoisted to the top. */
export const OWN_FILL_LEGENDS = { scale: { fill: 'independent' }, legend: { fill: 'independent' } } as const;

/**
 * A colour scale for named layers: each gets a legend entry drawn as `symbol`. A chart with both lines and
 * bands gives each kind its own channel (lines `color`, bands `fill`), so that each legend draws its own kind.
 */
export const namedColours = (
  entries: ReadonlyArray<readonly [string, string]>,
  symbol: LegendSymbol,
  title: string | null = null,
) => ({
  scale: { domain: entries.map(([name]) => name), range: entries.map(([, colour]) => colour) },
  legend: { title, orient: 'top', ...SYMBOLS[symbol] },
});

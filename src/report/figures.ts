/**
 * A comparison's figures as a reader checks them: A, B, and A op B in words that fit the operator (`×2.09`
 * for a ratio, `+$2,147.98` for a difference). Light to load: the summary table uses it without Vega.
 */
import type { Comparison, Operator } from '../simulator/compare';
import type { ResultView } from '../simulator/result';

/** `$12,345.67`, `-$0.50`: thousands separators, the sign before the dollar. */
export function dollars(v: number, digits: number): string {
  const text = Math.abs(v).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${v < 0 && Number(text.replace(/,/g, '')) !== 0 ? '-' : ''}$${text}`;
}

/** The on-demand part of the cost (the rest is spot); null when the result predates the split. */
export function onDemandCost(totals: ResultView['totals']): number | null {
  const { totalCost, spotCost } = totals;
  return totalCost === null || spotCost === undefined || spotCost === null ? null : totalCost - spotCost;
}

type Kind = 'money' | 'rate' | 'amount' | 'count';

interface Figure {
  readonly label: string;
  readonly kind: Kind;
  readonly get: (v: ResultView) => number | null;
}

export const COMPARED_FIGURES: readonly Figure[] = [
  { label: 'total cost', kind: 'money', get: (v) => v.totals.totalCost },
  { label: 'spot cost', kind: 'money', get: (v) => v.totals.spotCost ?? null },
  { label: 'average capacity (vCPUs)', kind: 'amount', get: (v) => v.totals.avgCpus },
  { label: 'average allocated (vCPUs)', kind: 'amount', get: (v) => v.totals.avgCpusAllocated },
  { label: 'average unused (vCPUs)', kind: 'amount', get: (v) => v.totals.avgUnusedCpus },
  { label: 'cost of unused vCPUs', kind: 'money', get: (v) => v.totals.unusedCpusCost },
  { label: 'cost per vCPU-hour', kind: 'rate', get: (v) => v.totals.costPerCpuHour },
  { label: 'oversubscribed vCPU-hours', kind: 'amount', get: (v) => v.totals.oversubscribedCpuHours },
  { label: 'instances launched', kind: 'count', get: (v) => v.counts.instancesLaunched },
  { label: 'instances terminated', kind: 'count', get: (v) => v.counts.instancesTerminated },
  { label: 'instances outbid', kind: 'count', get: (v) => v.counts.instancesOutbid },
  { label: 'events processed', kind: 'count', get: (v) => v.counts.events },
];

const plain = (v: number, kind: Kind): string => {
  switch (kind) {
    case 'money':
      return dollars(v, 2);
    case 'rate':
      return dollars(v, 4);
    case 'count':
      return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(3);
    case 'amount':
      return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
};

/** A ratio as a factor: `×2.09`, `×0.953` (three significant digits below 1). */
export const factor = (r: number): string =>
  `×${Math.abs(r) >= 1 ? r.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : r.toPrecision(3)}`;

/** A difference with its sign always shown: `+$2,147.98`, `-3.50`, `+0`. */
const signed = (d: number, kind: Kind): string => {
  const text = plain(Math.abs(d), kind);
  return `${d < 0 && /[1-9]/.test(text) ? '-' : '+'}${text}`;
};

/** The value of `A op B` for a figure of this kind; products of units have none, so they are plain numbers. */
export function combinedText(op: Operator, value: number | null, kind: Kind): string {
  if (value === null) return 'n/a';
  switch (op) {
    case 'truediv':
      return factor(value);
    case 'sub':
      return signed(value, kind);
    case 'add':
      return plain(value, kind);
    case 'mul':
      return value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
  }
}

export const OP_WORDS: Record<Operator, string> = {
  truediv: 'A / B',
  sub: 'A − B',
  add: 'A + B',
  mul: 'A × B',
};

export interface ComparedRow {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly combined: string;
}

export function comparedRows(c: Comparison): ComparedRow[] {
  const show = (v: number | null, kind: Kind): string => (v === null ? 'n/a' : plain(v, kind));
  return COMPARED_FIGURES.map(({ label, kind, get }) => ({
    label,
    a: show(get(c.a), kind),
    b: show(get(c.b), kind),
    combined: combinedText(c.op, get(c.combined), kind),
  }));
}

/** The warning a comparison of different windows carries, or undefined. */
export function windowWarning(c: Comparison, time: (t: number) => string): string | undefined {
  if (!c.windowsDiffer) return undefined;
  const span = (v: ResultView): string => `${time(v.start)} to ${time(v.end)}`;
  return `the windows differ: ${c.names[0]} covers ${span(c.a)}, ${c.names[1]} ${span(c.b)}; totals and averages cover different times`;
}

/**
 * Spot price changes as engine events (PriceChangeEvent, one per market and change), scheduled one instant
 * ahead rather than all at once: the queue holds a few entries however long the price history. Markets
 * changing at the same instant fire in market order, as when every change was scheduled up front.
 */
import type { Environment } from '../engine';
import type { Market } from './markets';
import type { PriceSeries } from './prices';

export interface PricedMarket {
  readonly market: Market;
  readonly series: PriceSeries;
}

/** `onChange` runs for each market whose price changes (none: the events only mark the log and the count). */
export function schedulePriceChanges(
  env: Environment,
  markets: readonly PricedMarket[],
  priority: number,
  onChange?: (market: Market, now: number) => void,
): void {
  // Per market, the index of its next change; changes before the start are in effect already.
  const next = markets.map(({ series }) => {
    let i = 0;
    while (i < series.length && series.timeAt(i) < env.start) i++;
    return i;
  });
  const nextTime = (m: number): number => {
    const { series } = markets[m] as PricedMarket;
    const i = next[m] as number;
    return i < series.length ? series.timeAt(i) : Infinity;
  };
  const scheduleInstant = (): void => {
    let t = Infinity;
    for (let m = 0; m < markets.length; m++) t = Math.min(t, nextTime(m));
    if (!(t < env.end)) return;
    const due = [];
    for (let m = 0; m < markets.length; m++) if (nextTime(m) === t) due.push(m);
    due.forEach((m, k) => {
      next[m] = (next[m] as number) + 1;
      env.at(t, priority, 'PriceChangeEvent', (e) => {
        onChange?.((markets[m] as PricedMarket).market, e.now);
        // The last market changing now schedules the next instant.
        if (k === due.length - 1) scheduleInstant();
      });
    });
  };
  scheduleInstant();
}

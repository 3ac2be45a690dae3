/** Axes and colours every chart shares: dated labels, 24 hour columns, colour scales that keep noise small. */
import { colourScale, dayLabel, HOUR_LABELS, hourLabel } from '../../src/report/axes';
import { Rng } from '../../src/random/rng';

/** The share of a sequential or diverging scale's colours that values in [lo, hi] use. */
function paletteShare(scale: { domain: number[] }, lo: number, hi: number): number {
  const d = scale.domain;
  return (hi - lo) / ((d[d.length - 1] as number) - (d[0] as number));
}

describe('chart axes', () => {
  it('label days `Mon 04 Dec` and hours 00:00 to 23:00', () => {
    expect(dayLabel('2017-12-04')).toBe('Mon 04 Dec');
    expect(dayLabel('2024-02-29')).toBe('Thu 29 Feb');
    expect(HOUR_LABELS).toHaveLength(24);
    expect([HOUR_LABELS[0], HOUR_LABELS[23]]).toEqual(['00:00', '23:00']);
    expect(hourLabel(16.5)).toBe('16:00');
  });
});

describe('heatmap colour scales', () => {
  // ±5 % noise around 500 vCPUs, drawn with a fixed seed.
  const rng = Rng.fromSeed(5n);
  const noisy = Array.from({ length: 500 }, () => 500 * (0.95 + 0.1 * rng.random()));
  const lo = Math.min(...noisy);
  const hi = Math.max(...noisy);

  it('start levels at zero, so ±5 % noise takes about a tenth of the palette, not all of it', () => {
    const scale = colourScale(noisy, { kind: 'level' }) as { domain: number[] };
    expect(scale.domain).toEqual([0, hi]);
    expect(paletteShare(scale, lo, hi)).toBeLessThan(0.11);
  });

  it('centre ratios on 1 and differences on 0, at least ±25 % and ±10 % of the runs wide', () => {
    const ratios = noisy.map((v) => v / 500);
    const ratio = colourScale(ratios, { kind: 'ratio' }) as { domain: number[] };
    expect(ratio.domain).toEqual([0.75, 1, 1.25]);
    expect(paletteShare(ratio, Math.min(...ratios), Math.max(...ratios))).toBeLessThan(0.21);
    const diffs = noisy.map((v) => v - 500);
    const diff = colourScale(diffs, { kind: 'difference', reference: 525 }) as { domain: number[] };
    expect(diff.domain).toEqual([-52.5, 0, 52.5]);
    // A real change wider than the floor sets the scale itself.
    expect(
      (colourScale([-200, 80], { kind: 'difference', reference: 525 }) as { domain: number[] }).domain,
    ).toEqual([-200, 0, 200]);
  });
});

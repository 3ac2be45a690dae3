/** Imply's distribution blocks (`{"type": "uniform", "min": 0, "max": 9}`) -> DistSpec. */
import { parseTime } from '../../time';
import type { DistSpec, GmmComponent } from '../model';
import type { Cursor } from './cursor';

export const DISTRIBUTIONS = ['constant', 'uniform', 'exponential', 'normal', 'gmm_temporal'] as const;

/**
 * Where a distribution is used decides what it may be: only clocked draws (interarrival, delays) know the
 * time of day gmm_temporal needs; timestamp dimensions take ISO times where others take numbers.
 */
export type DistUse = 'value' | 'clocked' | 'timestamp';

export function parseDist(c: Cursor, use: DistUse): DistSpec {
  c.mapping();
  const type = c.required('type').choice(DISTRIBUTIONS, 'distribution');
  const num = (key: string): number => {
    const v = c.required(key);
    if (use === 'timestamp' && key !== 'stddev') return isoSeconds(v);
    return v.number();
  };
  switch (type) {
    case 'constant':
      return { kind: 'constant', value: num('value') };
    case 'uniform': {
      const min = num('min');
      const max = num('max');
      if (max < min) c.at('max').fail(`must not be below min (${min}), got ${max}`);
      return { kind: 'uniform', min, max };
    }
    case 'exponential': {
      const mean = num('mean');
      if (!(mean > 0) && use !== 'timestamp') c.at('mean').fail(`must be above 0 (got ${mean})`);
      return { kind: 'exponential', mean };
    }
    case 'normal': {
      const stddev = num('stddev');
      if (stddev < 0) c.at('stddev').fail(`must not be negative (got ${stddev})`);
      return { kind: 'normal', mean: num('mean'), stddev };
    }
    case 'gmm_temporal': {
      if (use !== 'clocked')
        c.at('type').fail(
          'gmm_temporal needs a clock: it is for interarrival and state delays, not dimension values',
        );
      const mean = c.required('mean').number();
      if (!(mean > 0)) c.at('mean').fail(`must be above 0 (got ${mean})`);
      return { kind: 'gmm_temporal', mean, days: parseGmmDays(c.required('days')) };
    }
  }
}

/** `{"1": [{utc_hour, sigma, weight}, ...], ..., "7": [...]}`: ISO weekdays, at least one. */
export function parseGmmDays(c: Cursor): Map<number, GmmComponent[]> {
  const days = new Map<number, GmmComponent[]>();
  for (const key of Object.keys(c.mapping())) {
    const day = c.at(key);
    if (!/^[1-7]$/.test(key)) day.fail('must be an ISO weekday from "1" (Monday) to "7" (Sunday)');
    days.set(
      Number(key),
      day.items({ nonEmpty: true }).map((comp) => {
        const sigma = comp.required('sigma').number();
        if (!(sigma > 0)) comp.at('sigma').fail(`must be above 0 (got ${sigma})`);
        const weight = comp.required('weight').number();
        if (weight < 0) comp.at('weight').fail(`must not be negative (got ${weight})`);
        return { hour: comp.required('utc_hour').number(), sigma, weight };
      }),
    );
  }
  if (days.size === 0) c.fail('must define at least one day ("1" = Monday .. "7" = Sunday)');
  return days;
}

/** An ISO time (a timestamp dimension's value, min, max or mean) as epoch seconds, fraction kept. */
function isoSeconds(c: Cursor): number {
  if (typeof c.value === 'number') return c.value;
  const text = c.string();
  try {
    const whole = parseTime(text, { nowMs: 0, zone: 'UTC' });
    const fraction = /:\d{2}[.,](\d+)/.exec(text)?.[1];
    return fraction === undefined ? whole : whole + Number(`0.${fraction}`);
  } catch {
    return c.fail(`must be an ISO time like 2024-01-01T00:00:00Z (got '${text}')`);
  }
}

/**
 * DistSpec -> draws. Imply's semantics, with its documented promises kept where its code breaks them:
 * `uniform` is [min, max] for real values (floats, delays, timestamps) and inclusive for ints and indices
 * (int(U[min, max + 1))); int use truncates toward zero, as Python's int() does.
 */
import type { StreamRng } from '../random/stream';
import type { DistSpec, GmmComponent, GmmDays } from './model';

export interface Sampler {
  /** A real draw; `now` (epoch seconds) and `offsetMinutes` matter only to gmm_temporal. */
  real(rng: StreamRng, now: number): number;
  /** An int draw (indices, int fields, lengths). */
  int(rng: StreamRng, now: number): number;
}

class Constant implements Sampler {
  constructor(private readonly value: number) {}
  real(): number {
    return this.value;
  }
  int(): number {
    return Math.trunc(this.value);
  }
}

class Uniform implements Sampler {
  private readonly span: number;
  readonly intSpan: number;
  constructor(
    readonly min: number,
    max: number,
  ) {
    this.span = max - min;
    this.intSpan = max + 1 - min;
  }
  real(rng: StreamRng): number {
    return this.min + this.span * rng.random();
  }
  int(rng: StreamRng): number {
    return Math.trunc(this.min + this.intSpan * rng.random());
  }
}

class Exponential implements Sampler {
  constructor(private readonly mean: number) {}
  real(rng: StreamRng): number {
    return rng.exponential(this.mean);
  }
  int(rng: StreamRng): number {
    return Math.trunc(rng.exponential(this.mean));
  }
}

class Normal implements Sampler {
  constructor(
    private readonly mean: number,
    private readonly stddev: number,
  ) {}
  real(rng: StreamRng): number {
    return rng.gauss(this.mean, this.stddev);
  }
  int(rng: StreamRng): number {
    return Math.trunc(rng.gauss(this.mean, this.stddev));
  }
}

/** Exponential waits whose rate follows a time-of-day mixture: many arrivals near the peaks, few between. */
export class GmmTemporal implements Sampler {
  private readonly profiles: ReadonlyArray<readonly GmmComponent[]>;
  constructor(
    private readonly mean: number,
    days: GmmDays,
    private readonly offsetMinutes: number,
  ) {
    this.profiles = dayProfiles(days);
  }
  /** The mixture's height at `now`: the rate multiplier (also the --schedule cap multiplier). */
  multiplier(now: number): number {
    const local = now + this.offsetMinutes * 60;
    const dayNumber = Math.floor(local / 86_400);
    const hour = (local - dayNumber * 86_400) / 3600;
    // 1970-01-01 was a Thursday (ISO 4): index 0 = Monday.
    const weekday = (((dayNumber + 3) % 7) + 7) % 7;
    let m = 0;
    for (const c of this.profiles[weekday] ?? []) {
      let best = 0;
      for (const o of WRAP) {
        const z = (hour - c.hour + o) / c.sigma;
        const v = c.weight * Math.exp(-0.5 * z * z);
        if (v > best) best = v;
      }
      m += best;
    }
    return m > 0 ? m : 0.001;
  }
  real(rng: StreamRng, now: number): number {
    return rng.exponential(this.mean / this.multiplier(now));
  }
  int(rng: StreamRng, now: number): number {
    return Math.trunc(this.real(rng, now));
  }
}

const WRAP = [-24, 0, 24];

/** Monday..Sunday: a day without components takes the nearest earlier day that has them (wrapping). */
function dayProfiles(days: GmmDays): ReadonlyArray<readonly GmmComponent[]> {
  const out: (readonly GmmComponent[])[] = [];
  for (let d = 1; d <= 7; d++) {
    let found: readonly GmmComponent[] = [];
    for (let back = 0; back < 7; back++) {
      const day = ((d - 1 - back + 7) % 7) + 1;
      const comps = days.get(day);
      if (comps) {
        found = comps;
        break;
      }
    }
    out.push(found);
  }
  return out;
}

export function sampler(spec: DistSpec, offsetMinutes = 0): Sampler {
  switch (spec.kind) {
    case 'constant':
      return new Constant(spec.value);
    case 'uniform':
      return new Uniform(spec.min, spec.max);
    case 'exponential':
      return new Exponential(spec.mean);
    case 'normal':
      return new Normal(spec.mean, spec.stddev);
    case 'gmm_temporal':
      return new GmmTemporal(spec.mean, spec.days, offsetMinutes);
  }
}

/** An index into `length` items: the int draw clamped to [0, length - 1]. */
export function indexIn(s: Sampler, rng: StreamRng, length: number): number {
  return clampIndex(s.int(rng, 0), length);
}

const clampIndex = (i: number, length: number): number => (i <= 0 ? 0 : i >= length ? length - 1 : i);

/** The int every draw of `s` gives when it is a constant (which draws nothing), else undefined. */
export function constantInt(s: Sampler): number | undefined {
  return s instanceof Constant ? s.int() : undefined;
}

/** The index every draw gives when the index sampler is a constant (which draws nothing), else undefined. */
export function constantIndex(s: Sampler, length: number): number | undefined {
  return s instanceof Constant ? clampIndex(s.int(), length) : undefined;
}

/** s.int as a plain function; a uniform one is a single random() without a method call. */
export type IntDraw = (rng: StreamRng, now: number) => number;
export function intDraw(s: Sampler): IntDraw {
  if (s instanceof Uniform) {
    const { min, intSpan } = s;
    return (rng) => Math.trunc(min + intSpan * rng.random());
  }
  return (rng, now) => s.int(rng, now);
}

/** indexIn as a function of the stream alone, fixed at load for one sampler and length. */
export type IndexDraw = (rng: StreamRng) => number;

/**
 * indexIn(s, rng, length) with the common samplers taken apart at load: a constant index draws nothing and
 * a uniform one is a single random() (the same draws as indexIn, without a method call per index).
 */
export function indexDraw(s: Sampler, length: number): IndexDraw {
  if (s instanceof Constant) {
    const i = clampIndex(s.int(), length);
    return () => i;
  }
  if (s instanceof Uniform) {
    const { min, intSpan } = s;
    return (rng) => clampIndex(Math.trunc(min + intSpan * rng.random()), length);
  }
  return (rng) => clampIndex(s.int(rng, 0), length);
}

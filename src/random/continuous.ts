/**
 * Python 3.11's continuous distributions, step for step: the same draws in the same order and the same float
 * operations, so a seed gives Python's values (bit for bit where only + - * / sqrt are involved).
 */
import { E, LOG4, NV_MAGICCONST, pyMod, SG_MAGICCONST, TWOPI } from './pymath';
import type { RandomSource as Rng } from './rng';

export function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng.random();
}

export function triangular(rng: Rng, low: number, high: number, mode: number | null): number {
  // Python draws before it divides, so even the degenerate case uses up a random().
  let u = rng.random();
  let c = 0.5;
  if (mode !== null) {
    if (high - low === 0) return low; // Python's ZeroDivisionError branch
    c = (mode - low) / (high - low);
  }
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    [low, high] = [high, low];
  }
  return low + (high - low) * Math.sqrt(u * c);
}

export function normalvariate(rng: Rng, mu: number, sigma: number): number {
  // Kinderman and Monahan's ratio of uniforms.
  let z: number;
  for (;;) {
    const u1 = rng.random();
    const u2 = 1.0 - rng.random();
    z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    const zz = (z * z) / 4.0;
    if (zz <= -Math.log(u2)) break;
  }
  return mu + z * sigma;
}

export function lognormvariate(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normalvariate(rng, mu, sigma));
}

export function expovariate(rng: Rng, lambd: number): number {
  return -Math.log(1.0 - rng.random()) / lambd;
}

export function vonmisesvariate(rng: Rng, mu: number, kappa: number): number {
  if (kappa <= 1e-6) return TWOPI * rng.random();
  const s = 0.5 / kappa;
  const r = s + Math.sqrt(1.0 + s * s);
  let z: number;
  for (;;) {
    const u1 = rng.random();
    z = Math.cos(Math.PI * u1);
    const d = z / (r + z);
    const u2 = rng.random();
    if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * Math.exp(d)) break;
  }
  const q = 1.0 / r;
  const f = (q + z) / (1.0 + q * z);
  const u3 = rng.random();
  return u3 > 0.5 ? pyMod(mu + Math.acos(f), TWOPI) : pyMod(mu - Math.acos(f), TWOPI);
}

export function gammavariate(rng: Rng, alpha: number, beta: number): number {
  if (alpha > 1.0) {
    // Cheng's rejection method (1977).
    const ainv = Math.sqrt(2.0 * alpha - 1.0);
    const bbb = alpha - LOG4;
    const ccc = alpha + ainv;
    for (;;) {
      const u1 = rng.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      const u2 = 1.0 - rng.random();
      const v = Math.log(u1 / (1.0 - u1)) / ainv;
      const x = alpha * Math.exp(v);
      const z = u1 * u1 * u2;
      const r = bbb + ccc * v - x;
      if (r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= Math.log(z)) return x * beta;
    }
  }
  if (alpha === 1.0) return -Math.log(1.0 - rng.random()) * beta;
  // alpha < 1: algorithm GS (Ahrens and Dieter).
  let x: number;
  for (;;) {
    const u = rng.random();
    const b = (E + alpha) / E;
    const p = b * u;
    x = p <= 1.0 ? p ** (1.0 / alpha) : -Math.log((b - p) / alpha);
    const u1 = rng.random();
    if (p > 1.0) {
      if (u1 <= x ** (alpha - 1.0)) break;
    } else if (u1 <= Math.exp(-x)) {
      break;
    }
  }
  return x * beta;
}

export function betavariate(rng: Rng, alpha: number, beta: number): number {
  const y = gammavariate(rng, alpha, 1.0);
  // The second gamma is drawn only when the first is non-zero.
  return y !== 0 ? y / (y + gammavariate(rng, beta, 1.0)) : 0.0;
}

export function paretovariate(rng: Rng, alpha: number): number {
  const u = 1.0 - rng.random();
  return u ** (-1.0 / alpha);
}

export function weibullvariate(rng: Rng, alpha: number, beta: number): number {
  const u = 1.0 - rng.random();
  return alpha * (-Math.log(u)) ** (1.0 / beta);
}

/** Python float semantics and math functions that JavaScript lacks, for the distribution algorithms. */

/** Python's module constants, written out so no engine's exp/log/sqrt can shift a bit. */
export const TWOPI = 6.283185307179586; // math.tau
export const NV_MAGICCONST = 1.7155277699214135; // 4 * exp(-0.5) / sqrt(2.0)
export const LOG4 = 1.3862943611198906; // log(4.0)
export const SG_MAGICCONST = 2.504077396776274; // 1.0 + log(4.5)
export const E = 2.718281828459045; // math.e

/** Python's float `%`: the result takes the divisor's sign (JS `%` is C's fmod, which keeps the dividend's). */
export function pyMod(x: number, y: number): number {
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/** 0! .. 22!, every one exact in a double. */
const FACTORIALS: readonly number[] = (() => {
  const out = [1];
  for (let i = 1; i <= 22; i++) out.push((out[i - 1] as number) * i);
  return out;
})();

const HALF_LOG_2PI = 0.9189385332046727; // 0.5 * log(2 * pi)

/** log(Gamma(x)) for x > 0: exact factorials for small integers, else Stirling's series after shifting x >= 23. */
export function lgamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lgamma: x must be > 0 (got ${x})`);
  if (Number.isInteger(x) && x <= 23) return Math.log(FACTORIALS[x - 1] as number);
  let shift = 1;
  while (x < 23) {
    shift *= x;
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli terms 1/12, -1/360, 1/1260, -1/1680, 1/1188: the next one is below 1e-17 for x >= 23.
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - Math.log(shift);
}

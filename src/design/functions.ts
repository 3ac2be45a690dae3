/** The random distributions as expression functions: `x + gauss(0, 5)` draws from the run's generator. */
import type { ExprFunction } from '../expr';
import { bindDistribution, DISTRIBUTION_NAMES, findDistribution } from '../random/distributions';
import type { Rng } from '../random/rng';

/** `rng` is absent when compiling only to validate; calling a function then is a programming error. */
export function distributionFunctions(rng?: Rng): ExprFunction[] {
  return DISTRIBUTION_NAMES.map((name) => {
    const params = findDistribution(name)?.params ?? [];
    return {
      name,
      minArgs: params.filter((p) => p.default === undefined).length,
      maxArgs: params.length,
      random: true,
      call(args: readonly number[]): number {
        if (!rng) throw new Error(`${name}() called without a generator`);
        return bindDistribution(name, args, 'values').draw(rng);
      },
    };
  });
}

/**
 * The population manager: a target count that moves once a day within [target_min_count, target_max_count]
 * (the reference's random walk), new users to keep the active count at the target, profiles chosen by weight
 * (or by what each profile lacks, with manage_population_counts_per_profile).
 */
import type { Rng } from '../random/rng';
import { cumulative, pickWeighted, roundHalfEven } from './draw';
import type { PopulationConfig, ProfileConfig } from './types';

/** One daily step of the target. */
export function stepPopulation(rng: Rng, current: number, c: PopulationConfig): number {
  const { target_min_count: min, target_max_count: max } = c;
  if (max <= min) return min;
  const r = (current - min) / (max - min);
  const pUp = r > 0.2 && r < 0.5 ? 0.4 : r > 0.5 && r < 0.8 ? 0.6 : 1 - r;
  const ratio = rng.random() < pUp ? 1 - r : -r;
  return current + roundHalfEven(rng.random() * (max - min) * c.volatility * ratio);
}

/** The profile of a new user. `active` counts each profile's active users; `target` is the population target. */
export function chooseProfile(
  rng: Rng,
  profiles: readonly ProfileConfig[],
  active: ReadonlyMap<string, number>,
  target: number,
  manage: boolean,
): ProfileConfig {
  const total = profiles.reduce((s, p) => s + p.occurrence_probability, 0);
  let weights = profiles.map((p) => p.occurrence_probability);
  if (manage) {
    const needs = profiles.map((p) => {
      const share = p.occurrence_probability / total;
      const desired = roundHalfEven(share * target);
      if (desired <= 0) return 0;
      return Math.max(0, (share * (desired - (active.get(p.name) ?? 0))) / desired);
    });
    if (needs.some((w) => w > 0)) weights = needs;
  }
  return profiles[pickWeighted(rng, cumulative(weights))] as ProfileConfig;
}

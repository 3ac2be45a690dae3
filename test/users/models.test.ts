/** Each model's statistics against its parameters, with fixed seeds and tolerances of about 4 standard errors. */
import { Rng } from '../../src/random/rng';
import { deliveryTime, inBusinessHours } from '../../src/users/delivery';
import {
  CHURN_LEVEL,
  engagedToday,
  sessionCount,
  sessionStarts,
  stepEngagement,
} from '../../src/users/engagement';
import { stepPopulation } from '../../src/users/population';
import { Simulation } from '../../src/users/simulation';
import { config, memoryOutput, runWithStops } from './support';

const N = 20_000;
const within = (count: number, n: number, p: number): void => {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p)).toBeLessThanOrEqual(4 * sd + 1e-9);
};
/** Pearson's chi-square statistic of observed counts against expected probabilities. */
const chiSquare = (observed: number[], probs: number[]): number => {
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((s, o, i) => s + (o - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
};

const profile = (extra: Record<string, unknown> = {}) =>
  config({ users: { profiles: { default: { session_engagement_count_factor: 0, ...extra } } } }).profiles[0]!;

describe('engagement', () => {
  it.each([0, 0.25, 0.5, 0.9])('a user at level %p is engaged on 0.8 + 0.2 x level of days', (level) => {
    const rng = Rng.fromSeed(1n);
    let engaged = 0;
    for (let i = 0; i < N; i++) if (engagedToday(rng, level, [1, 1, 1, 1, 1, 1, 1], 0)) engaged++;
    within(engaged, N, 0.8 + 0.2 * level);
  });

  it('a day-of-week weight w < 1 multiplies the engaged-day rate by w', () => {
    const rng = Rng.fromSeed(2n);
    let engaged = 0;
    for (let i = 0; i < N; i++) if (engagedToday(rng, 0.5, [1, 1, 1, 1, 1, 0.3, 1], 5)) engaged++;
    within(engaged, N, 0.3 * 0.9);
  });

  it('a level below 1e-4 is 0 for good (churn), and steps move by change_min..change_max with boost/(boost+decay) up', () => {
    const c = {
      initial_min: 0,
      initial_max: 1,
      change_probability: 0.5,
      boost_probability: 0.25,
      decay_probability: 0.75,
      change_min: 0.01,
      change_max: 0.02,
    };
    const rng = Rng.fromSeed(3n);
    expect(stepEngagement(rng, CHURN_LEVEL / 2, { ...c, boost_probability: 1, decay_probability: 0 })).toBe(
      0,
    );
    let changed = 0;
    let up = 0;
    const outside: number[] = [];
    for (let i = 0; i < N; i++) {
      const next = stepEngagement(rng, 0.5, c);
      if (next === 0.5) continue;
      changed++;
      const delta = Math.abs(next - 0.5);
      if (delta < 0.01 - 1e-12 || delta > 0.02 + 1e-12) outside.push(delta);
      if (next > 0.5) up++;
    }
    expect(outside).toEqual([]);
    within(changed, N, 0.5);
    within(up, changed, 0.25);
  });
});

describe('sessions', () => {
  it('counts: round(min + (max - min) U) with halves to even, so 1..3 gives 1/4, 1/2, 1/4', () => {
    const p = profile({ session_min_count: 1, session_max_count: 3 });
    const rng = Rng.fromSeed(4n);
    const seen = [0, 0, 0];
    for (let i = 0; i < N; i++) seen[sessionCount(rng, p, 0.5) - 1]!++;
    // 2 degrees of freedom: 13.8 is the 99.9% point.
    expect(chiSquare(seen, [0.25, 0.5, 0.25])).toBeLessThan(13.8);
  });

  it('start hours follow the hourly weights (chi-square, 23 degrees of freedom)', () => {
    const weights = Array.from({ length: 24 }, (_, h) => 1 + ((h * 7) % 5));
    const p = profile({ session_hourly_start_probabilities: weights });
    const rng = Rng.fromSeed(5n);
    const hours = new Array<number>(24).fill(0);
    const day = 18_262;
    for (let i = 0; i < N / 10; i++)
      for (const start of sessionStarts(rng, p, day, 10))
        hours[Math.floor((start - day * 86_400e6) / 3_600e6)]!++;
    const total = weights.reduce((a, b) => a + b, 0);
    expect(
      chiSquare(
        hours,
        weights.map((w) => w / total),
      ),
    ).toBeLessThan(49.7);
  });
});

describe('population', () => {
  it('the target stays within [target_min_count, target_max_count] over 10,000 days, and moves', () => {
    const c = {
      initial_count: 200,
      target_min_count: 100,
      target_max_count: 300,
      volatility: 0.2,
      resurrection_probability: 0,
      prune_oldest_registered_users: false,
    };
    const rng = Rng.fromSeed(6n);
    let current = 200;
    const seen = new Set<number>();
    for (let d = 0; d < 10_000; d++) {
      current = stepPopulation(rng, current, c);
      seen.add(current);
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...seen)).toBeLessThanOrEqual(300);
    expect(seen.size).toBeGreaterThan(50);
  });

  it('in a run with churn, the active users stay within bounds every day and only users below 1e-4 churn', async () => {
    const cfg = config({
      global: { start_ts: '2020-01-01', end_ts: '2020-02-10' },
      catalogs: { default: { target_count: 5 } },
      users: {
        population: { initial_count: 20, target_min_count: 20, target_max_count: 30, volatility: 0.3 },
        profiles: {
          default: {
            session_engagement: {
              initial_min: 0.05,
              initial_max: 0.2,
              change_probability: 0.8,
              decay_probability: 0.9,
              boost_probability: 0.1,
              change_min: 0.05,
              change_max: 0.1,
            },
            event_probabilities: { page: 1 },
          },
        },
      },
    });
    const start = Date.UTC(2020, 0, 1) * 1000;
    const sim = Simulation.create(cfg, 8n, memoryOutput().out);
    const activeByDay: number[] = [];
    for (let d = 1; d <= 40; d++) {
      await sim.runUntil(start + d * 86_400e6 + 1);
      activeByDay.push(sim.runners.filter((r) => r.state.active).length);
    }
    expect(Math.min(...activeByDay)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...activeByDay)).toBeLessThanOrEqual(30);
    const churned = sim.runners.filter((r) => !r.state.active);
    expect(churned.length).toBeGreaterThan(10);
    for (const r of churned) expect(r.state.se).toBeLessThan(CHURN_LEVEL);
    for (const r of sim.runners.filter((x) => x.state.active))
      expect(r.state.se).toBeGreaterThanOrEqual(CHURN_LEVEL);
    const active = sim.runners.length - churned.length;
    expect(active).toBeGreaterThanOrEqual(20);
    expect(active).toBeLessThanOrEqual(30);
  });
});

describe('deliveries', () => {
  it('always in business hours (08:00-20:00 UTC) on a weekday, at least an hour after the checkout', () => {
    const rng = Rng.fromSeed(9n);
    const wrong: string[] = [];
    for (let i = 0; i < N; i++) {
      const checkout = Date.UTC(2020, 0, 1) * 1000 + Math.floor(rng.random() * 365 * 86_400e6);
      for (const [urgent, maxDays] of [
        [false, 10],
        [false, 0],
        [true, 10],
      ] as const) {
        const t = deliveryTime(rng, checkout, urgent, maxDays);
        if (!inBusinessHours(t) || t < checkout + 3_600e6) wrong.push(`${checkout} -> ${t}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('purchase funnel', () => {
  const cfg = config({
    global: { start_ts: '2020-01-01', end_ts: '2020-01-11', rating_probability: 0 },
    catalogs: { default: { target_count: 10 } },
    users: {
      population: { initial_count: 40, target_min_count: 40, target_max_count: 40 },
      profiles: {
        default: {
          user_type: 'purchase_engagement',
          session_max_count: 3,
          session_engagement: { initial_min: 1, initial_max: 1 },
          behaviour: {
            purchase: {
              views_required_per_purchase_min: 1,
              views_required_per_purchase_max: 1,
              checkout_failure_probability_min: 0.3,
              checkout_failure_probability_max: 0.3,
              checkout_cancellation_probability_min: 0.2,
              checkout_cancellation_probability_max: 0.2,
              initial_account_balance_min: 5000,
              initial_account_balance_max: 5000,
              top_up_probability: 1,
              payment_failure_probability_min: 0.25,
              payment_failure_probability_max: 0.25,
            },
          },
        },
      },
    },
  });

  it('checkout failures, cart cancellations, order cancellations with refunds and top-ups at their configured rates', async () => {
    const { logs } = await runWithStops(cfg, 10n, Date.UTC(2020, 0, 11) / 1000);
    const rows = logs
      .trim()
      .split('\r\n')
      .map((l) => {
        const cut = l.indexOf(',"{') >= 0 ? l.indexOf(',"{') : l.lastIndexOf(',');
        const head = l.slice(0, cut).split(',');
        const raw = l.slice(cut + 1);
        const props = JSON.parse(
          raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw,
        ) as Record<string, unknown>;
        return { type: head[5], props };
      });
    const checkouts = rows.filter((r) => r.type === 'checkout');
    const failed = checkouts.filter((r) => r.props.is_successful === false).length;
    const cartCancels = rows.filter((r) => r.type === 'cancel_checkout' && r.props.type === 'cart').length;
    const orderCancels = rows.filter((r) => r.type === 'cancel_checkout' && r.props.type === 'order').length;
    const refunds = rows.filter((r) => r.type === 'deferred_payment' && r.props.action === 'refund').length;
    const topUps = rows.filter((r) => r.type === 'deferred_payment' && r.props.action === 'top_up');
    const attempts = checkouts.length + cartCancels;
    expect(attempts).toBeGreaterThan(300);
    within(cartCancels, attempts, 0.1);
    within(failed, checkouts.length, 0.3);
    // Orders cancelled: successful checkouts drawn to be cancelled by order (0.2 x 0.5 / (1 - 0.1)); each refunded.
    within(orderCancels, checkouts.length - failed, 0.1 / 0.9);
    expect(refunds).toBe(orderCancels);
    expect(rows.filter((r) => r.type === 'delivery').length).toBeGreaterThan(0);
    if (topUps.length > 20)
      within(topUps.filter((t) => t.props.is_successful === true).length, topUps.length, 0.75);
  });
});

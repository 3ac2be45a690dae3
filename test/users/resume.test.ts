import type { SavedState } from '../../src/users/snapshot';
import { CODEC, decodeState } from '../../src/store/codec';
import { encodedState, readState, stateBytes } from '../../src/users/state-file';
import { runWithStops, config } from './support';

const DAY = 86_400;
const START = Date.UTC(2020, 0, 1) / 1000;

const shopConfig = config({
  global: { start_ts: '2020-01-01', end_ts: '2020-02-01', randomise_registration_times: true },
  catalogs: { default: { target_count: 20 } },
  users: {
    population: {
      initial_count: 4,
      target_min_count: 4,
      target_max_count: 6,
      volatility: 0.2,
      resurrection_probability: 0.01,
    },
    profiles: {
      default: {
        user_type: 'purchase_engagement',
        product_user_type: 'mobile',
        background_per_minute_probability: 0.05,
        session_max_count: 3,
        session_engagement: { change_probability: 0.5, change_min: 0.05, change_max: 0.3 },
        behaviour: {
          normal_event_probability: 0.5,
          purchase: {
            views_required_per_purchase_min: 1,
            views_required_per_purchase_max: 2,
            checkout_cancellation_probability_min: 0.2,
            checkout_cancellation_probability_max: 0.5,
          },
        },
      },
      learner: {
        occurrence_probability: 1,
        user_type: 'session_engagement',
        event_probabilities: { module: 1, exam: 1, page: 2 },
      },
      shopper: { occurrence_probability: 1 },
    },
  },
});

describe('users: resume', () => {
  it('a run of 30 days equals 10 days, then 20 more resumed from the saved state, byte for byte', async () => {
    const whole = await runWithStops(shopConfig, 7n, START + 30 * DAY);
    const split = await runWithStops(shopConfig, 7n, START + 30 * DAY, [START + 10 * DAY]);
    expect(whole.logs.length).toBeGreaterThan(10_000);
    expect(split.logs).toBe(whole.logs);
    expect(split.catalogs).toBe(whole.catalogs);
  });

  it('saves the state as version 2 JSON, built in pieces, that reads back as the same state', async () => {
    const { sim } = await runWithStops(shopConfig, 5n, START + 3 * DAY + 3600 * 13.3);
    const state = sim.snapshot();
    expect(state.users.some((u) => u.at !== undefined)).toBe(true);
    expect(state.users.some((u) => u.s.shop !== null)).toBe(true);
    expect(state.later.length).toBeGreaterThan(0);
    const bytes = stateBytes(state);
    expect(stateBytes(state, 100).equals(bytes)).toBe(true);
    const text = bytes.toString('utf8');
    expect(JSON.parse(text)).toMatchObject({ version: 2, seed: '5' });
    expect(text.length).toBeLessThan(0.8 * JSON.stringify(state).length);
    expect(readState(text)).toEqual(state);
    // Text beyond ASCII takes more bytes than characters: the buffer must still hold it all.
    const first = state.later[0] as (typeof state.later)[number];
    const wide = {
      ...state,
      later: [...state.later, { p: first.p, r: { ...first.r, id: 'é€✓𝄞'.repeat(300) } }],
    };
    const wideBytes = stateBytes(wide, 100);
    expect(stateBytes(wide).equals(wideBytes)).toBe(true);
    expect(readState(wideBytes.toString('utf8'))).toEqual(wide);
    // As the store keeps it, compressed while it was made: the same bytes once read.
    for (const saved of [state, wide]) {
      const stored = await decodeState(CODEC, encodedState(saved).rows);
      expect(Buffer.from(stored).equals(stateBytes(saved))).toBe(true);
    }
  });

  it('resumes from version 1 states (the keyed JSON) byte for byte', async () => {
    const until = START + 5 * DAY;
    const whole = await runWithStops(shopConfig, 13n, until);
    const stops = [START + DAY + 3600 * 13.3, START + 3 * DAY];
    const asVersion1 = (saved: SavedState): SavedState => readState(JSON.stringify({ ...saved, version: 1 }));
    const split = await runWithStops(shopConfig, 13n, until, stops, asVersion1);
    expect(split.logs).toBe(whole.logs);
    expect(split.catalogs).toBe(whole.catalogs);
  });

  it('refuses a state of a version it does not know, naming both versions', () => {
    expect(() => readState('{"version":3,"seed":"1"}')).toThrow(
      'the saved simulation has state version 3; this clusterman reads 2 (and 1)',
    );
  });

  it('a state saved at a day boundary holds that day planned, and resumes byte for byte', async () => {
    const midnight = START + 2 * DAY;
    const { sim } = await runWithStops(shopConfig, 17n, midnight);
    const state = sim.snapshot();
    expect(state.nextDay).toBe((midnight + DAY) * 1e6);
    expect(state.users.some(({ s }) => s.day === midnight / DAY && s.starts.length > 0)).toBe(true);
    expect(readState(stateBytes(state).toString('utf8')).nextDay).toBe(state.nextDay);
    // A state saved mid-day keeps the next boundary, not one planned early.
    const { sim: midday } = await runWithStops(shopConfig, 17n, midnight + 3600);
    expect(midday.snapshot().nextDay).toBe((midnight + DAY) * 1e6);
    const whole = await runWithStops(shopConfig, 17n, START + 4 * DAY);
    const split = await runWithStops(shopConfig, 17n, START + 4 * DAY, [midnight, START + 3 * DAY]);
    expect(split.logs).toBe(whole.logs);
    expect(split.catalogs).toBe(whole.catalogs);
  });

  it('stopping at odd instants (mid-session, mid-day) changes nothing', async () => {
    const until = START + 6 * DAY;
    const whole = await runWithStops(shopConfig, 11n, until);
    const stops = [START + 1234.5678, START + DAY + 3600 * 13.3, START + 2 * DAY, START + 4 * DAY + 777];
    const split = await runWithStops(shopConfig, 11n, until, stops);
    expect(split.logs).toBe(whole.logs);
    expect(split.catalogs).toBe(whole.catalogs);
  });

  it('resumes a state saved before running sessions kept their due time (all drawn at restore)', async () => {
    const until = START + 4 * DAY;
    const whole = await runWithStops(shopConfig, 5n, until);
    const stops = [START + DAY + 3600 * 13.3, START + 2 * DAY + 3600 * 20.1];
    const withoutDue = (saved: SavedState): SavedState => ({
      ...saved,
      users: saved.users.map(({ s, at }) => {
        if (at === undefined) return { s };
        const { start, day, index, se, pe } = at;
        return { s, at: { start, day, index, se, pe } };
      }),
    });
    const old = await runWithStops(shopConfig, 5n, until, stops, withoutDue);
    expect(old.logs).toBe(whole.logs);
    expect(old.catalogs).toBe(whole.catalogs);
  });

  it('counts the pending deliveries of sessions not yet drawn again after a resume', async () => {
    let checked = 0;
    for (let hour = 13.3; hour < 10 * 24 && checked < 3; hour += 7.9) {
      const stop = START + 3600 * hour;
      const whole = await runWithStops(shopConfig, 9n, stop);
      if (!whole.sim.runners.some((r) => r.session?.later.some((l) => l.ts >= stop * 1e6))) continue;
      const resumed = await runWithStops(shopConfig, 9n, stop, [stop]);
      expect(resumed.sim.pendingLater()).toEqual(whole.sim.pendingLater());
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('writes no record at or after the end, and records in time order', async () => {
    const until = START + 3 * DAY;
    const { logs } = await runWithStops(shopConfig, 3n, until);
    const times = logs
      .trim()
      .split('\r\n')
      .map((l) => Date.parse(l.split(',')[4] as string));
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
    expect(Math.max(...times)).toBeLessThan(until * 1000);
  });
});

import { Cursor } from '../../src/events/config/cursor';
import { parseSchedule } from '../../src/events/schedule';
import { Timestamp } from '../../src/records/formats/types';
import { chiSquare, critical, oneState, run, START } from './support';

const states3 = {
  interarrival: { type: 'exponential', mean: 1 },
  emitters: [
    {
      name: 'e',
      dimensions: [
        { type: 'clock', name: 'time' },
        { type: 'variable', name: 'step', variable: 'step' },
      ],
    },
  ],
  states: [
    {
      name: 'a',
      emitter: 'e',
      variables: [
        {
          type: 'enum',
          name: 'step',
          values: ['a'],
          cardinality_distribution: { type: 'constant', value: 0 },
        },
      ],
      delay: { type: 'exponential', mean: 5 },
      transitions: [
        { next: 'b', probability: 0.5 },
        { next: 'c', probability: 0.3 },
        { next: 'stop', probability: 0.2 },
      ],
    },
    {
      name: 'b',
      emitter: 'e',
      variables: [
        {
          type: 'enum',
          name: 'step',
          values: ['b'],
          cardinality_distribution: { type: 'constant', value: 0 },
        },
      ],
      delay: { type: 'uniform', min: 1, max: 2 },
      transitions: [{ next: 'a', probability: 1 }],
    },
    {
      name: 'c',
      emitter: 'e',
      variables: [
        {
          type: 'enum',
          name: 'step',
          values: ['c'],
          cardinality_distribution: { type: 'constant', value: 0 },
        },
      ],
      delay: { type: 'constant', value: 0 },
      transitions: [{ next: 'a', probability: 1 }],
    },
  ],
};

describe('workers and limits', () => {
  it('-n gives exactly N records, in time order', () => {
    for (const n of [1, 7, 5000]) {
      const { records } = run(states3, { records: n });
      expect(records).toHaveLength(n);
      const times = records.map((r) => (r.time as Timestamp).epochMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('-r writes nothing at or after start + duration, and something close to it', () => {
    const { records } = run(oneState([]), { end: START + 600, maxWorkers: 10 });
    const last = Math.max(...records.map((r) => (r.time as Timestamp).epochMs));
    expect(last).toBeLessThan((START + 600) * 1000);
    expect(last).toBeGreaterThanOrEqual((START + 599) * 1000);
  });

  it('never has more than -m workers alive', () => {
    let most = 0;
    const { sim } = run(
      states3,
      { maxWorkers: 7, end: START + 3600 },
      (s) => (most = Math.max(most, s.live)),
    );
    expect(most).toBe(7);
    expect(sim.peakLive).toBe(7);
    expect(sim.spawned).toBeGreaterThan(100);
  });

  it('follows transitions with their probabilities (chi-square)', () => {
    // After each 'a' record its worker goes to b (logged), c (logged) or stops: a = b + c + stops.
    const { records } = run(states3, { end: START + 3600, maxWorkers: 300 });
    const count = (step: string) => records.filter((r) => r.step === step).length;
    const [a, b, c] = [count('a'), count('b'), count('c')];
    expect(a).toBeGreaterThan(3000);
    expect(chiSquare([b, c, a - b - c], [0.5, 0.3, 0.2])).toBeLessThan(critical(2));
  });
});

describe('dimension values', () => {
  it('enum values follow their index distribution (chi-square)', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { records } = run(
      oneState([
        { type: 'enum', name: 'v', values, cardinality_distribution: { type: 'uniform', min: 0, max: 5 } },
      ]),
      { records: 30_000 },
    );
    const counts = values.map((v) => records.filter((r) => r.v === v).length);
    expect(chiSquare(counts, [1, 1, 1, 1, 1, 1])).toBeLessThan(critical(5));

    // An exponential index: P(i) = P(i <= X < i + 1), the last value takes the tail.
    const exp = run(
      oneState([
        { type: 'enum', name: 'v', values, cardinality_distribution: { type: 'exponential', mean: 2 } },
      ]),
      { records: 30_000 },
    ).records;
    const expCounts = values.map((v) => exp.filter((r) => r.v === v).length);
    const p = values.map((_, i) =>
      i === values.length - 1 ? Math.exp(-i / 2) : Math.exp(-i / 2) - Math.exp(-(i + 1) / 2),
    );
    expect(chiSquare(expCounts, p)).toBeLessThan(critical(5));
  });

  it('percent_missing leaves keys out and percent_nulls writes null, at their rates', () => {
    const n = 40_000;
    const { records } = run(
      oneState([
        { type: 'int', name: 'm', distribution: { type: 'uniform', min: 0, max: 9 }, percent_missing: 20 },
        {
          type: 'string',
          name: 'z',
          length_distribution: { type: 'constant', value: 3 },
          chars: 'xy',
          percent_nulls: 10,
        },
        { type: 'float', name: 'f', distribution: { type: 'normal', mean: 0, stddev: 1 }, precision: 2 },
      ]),
      { records: n },
    );
    const missing = records.filter((r) => !('m' in r)).length / n;
    const nulls = records.filter((r) => r.z === null).length / n;
    // 4 standard errors.
    expect(Math.abs(missing - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / n));
    expect(Math.abs(nulls - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / n));
    const rounded = records.every((r) => Math.round((r.f as number) * 100) / 100 === r.f);
    const strings = records.every((r) => r.z === null || /^[xy]{3}$/.test(r.z as string));
    expect([rounded, strings]).toEqual([true, true]);
  });

  it('a cardinality pool holds exactly N distinct values, for every type', () => {
    const { records } = run(
      oneState([
        { type: 'int', name: 'i', distribution: { type: 'uniform', min: 0, max: 1e6 }, cardinality: 17 },
        {
          type: 'ipaddress',
          name: 'ip',
          distribution: { type: 'uniform', min: 0, max: 2 ** 32 - 1 },
          cardinality: 23,
        },
        { type: 'string', name: 's', length_distribution: { type: 'constant', value: 8 }, cardinality: 5 },
        {
          type: 'float',
          name: 'f',
          distribution: { type: 'uniform', min: 0, max: 1 },
          cardinality: 11,
          cardinality_distribution: { type: 'uniform', min: 0, max: 10 },
        },
      ]),
      { records: 20_000 },
    );
    const distinct = (k: string) => new Set(records.map((r) => r[k])).size;
    expect([distinct('i'), distinct('ip'), distinct('s'), distinct('f')]).toEqual([17, 23, 5, 11]);
  });

  it('addresses are the low 32 bits of the int draw; constant values stay constant, nulls and clamping included', () => {
    const { records } = run(
      oneState([
        { type: 'ipaddress', name: 'neg', distribution: { type: 'constant', value: -1 } },
        { type: 'ipaddress', name: 'wrap', distribution: { type: 'constant', value: 2 ** 32 + 258 } },
        {
          type: 'ipaddress',
          name: 'big',
          distribution: { type: 'constant', value: 2 ** 40 + 3 * 2 ** 24 + 7 },
        },
        { type: 'int', name: 'k', distribution: { type: 'constant', value: -2.7 }, percent_nulls: 50 },
        {
          type: 'enum',
          name: 'e',
          values: ['a', 'b', 'c'],
          cardinality_distribution: { type: 'constant', value: 9 },
        },
      ]),
      { records: 400 },
    );
    expect(records[0]).toMatchObject({ neg: '255.255.255.255', wrap: '0.0.1.2', big: '3.0.0.7', e: 'c' });
    expect(new Set(records.map((r) => r.k))).toEqual(new Set([-2, null]));
    expect(new Set(records.map((r) => r.e))).toEqual(new Set(['c']));
  });

  it('objects and lists are made, list items chosen among the elements', () => {
    const { records } = run(
      oneState([
        {
          type: 'object',
          name: 'o',
          dimensions: [
            { type: 'int', name: 'a', distribution: { type: 'constant', value: 1 } },
            {
              type: 'enum',
              name: 'b',
              values: ['x'],
              cardinality_distribution: { type: 'constant', value: 0 },
            },
          ],
        },
        {
          type: 'list',
          name: 'l',
          length_distribution: { type: 'uniform', min: 0, max: 3 },
          selection_distribution: { type: 'uniform', min: 0, max: 1 },
          elements: [
            { type: 'int', name: 'x', distribution: { type: 'constant', value: 5 } },
            {
              type: 'enum',
              name: 'y',
              values: ['y'],
              cardinality_distribution: { type: 'constant', value: 0 },
            },
          ],
        },
      ]),
      { records: 2000 },
    );
    expect(records[0]?.o).toEqual({ a: 1, b: 'x' });
    const items = records.flatMap((r) => r.l as unknown[]);
    expect(new Set(items)).toEqual(new Set([5, 'y']));
    expect(new Set(records.map((r) => (r.l as unknown[]).length))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('counters count per emitter dimension by default, per worker with scope worker', () => {
    const { records } = run(
      oneState([
        { type: 'counter', name: 'shared', start: 10, increment: 2 },
        { type: 'counter', name: 'mine', scope: 'worker' },
      ]),
      { records: 50 },
    );
    expect(records.map((r) => r.shared)).toEqual(records.map((_, i) => 10 + 2 * i));
    // Worker 0 starts at t=0 and emits at 1, 2, ...; worker 1 starts at t=1: both count 0, 1, 2 ...
    expect(records.slice(0, 3).map((r) => r.mine)).toEqual([0, 1, 0]);
  });

  it('gmm_temporal arrivals peak at the configured hours', () => {
    const config = oneState([], {
      interarrival: {
        type: 'gmm_temporal',
        mean: 10,
        days: {
          '1': [
            { utc_hour: 6, sigma: 1.5, weight: 1 },
            { utc_hour: 18, sigma: 1.5, weight: 0.5 },
            // A flat floor: without it, one wait drawn in a quiet hour would outlast the day.
            { utc_hour: 12, sigma: 1000, weight: 0.1 },
          ],
        },
      },
    });
    (config.states as { transitions: unknown[] }[])[0]!.transitions = [{ next: 'stop', probability: 1 }];
    // 2024-01-01 is a Monday; every day of the week takes Monday's profile (the nearest earlier defined day).
    const { records } = run(config, { end: START + 2 * 86_400, maxWorkers: 100_000 });
    const hours = new Array(24).fill(0) as number[];
    // Hour buckets centred on the hour (06 = 05:30 to 06:30), so a peak at 06:00 falls in one bucket.
    for (const r of records) {
      const hour = Math.round(((r.time as Timestamp).epochMs / 3_600_000) % 24) % 24;
      hours[hour] = (hours[hour] ?? 0) + 1;
    }
    const top = hours.indexOf(Math.max(...hours));
    expect(top).toBe(6);
    expect(hours[18]).toBeGreaterThan(hours[12]! * 3);
    // The mixture is 1.1 high at 06:00 and 0.6 at 18:00: 1.8 times the arrivals.
    expect(hours[6]! / hours[18]!).toBeGreaterThan(1.5);
    expect(hours[6]! / hours[18]!).toBeLessThan(2.2);
  });
});

describe('determinism and shards', () => {
  it('the same seed gives the same lines; another seed other lines', () => {
    const a = run(states3, { end: START + 900 }).lines;
    expect(a.length).toBeGreaterThan(500);
    expect(run(states3, { end: START + 900 }).lines).toEqual(a);
    expect(run(states3, { end: START + 900, seed: 43n }).lines).not.toEqual(a);
  });

  it('shards together write the unsharded records (as a multiset), each shard in time order', () => {
    const config = oneState([
      { type: 'int', name: 'i', distribution: { type: 'uniform', min: 0, max: 1e9 } },
      { type: 'counter', name: 'c' },
    ]);
    (config.states as { transitions: unknown[] }[])[0]!.transitions = [
      { next: 's', probability: 0.9 },
      { next: 'stop', probability: 0.1 },
    ];
    const whole = run(config, { records: 3000, maxWorkers: 20 }).lines;
    const shards = [0, 1, 2].map((index) =>
      run(config, { records: 3000, maxWorkers: 20, shard: { index, count: 3 } }),
    );
    for (const s of shards) {
      const times = s.records.map((r) => (r.time as Timestamp).epochMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(s.lines.length).toBeGreaterThan(500);
    }
    expect(shards.flatMap((s) => s.lines).sort()).toEqual([...whole].sort());
  });
});

it('timestamps carry the start offset', () => {
  const { lines } = run(oneState([]), { records: 1, offsetMinutes: 330 });
  expect(JSON.parse(lines[0] as string).time).toBe('2024-01-01T05:30:01.000+05:30');
  expect(new Timestamp(0).toDate().toISOString()).toBe('1970-01-01T00:00:00.000Z');
});

describe('--schedule', () => {
  it('caps workers at max(1, floor(m x multiplier)), constant or by time of day', () => {
    const longLived = oneState([]);
    let most = 0;
    run(
      longLived,
      {
        maxWorkers: 10,
        end: START + 600,
        schedule: parseSchedule(new Cursor('s.json', '', { type: 'constant', value: 0.35 }), 0),
      },
      (s) => (most = Math.max(most, s.live)),
    );
    expect(most).toBe(3);
    const night = parseSchedule(
      new Cursor('s.json', '', {
        type: 'gmm_temporal',
        days: { '1': [{ utc_hour: 12, sigma: 1, weight: 1 }] },
      }),
      0,
    );
    expect([night.cap(100, START), night.cap(100, START + 12 * 3600)]).toEqual([1, 100]);
  });
});

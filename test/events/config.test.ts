import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../src/events/config/load';
import { readConfigFile, substituteEnv } from '../../src/events/config/read';
import { oneState } from './support';

const shop = () => ({
  interarrival: { type: 'exponential', mean: 1 },
  emitters: [
    {
      name: 'click',
      dimensions: [
        { type: 'clock', name: 'time' },
        { type: 'variable', name: 'user', variable: 'user' },
      ],
    },
  ],
  states: [
    {
      name: 'home',
      emitter: 'click',
      variables: [{ type: 'int', name: 'user', distribution: { type: 'uniform', min: 0, max: 9 } }],
      delay: { type: 'constant', value: 1 },
      transitions: [{ next: 'checkout', probability: 1 }],
    },
    {
      name: 'checkout',
      emitter: 'click',
      delay: { type: 'constant', value: 1 },
      transitions: [{ next: 'stop', probability: 1 }],
    },
  ],
});

type Shop = ReturnType<typeof shop> & Record<string, unknown>;
const broken = (edit: (c: Shop) => void): (() => unknown) => {
  const c = shop() as Shop;
  edit(c);
  return () => buildConfig('shop.json', c);
};

describe('bad configs: one line naming the file and the JSON path', () => {
  it('a transition to a missing state, with a suggestion', () => {
    expect(broken((c) => (c.states[0]!.transitions[0]!.next = 'chekout'))).toThrow(
      "shop.json: states[0].transitions[0].next: no state 'chekout' (did you mean 'checkout'?)",
    );
  });

  it('unknown dimension types and distributions, with suggestions', () => {
    expect(broken((c) => (c.emitters[0]!.dimensions[1]!.type = 'varaible'))).toThrow(
      "shop.json: emitters[0].dimensions[1].type: unknown dimension type 'varaible' (did you mean 'variable'?)",
    );
    expect(broken((c) => (c.interarrival.type = 'exponentail'))).toThrow(
      "shop.json: interarrival.type: unknown distribution 'exponentail' (did you mean 'exponential'?)",
    );
  });

  it('probabilities out of (0, 1]', () => {
    for (const p of [0, 1.5, -0.1])
      expect(broken((c) => (c.states[1]!.transitions[0]!.probability = p))).toThrow(
        `shop.json: states[1].transitions[0].probability: must be in (0, 1] (got ${p})`,
      );
  });

  it('a variable read before any state sets it', () => {
    expect(broken((c) => (c.emitters[0]!.dimensions[1]!.variable = 'usr'))).toThrow(
      "shop.json: emitters[0].dimensions[1].variable: variable 'usr' is read when state 'home' (states[0]) emits 'click' before any state sets it (did you mean 'user'?)",
    );
    // Set only on one path to the read: still an error.
    expect(
      broken((c) => {
        c.states[0]!.transitions = [
          { next: 'checkout', probability: 0.5 },
          { next: 'other', probability: 0.5 },
        ];
        (c.states as unknown[]).unshift({
          name: 'other',
          delay: { type: 'constant', value: 0 },
          transitions: [{ next: 'checkout', probability: 1 }],
        });
      }),
    ).toThrow(/variable 'user' is read .* before every path there sets it/);
  });

  it('a cardinality the distribution cannot reach is an error at load, not an endless loop', () => {
    const config = oneState([
      {
        type: 'int',
        name: 'i',
        distribution: { type: 'uniform', min: 0, max: 2 },
        cardinality: 10,
      },
    ]);
    expect(() => buildConfig('c.json', config)).toThrow(
      'c.json: emitters[0].dimensions[1].cardinality: 10 distinct values cannot come from uniform (min 0, max 2), which makes only 3',
    );
  });

  it('unreachable states are a warning, not an error', () => {
    const c = shop() as Shop;
    (c.states as unknown[]).push({
      name: 'orphan',
      delay: { type: 'constant', value: 1 },
      transitions: [{ next: 'stop', probability: 1 }],
    });
    expect(buildConfig('shop.json', c).warnings).toEqual([
      "shop.json: states[2]: state 'orphan' cannot be reached from the initial state",
    ]);
  });

  it('%ENV% names come from the environment; an unset one is an error naming where', () => {
    expect(substituteEnv({ a: ['x-%HOST_NAME%'] }, 'f.json', { HOST_NAME: 'web' })).toEqual({ a: ['x-web'] });
    expect(() => substituteEnv({ a: ['%NOPE_X%'] }, 'f.json', {})).toThrow(
      'f.json: a[0]: %NOPE_X% names an environment variable that is not set',
    );
    // strftime text and templates are left alone.
    expect(substituteEnv({ f: '%Y%m%d', templates: { t: '%ABC%' } }, 'f.json', {})).toEqual({
      f: '%Y%m%d',
      templates: { t: '%ABC%' },
    });
  });
});

describe('config shapes', () => {
  it('v2: unknown keys are ignored, weights not summing to 1 are normalised with a warning', () => {
    const c = shop() as Shop;
    c._comment = 'ignored';
    c.states[0]!.transitions = [
      { next: 'checkout', probability: 0.5 },
      { next: 'stop', probability: 0.25 },
    ];
    const config = buildConfig('shop.json', c);
    expect(config.version).toBe(2);
    expect(config.states[0]!.transitions.map((t) => t.probability)).toEqual([2 / 3, 1 / 3]);
    expect(config.warnings[0]).toMatch(/probabilities sum to 0.75, not 1/);
  });

  it('v1: no clock dimension; a time field comes first and states emit on entry', () => {
    const c = shop() as Shop;
    c.emitters[0]!.dimensions.shift();
    const config = buildConfig('v1.json', c);
    expect(config.version).toBe(1);
    expect(config.emitters[0]!.dims.map((d) => d.name)).toEqual(['time', 'user']);
    expect(config.states[0]!.emitOnEntry).toBe(true);
    expect(config.states[0]!.onEntry.map((d) => d.name)).toEqual(['user']);
  });

  it('v3: typed states become the same model (start timer = interarrival, end = stop)', () => {
    const config = buildConfig('v3.json', {
      emitters: [{ name: 'e', dimensions: [{ type: 'clock', name: 'time' }] }],
      states: [
        {
          name: 'begin',
          type: 'event:start:timer',
          cardinality_distribution: { type: 'constant', value: 2 },
          next: 'act',
        },
        {
          name: 'act',
          type: 'activity',
          emitter: 'e',
          variables: [{ name: 'v', type: 'string:static', value: 'x' }],
          next: 'gw',
        },
        {
          name: 'gw',
          type: 'gateway:exclusive',
          transitions: [
            { next: 'wait', probability: 0.5 },
            { next: 'done', probability: 0.5 },
          ],
        },
        {
          name: 'wait',
          type: 'event:intermediate:timer',
          cardinality_distribution: { type: 'constant', value: 3 },
          next: 'act',
        },
        { name: 'done', type: 'event:end' },
      ],
      templates: { line: { body: '{{ time }}' } },
    });
    expect(config.version).toBe(3);
    expect(config.interarrival).toEqual({ kind: 'constant', value: 2 });
    expect(config.states.map((s) => s.name)).toEqual(['act', 'gw', 'wait']);
    expect(config.states[1]!.transitions).toEqual([
      { next: 2, probability: 0.5 },
      { next: -1, probability: 0.5 },
    ]);
    expect(config.states[0]!.delay).toBeUndefined();
    expect(config.templates.get('line')?.body).toBe('{{ time }}');
  });

  it('v3: a gateway whose probabilities do not sum to 1 is an error', () => {
    expect(() =>
      buildConfig('v3.json', {
        emitters: [{ name: 'e', dimensions: [] }],
        states: [
          {
            name: 'b',
            type: 'event:start:timer',
            cardinality_distribution: { type: 'constant', value: 1 },
            next: 'g',
          },
          { name: 'g', type: 'gateway:exclusive', transitions: [{ next: 'end', probability: 0.5 }] },
          { name: 'end', type: 'event:end' },
        ],
      }),
    ).toThrow(
      'v3.json: states[1].transitions: probabilities must sum to 1 (within 0.01) in a v3 gateway, got 0.5',
    );
  });
});

describe('readConfigFile', () => {
  it('reads a JSON config, and names a file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-config-'));
    try {
      const file = join(dir, 'c.json');
      writeFileSync(file, '{"interarrival": {"type": "constant", "value": "%RATE%"}}');
      await expect(readConfigFile(file, { RATE: '2' })).resolves.toEqual({
        interarrival: { type: 'constant', value: '2' },
      });
      await expect(readConfigFile(join(dir, 'missing.json'), {})).rejects.toThrow(
        /missing\.json.*cannot read the config: no such file/,
      );
      await expect(readConfigFile(dir, {})).rejects.toThrow(/cannot read the config/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { designSchema } from '../../src/design/schema';
import { DesignError } from '../../src/design/errors';
import { loadDesign } from '../../src/design/load';
import { validateDesign } from '../../src/design/validate';
import { parseYaml } from '../../src/design/yaml';
import { CLUSTERMAN_FIXTURES, ROOT } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

const time = { nowMs: Date.UTC(2017, 11, 1, 12), zone: 'UTC' };
const options = { time, metricType: 'system_metrics' as const };
const parse = (text: string) => validateDesign(parseYaml(text, 'd.yaml'), 'd.yaml', options);

describe('design forms', () => {
  it('nested: types and metrics in file order, times honoured as written', () => {
    const d = parse(`
metadata:
  b: {start_time: '2017-12-01T08:00:00Z', end_time: '2017-12-01T10:00:00+01:00', frequency: 90s, values: 2.5}
system_metrics:
  a: {start_time: 1512115200, end_time: '2017-12-01T08:10:00', frequency: 1h30m, values: 3}
`);
    expect(d.specs.map((s) => [s.type, s.key])).toEqual([
      ['metadata', 'b'],
      ['system_metrics', 'a'],
    ]);
    expect(d.specs[0]).toMatchObject({
      start: 1512115200,
      end: 1512118800,
      frequency: { kind: 'regular', seconds: 90 },
    });
    expect(d.specs[1]).toMatchObject({
      start: 1512115200,
      end: 1512115800,
      frequency: { kind: 'regular', seconds: 5400 },
      values: { kind: 'constant', value: 3 },
    });
  });

  it('flat form takes --metric-type', () => {
    const d = validateDesign(
      parseYaml(`cpus: {start_time: -1h, end_time: now, frequency: 1m, values: 1}`, 'f.yaml'),
      'f.yaml',
      {
        time,
        metricType: 'app_metrics',
      },
    );
    expect(d.specs[0]).toMatchObject({
      type: 'app_metrics',
      key: 'cpus',
      start: 1512126000,
      end: 1512129600,
    });
  });

  it('anchors, aliases and merge keys', () => {
    const d = parse(`
system_metrics:
  a: &base {start_time: -1h, end_time: now, frequency: 1m, values: {distribution: uniform, params: {a: 0, b: 1}}}
  b: *base
  c:
    <<: *base
    values: 7
`);
    expect(d.specs.map((s) => s.values.kind)).toEqual(['distribution', 'distribution', 'constant']);
  });

  it('unquoted YAML timestamps are times, without a zone in --tz', () => {
    const d = validateDesign(
      parseYaml(
        `x: {start_time: 2017-12-01T08:00:00Z, end_time: 2017-12-01 09:00:00, frequency: 1m, values: 1}`,
        'u.yaml',
      ),
      'u.yaml',
      { time: { ...time, zone: 'America/Los_Angeles' }, metricType: 'system_metrics' },
    );
    expect(d.specs[0]).toMatchObject({ start: 1512115200, end: 1512147600 });
  });

  it('functions: one source as x, several by name, clusterman aws_region as a*x+b, dict_keys per key', () => {
    const d = parse(`
system_metrics:
  a: {start_time: -1h, end_time: now, frequency: historical, values: {function: '1.5 * x + 10', metric: src}}
  b: {start_time: -1h, end_time: now, frequency: 5m, values: {function: 'cpu / mem', metrics: {cpu: c, mem: m}}}
  c: {start_time: -1h, end_time: now, frequency: historical, values: {aws_region: us-west-2, params: {a: 1.5, b: 10}}}
  d: {start_time: -1h, end_time: now, frequency: 1m, dict_keys: [k1, k2], values: {function: 'x * 2', metric: a}}
`);
    expect(d.specs[0]?.values).toEqual({
      kind: 'function',
      expression: '1.5 * x + 10',
      sources: new Map([['x', 'src']]),
    });
    expect(d.specs[1]?.values).toMatchObject({
      sources: new Map([
        ['cpu', 'c'],
        ['mem', 'm'],
      ]),
    });
    expect(d.specs[2]?.values).toEqual({
      kind: 'function',
      expression: '1.5 * x + 10',
      sources: new Map([['x', 'c']]),
    });
    expect(d.specs[3]?.values).toMatchObject({ kind: 'function', keys: ['k1', 'k2'] });
  });
});

/**
 * A design written the way Python clusterman's own designs are (4-space indents, anchors, expovariate gaps,
 * dict_keys, a historical aws_region block); clusterman's real designs are read in the interop tests below.
 */
const CLUSTERMAN_STYLE = `metadata:
    spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=m3.large: &prices
        start_time: "2017-12-01T08:00:00Z"
        end_time: "2017-12-01T09:00:00Z"
        frequency:
            distribution: expovariate
            params:
                lambd: 0.005
        values:
            distribution: uniform
            params:
                a: 0
                b: 1
    spot_prices|aws_availability_zone=us-west-2b,aws_instance_type=m3.large: *prices
    fulfilled_capacity|cluster=local-dev,pool=default.mesos:
        start_time: "2017-12-01T08:00:00Z"
        end_time: "2017-12-01T09:00:00Z"
        dict_keys:
            - <m3.large, us-west-2a>
            - <m3.large, us-west-2b>
        frequency: 1m
        values:
            distribution: randint
            params:
                a: 1
                b: 10
app_metrics:
    batch,batch_runs:
        start_time: "2017-12-01T08:00:00Z"
        end_time: "2017-12-01T09:00:00Z"
        frequency:
            distribution: expovariate
            params:
                lambd: 0.002
        values: 1
system_metrics:
    cpus_allocated|cluster=local-dev,pool=default.mesos:
        start_time: "2017-12-01T08:00:00Z"
        end_time: "2017-12-01T09:00:00Z"
        frequency: historical
        values:
            aws_region: "us-west-2"
            params:
                a: 1.5
                b: 10
`;
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const clustermanStyle = tmp.file('clusterman-style.yaml');
writeFileSync(clustermanStyle, CLUSTERMAN_STYLE);

describe("designs in clusterman's style", () => {
  it('load in file order, every "…Z" start honoured as UTC', async () => {
    const d = await loadDesign(clustermanStyle, options);
    expect(d.specs.map((s) => [s.type, s.key.split('|')[0]])).toEqual([
      ['metadata', 'spot_prices'],
      ['metadata', 'spot_prices'],
      ['metadata', 'fulfilled_capacity'],
      ['app_metrics', 'batch,batch_runs'],
      ['system_metrics', 'cpus_allocated'],
    ]);
    // "2017-12-01T08:00:00Z" means 08:00 UTC (clusterman re-labelled it US/Pacific: we do not)
    for (const s of d.specs) expect(s.start).toBe(1512115200);
    // the alias: the same distribution and gaps as the anchored spec
    expect(d.specs[1]).toMatchObject({
      values: { kind: 'distribution', draw: { name: 'uniform', args: { a: 0, b: 1 } } },
      frequency: { kind: 'random', draw: { name: 'expovariate', args: { lambd: 0.005 } } },
    });
    expect(d.specs[2]?.values).toMatchObject({
      kind: 'dict',
      keys: ['<m3.large, us-west-2a>', '<m3.large, us-west-2b>'],
    });
  });

  it('a historical aws_region block becomes a * x + b of the same metric', async () => {
    const d = await loadDesign(clustermanStyle, options);
    const last = d.specs[d.specs.length - 1];
    expect(last).toMatchObject({
      key: 'cpus_allocated|cluster=local-dev,pool=default.mesos',
      frequency: { kind: 'historical' },
    });
    expect(last?.values).toEqual({
      kind: 'function',
      expression: '1.5 * x + 10',
      sources: new Map([['x', 'cpus_allocated|cluster=local-dev,pool=default.mesos']]),
    });
  });
});

describeWithShared("clusterman's own designs load (interop with the real files)", () => {
  it.each(['design.yaml', 'itest-metrics.yaml'])('%s', async (name) => {
    const d = await loadDesign(join(CLUSTERMAN_FIXTURES, name), options);
    expect(d.specs.length).toBeGreaterThan(4);
    for (const s of d.specs) expect(s.start).toBe(1512115200);
  });

  it('design.yaml: historical aws_region block becomes a * x + b of the same metric', async () => {
    const d = await loadDesign(join(CLUSTERMAN_FIXTURES, 'design.yaml'), options);
    const last = d.specs[d.specs.length - 1];
    expect(last).toMatchObject({
      key: 'cpu_allocation|cluster=everywhere-testopia,role=jolt',
      frequency: { kind: 'historical' },
    });
    expect(last?.values).toMatchObject({ expression: '1.5 * x + 10' });
  });

  it.each(['design.yaml', 'itest-metrics.yaml'])('the JSON Schema accepts %s', (name) => {
    const file = join(CLUSTERMAN_FIXTURES, name);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(designSchema());
    validate(parseYaml(readFileSync(file, 'utf8'), file));
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe('designs/ and the JSON Schema agree with the loader', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(designSchema());

  it('designs/schema.json is the generated schema (run `npm run schema` after changing the loader)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'designs/schema.json'), 'utf8'))).toEqual(designSchema());
  });

  const good = [
    'designs/example.yaml',
    'designs/autoscaler-workload.yaml',
    'designs/functions.yaml',
    'test/golden/parity-design.json',
  ].map((p) => join(ROOT, p));
  good.push(clustermanStyle);
  it.each(good)('accepted by both: %s', async (file) => {
    await expect(loadDesign(file, options)).resolves.toBeDefined();
    const ok = validate(parseYaml(readFileSync(file, 'utf8'), file));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const spec = (inner: string) => `system_metrics:\n  m: {start_time: -1h, end_time: now, ${inner}}\n`;
  const bad: Array<[string, string]> = [
    ['missing values', spec('frequency: 1m')],
    ['unknown key', spec('frequency: 1m, values: 1, colour: red')],
    ['unknown distribution', spec('frequency: 1m, values: {distribution: gaus}')],
    ['missing param', spec('frequency: 1m, values: {distribution: uniform, params: {a: 1}}')],
    ['extra param', spec('frequency: 1m, values: {distribution: gauss, params: {mu: 1, sd: 2}}')],
    ['string param', spec("frequency: 1m, values: {distribution: gauss, params: {mu: 'x'}}")],
    [
      'float where an int is needed',
      spec('frequency: 1m, values: {distribution: randint, params: {a: 1.5, b: 3}}'),
    ],
    ['empty dict_keys', spec('frequency: 1m, values: 1, dict_keys: []')],
    ['metric and metrics', spec("frequency: 1m, values: {function: 'x', metric: a, metrics: {y: b}}")],
    [
      'unknown metric type',
      `sytem_metrics:\n  m: {start_time: -1h, end_time: now, frequency: 1m, values: 1}\n`,
    ],
    ['a list', '- 1\n'],
  ];
  it.each(bad)('rejected by both: %s', (_name, text) => {
    expect(() => validateDesign(parseYaml(text, 'b.yaml'), 'b.yaml', options)).toThrow(DesignError);
    expect(validate(parseYaml(text, 'b.yaml'))).toBe(false);
  });
});

describe('YAML errors', () => {
  const spec = "start_time: -1h, end_time: now, frequency: 5m, values: {function: 'cpu', metrics:";

  it('a duplicated key inside {...} says that keys with commas must be quoted or in block style', () => {
    const flow = `system_metrics:\n  a|x=1: {${spec} {cpu: b|cluster=c,pool=p, mem: m|cluster=c,pool=p}}}\n`;
    expect(() => parse(flow)).toThrow(
      /d\.yaml: YAML syntax error at line 2, column \d+: duplicated mapping key; inside \{\.\.\.\} a comma ends an entry, so keys and values with commas .* must be quoted or written in block style/,
    );
    const quoted = `system_metrics:\n  a|x=1: {${spec} {cpu: 'b|cluster=c,pool=p', mem: 'm|cluster=c,pool=p'}}}\n`;
    expect(parse(quoted).specs).toHaveLength(1);
  });

  it('a duplicated key in block style gets no such hint', () => {
    expect(() => parse('system_metrics:\n  a: 1\n  a: 2\n')).toThrow(/duplicated mapping key$/);
  });
});

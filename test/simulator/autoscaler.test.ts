import { writeFileSync } from 'node:fs';
import { MetricsData, type Point } from '../../src/metrics/model';
import { Rng } from '../../src/random/rng';
import { parseAutoscalerConfig, type AutoscalerConfig } from '../../src/simulator/autoscaler/config';
import { planFleet } from '../../src/simulator/autoscaler/fleet';
import { bounded, loadPolicy, setpointPolicy, type PolicyInput } from '../../src/simulator/autoscaler/policy';
import { catalogOf } from '../../src/simulator/catalog';
import { viewOf } from '../../src/simulator/result';
import { simulate, type SimulationOptions } from '../../src/simulator/simulate';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FILE = 'scaler.yaml';
const catalog = catalogOf({
  'c5.4xlarge': { vcpus: 16, memoryGib: 32, diskGb: 0, gpus: 0, onDemandUsdPerHour: 0.68 },
  'm5.large': { vcpus: 2, memoryGib: 8, diskGb: 0, gpus: 0, onDemandUsdPerHour: 0.096 },
});
const A = { instanceType: 'c5.4xlarge', az: 'us-west-2a' };
const B = { instanceType: 'c5.4xlarge', az: 'us-west-2b' };
const spotFleet = (allocation = 'diversified') => ({
  type: 'spot_fleet',
  allocation,
  launch_specs: [
    { instance_type: 'c5.4xlarge', az: 'us-west-2a', bid: 0.05, weight: 16 },
    { instance_type: 'c5.4xlarge', az: 'us-west-2b', bid: 0.05, weight: 16 },
  ],
});
const config = (extra: Record<string, unknown> = {}): AutoscalerConfig =>
  parseAutoscalerConfig({ resource_groups: [spotFleet()], ...extra }, FILE);

describe('autoscaler config', () => {
  it('reads our form with defaults', () => {
    const c = config({ period: '5m' });
    expect(c).toMatchObject({ period: 300, setpoint: 0.7, setpointMargin: 0.1, minCapacity: 0 });
    expect(c.groups[0]).toMatchObject({ kind: 'spot_fleet', allocation: 'diversified' });
  });

  it("reads clusterman's configs: form through the subnets map", () => {
    const c = parseAutoscalerConfig(
      {
        subnets: { 'subnet-b47bb7d1': 'us-west-2a' },
        configs: [
          {
            LaunchSpecifications: [
              { InstanceType: 'c4.8xlarge', SubnetId: 'subnet-b47bb7d1', SpotPrice: 10, WeightedCapacity: 4 },
            ],
            AllocationStrategy: 'diversified',
          },
        ],
      },
      FILE,
    );
    expect(c.groups).toEqual([
      {
        kind: 'spot_fleet',
        allocation: 'diversified',
        launchSpecs: [{ instanceType: 'c4.8xlarge', az: 'us-west-2a', bidPerWeight: 10, weight: 4 }],
      },
    ]);
  });

  it.each([
    [
      { resource_groups: [spotFleet()], setpont: 0.5 },
      /scaler\.yaml: setpont: unknown key \(did you mean 'setpoint'\?\)/,
    ],
    [{ resource_groups: [spotFleet()], setpoint: 1.5 }, /scaler\.yaml: setpoint: must be in \(0, 1\]/],
    [
      { resource_groups: [spotFleet('cheapest')] },
      /resource_groups\[0\]\.allocation: must be diversified or lowest-price/,
    ],
    [
      {
        resource_groups: [{ type: 'spot_fleet', launch_specs: [{ instance_type: 'x', az: 'a', weight: 1 }] }],
      },
      /resource_groups\[0\]\.launch_specs\[0\]\.bid: is required/,
    ],
    [
      { min_capacity: 10, max_capacity: 5, resource_groups: [spotFleet()] },
      /max_capacity: must not be below min_capacity/,
    ],
    [{}, /resource_groups: is required/],
    [
      {
        configs: [
          { LaunchSpecifications: [{ InstanceType: 'c4.8xlarge', SubnetId: 'subnet-x', SpotPrice: 1 }] },
        ],
      },
      /configs\[0\]\.LaunchSpecifications\[0\]\.SubnetId: 'subnet-x' is not in subnets:/,
    ],
    [{ resource_groups: [spotFleet()], period: 'often' }, /scaler\.yaml: period: /],
  ])('names the file and field (%#)', (raw, message) => {
    expect(() => parseAutoscalerConfig(raw as Record<string, unknown>, FILE)).toThrow(message);
  });
});

describe('fleets', () => {
  const prices = (a: number, b: number) => (m: { az: string }) => (m.az === 'us-west-2a' ? a : b);

  it('diversified spreads the target over the markets within the bid', () => {
    expect(planFleet(config().groups, 100, prices(0.5, 0.6))).toEqual([
      { market: A, count: 4, spot: true }, // ceil(50 / 16)
      { market: B, count: 4, spot: true },
    ]);
    // 0.05 x 16 = $0.80 bid: B at $0.90 is out, A takes everything.
    expect(planFleet(config().groups, 100, prices(0.5, 0.9))).toEqual([
      { market: A, count: 7, spot: true },
      { market: B, count: 0, spot: true },
    ]);
  });

  it('lowest-price puts the target in the cheapest market; on-demand groups are always there', () => {
    const groups = parseAutoscalerConfig(
      {
        resource_groups: [
          spotFleet('lowest-price'),
          { type: 'on_demand', instance_type: 'm5.large', az: 'us-west-2c', weight: 2 },
        ],
      },
      FILE,
    ).groups;
    expect(planFleet(groups, 64, prices(0.7, 0.4))).toEqual([
      { market: A, count: 0, spot: true },
      { market: B, count: 2, spot: true }, // half the target: 32 / 16
      { market: { instanceType: 'm5.large', az: 'us-west-2c' }, count: 16, spot: false },
    ]);
  });
});

describe('policies', () => {
  const input = (allocatedCpus: number, cpus: number, target = cpus): PolicyInput => ({
    now: 0,
    target,
    capacity: { weight: cpus, cpus },
    allocatedCpus,
    recentAllocated: [],
    cpusPerWeight: 1,
    config: { setpoint: 0.7, setpointMargin: 0.1, minCapacity: 0, maxCapacity: Infinity },
  });

  it('the setpoint policy holds inside the band and aims at allocated / setpoint outside it', () => {
    expect(setpointPolicy(input(70, 100))).toBe(100); // 0.7
    expect(setpointPolicy(input(75, 100))).toBe(100); // 0.75, inside 0.7 +- 0.1
    expect(setpointPolicy(input(90, 100))).toBeCloseTo(90 / 0.7, 10);
    expect(setpointPolicy(input(14, 100))).toBeCloseTo(20, 10);
    expect(setpointPolicy(input(0, 0, 5))).toBe(5);
  });

  it('every answer is bounded by the change limits, then min and max', () => {
    const c = config({
      max_weight_to_add: 50,
      max_weight_to_remove: 10,
      min_capacity: 20,
      max_capacity: 120,
    });
    expect(bounded(c, 100, 400)).toBe(120);
    expect(bounded(c, 60, 400)).toBe(110);
    expect(bounded(c, 100, 0)).toBe(90);
    expect(bounded(c, 25, 0)).toBe(20);
  });

  it('a custom policy module is called with the state; throwing or nonsense is an error naming it and the time', () => {
    const good = tmp.file('double.js');
    writeFileSync(good, 'module.exports = (input) => input.allocatedCpus * 2;');
    expect(loadPolicy(good)(input(21, 100))).toBe(42);
    const throws = tmp.file('throws.js');
    writeFileSync(throws, "exports.policy = () => { throw new Error('no data'); };");
    expect(() => loadPolicy(throws)({ ...input(1, 1), now: 1512086400 })).toThrow(
      `policy module ${throws} threw at 2017-12-01T00:00:00Z: no data`,
    );
    const nonsense = tmp.file('nonsense.js');
    writeFileSync(nonsense, "module.exports = () => 'lots';");
    expect(() => loadPolicy(nonsense)(input(1, 1))).toThrow(
      /returned "lots" at .*expected a non-negative number/,
    );
    expect(() => loadPolicy(tmp.file('missing.js'))).toThrow(/missing\.js: cannot load it/);
  });
});

describe('simulate with an autoscaler', () => {
  const PRICE = (az: string) => `spot_prices|aws_availability_zone=${az},aws_instance_type=c5.4xlarge`;
  function data(allocated: Point[], pricesA: Point[], pricesB: Point[]): MetricsData {
    const d = new MetricsData();
    d.set('system_metrics', 'cpus_allocated|cluster=c,pool=p.mesos', allocated);
    d.set('metadata', PRICE('us-west-2a'), pricesA);
    d.set('metadata', PRICE('us-west-2b'), pricesB);
    return d;
  }
  const options = (c: AutoscalerConfig, policy = setpointPolicy): SimulationOptions => ({
    name: 'scaled',
    pool: { cluster: 'c', pool: 'p', scheduler: 'mesos' },
    start: 0,
    end: 3600,
    cpusPerWeight: 1,
    discount: 1,
    joinDelay: { mean: 0, stdev: 0 },
    billing: { period: 1, refundOutbid: true },
    catalog,
    rng: Rng.fromSeed(1n),
    autoscaler: { config: c, policy },
  });

  it('scales to allocated / setpoint each period, spread over the markets', () => {
    const d = data([{ t: 0, value: 70 }], [{ t: 0, value: 0.5 }], [{ t: 0, value: 0.5 }]);
    const result = simulate(d, options(config({ period: '10m', target_capacity: 32 })));
    // 32 weights at the start: one instance per market; from 600 s, target 100: 4 per market.
    expect(result.timeline.cpus).toEqual([32, 128]);
    expect(result.timeline.times).toEqual([0, 600]);
    expect(result.totals.avgCpus).toBeCloseTo((32 * 600 + 128 * 3000) / 3600, 10);
    // The report's target line: 32 from the start, 100 from the first run (then held inside the band).
    expect(result.targetCapacity).toEqual([
      { t: 0, value: 32 },
      { t: 600, value: 100 },
    ]);
    const view = viewOf(result, { cpusPerWeight: 2 });
    expect(view.overview?.targetCpus).toEqual({ times: [0, 600], values: [64, 200] });
    // Every instance is spot here: the spot part of the cost is all of it.
    expect(view.overview?.spotCost).toEqual(view.series.cost);
  });

  it('a market priced above the bid loses its instances and the fleet refills elsewhere', () => {
    const d = data(
      [{ t: 0, value: 70 }],
      [
        { t: 0, value: 0.5 },
        { t: 1800, value: 0.9 },
      ],
      [{ t: 0, value: 0.5 }],
    );
    const result = simulate(d, options(config({ period: '1h', target_capacity: 100 })));
    expect(result.instancesOutbid).toBe(4);
    // 8 instances until 1800 s, then B holds ceil(100 / 16) = 7.
    expect(result.totals.avgCpus).toBeCloseTo((128 * 1800 + 112 * 1800) / 3600, 10);
    // Outbid instances' partial last second is refunded; cost = integral of prices.
    const expected = (8 * 0.5 * 1800 + 7 * 0.5 * 1800) / 3600;
    expect(result.totals.totalCost).toBeCloseTo(expected, 10);
  });

  it('the target at the start comes from the metrics when the config has none', () => {
    const d = data([{ t: 0, value: 10 }], [{ t: 0, value: 0.1 }], [{ t: 0, value: 0.1 }]);
    d.set('metadata', 'target_capacity|cluster=c,pool=p.mesos', [{ t: 0, value: 64 }]);
    const result = simulate(d, options(config({ period: '2h' })));
    expect(result.timeline.cpus[0]).toBe(64);
  });
});

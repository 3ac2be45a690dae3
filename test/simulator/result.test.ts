import { MetricsData } from '../../src/metrics/model';
import { Rng } from '../../src/random/rng';
import { catalogOf } from '../../src/simulator/catalog';
import { loadResult, REPORT_TYPES, saveResult, viewOf } from '../../src/simulator/result';
import { simulate } from '../../src/simulator/simulate';
import { tempDir } from '../support/tmp';

const catalog = catalogOf({
  'm3.large': { vcpus: 2, memoryGib: 7.5, diskGb: 32, gpus: 0, onDemandUsdPerHour: 0.133 },
});

function run() {
  const data = new MetricsData();
  data.set('metadata', 'fulfilled_capacity|cluster=c,pool=p.mesos', [
    { t: 0, value: new Map([['<m3.large, us-west-2a>', 4]]) },
    { t: 600, value: new Map([['<m3.large, us-west-2a>', 2]]) },
  ]);
  data.set('metadata', 'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=m3.large', [
    { t: 0, value: 0.5 },
  ]);
  data.set('system_metrics', 'cpus_allocated|cluster=c,pool=p.mesos', [{ t: 0, value: 3 }]);
  return simulate(data, {
    name: 'r',
    pool: { cluster: 'c', pool: 'p', scheduler: 'mesos' },
    start: 0,
    end: 1200,
    cpusPerWeight: 1,
    discount: 1,
    joinDelay: { mean: 0, stdev: 0 },
    billing: { period: 1, refundOutbid: true },
    catalog,
    rng: Rng.fromSeed(1n),
  });
}

describe('viewOf: the seven report series', () => {
  it('are built when first read, then kept', () => {
    const view = viewOf(run());
    expect(Object.getOwnPropertyDescriptor(view.series, 'cpus')?.get).toBeDefined();
    const cpus = view.series.cpus;
    expect(view.series.cpus).toBe(cpus);
    expect(Object.keys(view.series)).toEqual([...REPORT_TYPES]);
  });

  it('hold capacity, allocation, unused, cost, unused cost, cost per vCPU and oversubscription', () => {
    const { series } = viewOf(run());
    // 2 instances (4 vCPUs) then 1 (2 vCPUs) from 600 s; 3 vCPUs allocated; $0.50/h each.
    expect(series.cpus).toEqual({ times: [0, 600], values: [4, 2] });
    expect(series.cpus_allocated.values).toEqual([3, 3]);
    expect(series.unused_cpus.values).toEqual([1, 0]);
    expect(series.cost.values).toEqual([1, 0.5]);
    expect(series.unused_cpus_cost.values).toEqual([0.25, 0]);
    expect(series.cost_per_cpu.values).toEqual([0.25, 0.25]);
    expect(series.oversubscribed.values).toEqual([0, 1]);
  });
});

describe('viewOf: the overview series', () => {
  it('the spot cost rate is built when first read, and saved and loaded with the spot total', async () => {
    const result = run();
    const view = viewOf(result, { setpoint: { setpoint: 0.7, margin: 0.1 } });
    expect(Object.getOwnPropertyDescriptor(view.overview, 'spotCost')?.get).toBeDefined();
    // Every instance is spot: the spot rate is the whole rate, the spot total the whole cost ($0.50/h each).
    expect(view.overview?.spotCost).toEqual({ times: [0, 600], values: [1, 0.5] });
    expect(view.overview?.spotCost).toBe(view.overview?.spotCost);
    expect(view.overview?.targetCpus).toBeUndefined();
    expect(result.totals.spotCost).toBeCloseTo(1 * (600 / 3600) + 0.5 * (600 / 3600), 12);
    expect(result.totals.spotCost).toBe(result.totals.totalCost);
    const dir = tempDir();
    try {
      await saveResult(dir.file('r.result.gz'), view);
      const loaded = await loadResult(dir.file('r.result.gz'));
      expect(loaded.overview?.spotCost).toEqual(view.overview?.spotCost);
      expect(loaded.overview?.setpoint).toEqual({ setpoint: 0.7, margin: 0.1 });
      expect(loaded.totals.spotCost).toBeCloseTo(result.totals.spotCost, 12);
    } finally {
      dir.cleanup();
    }
  });
});

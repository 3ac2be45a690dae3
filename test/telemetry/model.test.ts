/**
 * The value models, checked statistically with fixed seeds: `reference` has the reference generator's
 * distribution (scale * min(U, U)), and the coherent power/cpu example has the relations it was written for.
 */
import { join } from 'node:path';
import type { Device } from '../../src/telemetry/inventory';
import {
  loadMeasurements,
  type MeasurementSet,
  REFERENCE_MEASUREMENTS,
} from '../../src/telemetry/measurements';
import { DeviceModel } from '../../src/telemetry/model';
import { readLocationsTable, readTypesTable, type Table } from '../../src/telemetry/tables';
import { ROOT } from '../support/paths';

const TABLES = join(ROOT, 'designs', 'telemetry');
let types: Table;
let locations: Table;

beforeAll(async () => {
  types = await readTypesTable(join(TABLES, 'server-types.csv'));
  locations = await readLocationsTable(join(TABLES, 'locations.csv'));
});

function fleet(count: number): Device[] {
  return Array.from({ length: count }, (_, i) => {
    const type = types.rows[i % types.rows.length]!;
    const location = locations.rows[i % locations.rows.length]!;
    return {
      sn: `ABC${String(i).padStart(5, '0')}XY`,
      model: type.name,
      productId: type.productId,
      location: location.name,
    };
  });
}

/** values[measurement][device][slot] for one day from 2023-02-27 00:00 UTC. */
function run(set: MeasurementSet, devices: Device[], interval: number, seed = 7n): number[][][] {
  const model = new DeviceModel({ set, devices, types, locations, seed });
  const out = set.measurements.map(() => devices.map(() => [] as number[]));
  const row = new Float64Array(set.measurements.length);
  const base = Date.UTC(2023, 1, 27) / 1000;
  model.startFile();
  for (let k = 0; k < 86_400 / interval; k++) {
    model.startSlot(base + k * interval);
    for (let d = 0; d < devices.length; d++) {
      model.compute(d, row);
      row.forEach((v, m) => out[m]![d]!.push(v));
    }
  }
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('reference values: scale * min(U, U)', () => {
  // 100 devices x 288 slots = 28,800 values per measurement.
  const n = 28_800;
  let values: number[][][];
  beforeAll(() => {
    values = run(REFERENCE_MEASUREMENTS, fleet(100), 300);
  });

  it.each([
    ['server cpu utilization', 0, 100],
    ['server power', 1, 300],
  ])('%s: mean scale/3 and median 0.293 scale, within 4 standard errors', (_name, m, scale) => {
    const xs = values[m]!.flat();
    expect(xs).toHaveLength(n);
    // Var(min(U,U)) = 1/18; the median's standard error is 1 / (2 f(median) sqrt(n)), f(median) = sqrt(2) / scale.
    const meanSe = scale / Math.sqrt(18 * n);
    const medianSe = scale / (2 * Math.SQRT2 * Math.sqrt(n));
    expect(Math.abs(mean(xs) - scale / 3)).toBeLessThan(4 * meanSe);
    expect(Math.abs(median(xs) - scale * (1 - Math.SQRT1_2))).toBeLessThan(4 * medianSe);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(scale);
  });

  it('follows F(v) = 1 - (1 - v/scale)^2 (Kolmogorov-Smirnov, alpha = 0.001)', () => {
    const xs = values[0]!.flat().sort((a, b) => a - b);
    let d = 0;
    xs.forEach((x, i) => {
      const f = 1 - (1 - x / 100) ** 2;
      d = Math.max(d, Math.abs((i + 1) / n - f), Math.abs(i / n - f));
    });
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('draws cpu and power independently, as the reference does (correlation near 0)', () => {
    const cpu = values[0]!.flat();
    const power = values[1]!.flat();
    expect(Math.abs(pearson(cpu, power))).toBeLessThan(4 / Math.sqrt(n));
  });
});

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('the coherent power/cpu example (designs/telemetry/power-cpu.yaml)', () => {
  let set: MeasurementSet;
  let devices: Device[];
  let cpu: number[][];
  let power: number[][];
  beforeAll(async () => {
    set = await loadMeasurements(join(TABLES, 'power-cpu.yaml'));
    devices = fleet(60);
    [cpu, power] = run(set, devices, 60) as [number[][], number[][]];
  });

  it('power = idle + (max - idle) * cpu / 100 + noise(sd 5) on a running device', () => {
    devices.forEach((device, d) => {
      const type = types.rows.find((r) => r.name === device.model)!;
      const idle = type.attributes.get('idle_w')!;
      const max = type.attributes.get('max_w')!;
      const on = cpu[d]!.map((c, k) => [c, power[d]![k]!] as const).filter(([, p]) => p > 0);
      const residuals = on.map(([c, p]) => p - (idle + ((max - idle) * c) / 100));
      // 1,440 slots, about 2 % of them off: the residual sd is 5 within a few percent.
      const sd = Math.sqrt(mean(residuals.map((r) => r * r)));
      expect(sd).toBeGreaterThan(4.5);
      expect(sd).toBeLessThan(5.5);
      expect(Math.abs(mean(residuals))).toBeLessThan(1);
      expect(
        pearson(
          on.map(([c]) => c),
          on.map(([, p]) => p),
        ),
      ).toBeGreaterThan(0.95);
    });
  });

  it('cpu follows the daily cycle in local time: about 45 points busier at 14:00 than at 02:00', () => {
    const hours = new Map<string, number[]>();
    const localHours = (zone: string): number[] => {
      let h = hours.get(zone);
      if (!h) {
        const format = new Intl.DateTimeFormat('en-GB', {
          hour: 'numeric',
          hourCycle: 'h23',
          timeZone: zone,
        });
        h = cpu[0]!.map((_, k) => Number(format.format(new Date(Date.UTC(2023, 1, 27) + k * 60_000))));
        hours.set(zone, h);
      }
      return h;
    };
    const at = (localHour: number) =>
      devices.flatMap((device, d) => {
        const local = localHours(locations.rows.find((r) => r.name === device.location)!.zone);
        return cpu[d]!.filter((c, k) => local[k] === localHour && c > 0);
      });
    const busy = mean(at(14));
    const quiet = mean(at(2));
    // 45 * sin(pi * (hour - 7) / 14) is 45 at 14:00 and 44.7 on average over the hour; 0 at night.
    expect(busy - quiet).toBeGreaterThan(42);
    expect(busy - quiet).toBeLessThan(47);
  });

  it('a device that is off reports zeros for every measurement, about 2 % of the time', () => {
    const rows = devices.flatMap((_, d) => cpu[d]!.map((c, k) => [c, power[d]![k]!] as const));
    const off = rows.filter(([, p]) => p === 0);
    expect(off.every(([c]) => c === 0)).toBe(true);
    // Stationary share of the on/off chain: 0.001 / (0.001 + 0.05) = 1.96 %.
    const share = off.length / rows.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.03);
  });
});

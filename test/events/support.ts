/** Runs hand-made configs in-process: the statistical and rule tests need many records, fast. */
import { chiSquaredDistributionTable } from 'simple-statistics';
import { buildConfig } from '../../src/events/config/load';
import { EventSimulation, type SimulationOptions } from '../../src/events/simulation';
import { ndjsonFormat } from '../../src/records/formats/ndjson';
import type { EventRecord } from '../../src/records/formats/types';

export const START = Date.UTC(2024, 0, 1) / 1000;

export interface Run {
  readonly records: EventRecord[];
  readonly lines: string[];
  readonly sim: EventSimulation;
}

export function run(
  config: unknown,
  options: Partial<Omit<SimulationOptions, 'config'>> = {},
  onStep?: (sim: EventSimulation) => void,
): Run {
  const sim = new EventSimulation({
    config: buildConfig('test.json', config),
    seed: 42n,
    start: START,
    offsetMinutes: 0,
    maxWorkers: 100,
    ...options,
  });
  const format = ndjsonFormat({ emitters: sim.schemas });
  const records: EventRecord[] = [];
  const lines: string[] = [];
  sim.onRecord = (r, e) => {
    records.push(r);
    lines.push(format.line(r, e));
  };
  while (sim.env.step(1)) onStep?.(sim);
  return { records, lines, sim };
}

/** Pearson's statistic of observed counts against expected proportions. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  const sum = expected.reduce((a, b) => a + b, 0);
  return observed.reduce((chi, o, i) => {
    const e = ((expected[i] as number) / sum) * total;
    return chi + (o - e) ** 2 / e;
  }, 0);
}

/** The statistic a fit exceeds with probability 0.005 (simple-statistics' table). */
export function critical(df: number): number {
  return (chiSquaredDistributionTable as unknown as Record<number, Record<string, number>>)[df]?.[
    '0.005'
  ] as number;
}

/** A one-state config emitting `dims` every `delay` seconds from workers that live forever. */
export function oneState(dims: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    interarrival: { type: 'constant', value: 1 },
    emitters: [{ name: 'e', dimensions: [{ type: 'clock', name: 'time' }, ...dims] }],
    states: [
      {
        name: 's',
        emitter: 'e',
        delay: { type: 'constant', value: 1 },
        transitions: [{ next: 's', probability: 1 }],
      },
    ],
    ...extra,
  };
}

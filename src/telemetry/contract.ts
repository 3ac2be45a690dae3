/**
 * DIR/contract.yaml: what a run generated, in the shape `validate telemetry` reads (agreed with its
 * author): columns, quoting, time format, grid, file names, measurements with their ranges, tables.
 */
import type { Granularity } from './grid';
import type { Measurement } from './measurements';

export interface ContractInput {
  readonly columns: readonly string[];
  readonly interval: number;
  readonly fuzz: number;
  readonly dataGlob: string;
  readonly granularity: Granularity;
  readonly measurements: readonly Measurement[];
  /** Paths relative to the directory, or null when not checked. */
  readonly types: string | null;
  readonly locations: string | null;
  readonly complete: boolean;
}

/** Plain words stay bare; anything YAML could read otherwise is a JSON string (valid YAML). */
const scalar = (s: string): string =>
  /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) && !/^(null|true|false|yes|no|on|off|y|n)$/i.test(s)
    ? s
    : JSON.stringify(s);

export function contractYaml(c: ContractInput): string {
  const measurements = c.measurements
    .map((m) => `  - { name: ${scalar(m.name)}, unit: ${scalar(m.unit)}, min: ${m.min}, max: ${m.max} }`)
    .join('\n');
  const path = (p: string | null) => (p === null ? 'null' : scalar(p));
  return `version: 1
columns: [${c.columns.join(', ')}]
quoting: minimal
time_format: "%Y-%m-%d %H:%M:%S"
interval: ${c.interval}
fuzz: ${c.fuzz}
data: ${JSON.stringify(c.dataGlob)}
inventory: inventory.csv
granularity: ${c.granularity}
measurements:
${measurements}
types: ${path(c.types)}
locations: ${path(c.locations)}
complete: ${c.complete}
`;
}

/**
 * A small telemetry export written by the test itself (the format is fully specified by issue 15): an
 * inventory, one day of hourly cpu/power rows in generate-telemetry's shape, README.md and contract.yaml.
 * Tests then break one thing at a time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const COLUMNS = 'sn,model,product_id,location,start_time,end_time,measurement_value,unit,name';

export interface Device {
  readonly sn: string;
  readonly model: string;
  readonly product_id: string;
  readonly location: string;
}

export const DEVICES: readonly Device[] = [
  {
    sn: 'ABC00001XY',
    model: 'HPE DL325 Gen10 8SFF CTO Server',
    product_id: 'P04654-B21',
    location: 'US-ND-01',
  },
  {
    sn: 'DEF00002XY',
    model: 'HPE DX380 Gen10+ 12LFF CTO Svr',
    product_id: 'P40792-B21',
    location: 'DE-B-01',
  },
  {
    sn: 'GHI00003XY',
    model: 'HPE DL325 Gen10 8SFF CTO Server',
    product_id: 'P04654-B21',
    location: 'UK-S1-01',
  },
];

export const CONTRACT = `version: 1
columns: [${COLUMNS.split(',').join(', ')}]
quoting: minimal
time_format: "%Y-%m-%d %H:%M:%S"
interval: 3600
fuzz: 0
data: "data-*.csv"
inventory: inventory.csv
granularity: day
measurements:
  - { name: cpu, unit: "%", min: 0, max: 100 }
  - { name: power, unit: W, min: 0, max: 300 }
types: null
locations: null
complete: true
`;

const README = `---
glcp_customer_id: 0123456789abcdef0123456789abcdef
devices: inventory.csv
data: data-*.csv
update: 24 hr
---

# Telemetry written by a test
`;

const pad = (n: number) => String(n).padStart(2, '0');

/** Rows of one day (sorted by time, sn, name), values a simple function of device, hour and measurement. */
export function dayRows(date = '2023-02-27', devices: readonly Device[] = DEVICES): string[] {
  const rows: string[] = [];
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (let h = 0; h < 24; h++) {
    const start = `${date} ${pad(h)}:00:00`;
    const end = h === 23 ? `${next} 00:00:00` : `${date} ${pad(h + 1)}:00:00`;
    devices.forEach((d, i) => {
      const cpu = ((h * 7 + i * 13) % 100) + 0.25;
      const power = 80 + cpu * 1.5;
      const attrs = `${d.sn},${d.model},${d.product_id},${d.location},${start},${end}`;
      rows.push(`${attrs},${cpu},%,cpu`, `${attrs},${power},W,power`);
    });
  }
  return rows;
}

/** Writes a complete, valid export into `dir` and returns the data file's path. */
export function writeTelemetryDir(dir: string, date = '2023-02-27'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'inventory.csv'),
    `sn,model,product_id,location\n${DEVICES.map((d) => `${d.sn},${d.model},${d.product_id},${d.location}`).join('\n')}\n`,
  );
  writeFileSync(join(dir, 'README.md'), README);
  writeFileSync(join(dir, 'contract.yaml'), CONTRACT);
  const file = join(dir, `data-${date}.csv`);
  writeFileSync(file, `${COLUMNS}\n${dayRows(date).join('\n')}\n`);
  return file;
}

/** Rewrites the data file's lines (header included) through `edit`. */
export function editLines(file: string, edit: (lines: string[]) => string[]): void {
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  writeFileSync(file, `${edit(lines).join('\n')}\n`);
}

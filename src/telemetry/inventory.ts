/**
 * The device inventory: `sn,model,product_id,location`, one row per device. Made from the types and locations
 * tables with a seeded generator, and read back (checked) by generate-telemetry.
 */
import { Rng } from '../random/rng';
import { csvField, readCsvTable } from './csv';
import { TelemetryError } from './errors';
import { type Table, weightedPicker } from './tables';

export const INVENTORY_COLUMNS = ['sn', 'model', 'product_id', 'location'] as const;

export interface Device {
  readonly sn: string;
  readonly model: string;
  readonly productId: string;
  readonly location: string;
}

export interface Fleet {
  /** 32 lowercase hex digits, the README's glcp_customer_id. */
  readonly customerId: string;
  /** Sorted by serial number. */
  readonly devices: readonly Device[];
}

/** The reference's shape: 3 letters, 5 digits, 2 letters (QWE01234AB). */
export const SERIAL_PATTERN = /^[A-Z]{3}[0-9]{5}[A-Z]{2}$/;

const A = 65;

/**
 * `count` devices with unique serials. The draws go device by device (serial, type, location), so a larger
 * count with the same seed keeps the smaller fleet's devices.
 */
export function makeFleet(count: number, seed: bigint, types: Table, locations: Table): Fleet {
  const rng = Rng.fromSeed(seed);
  const customerId = [0, 1, 2, 3].map(() => rng.getrandbits(32).toString(16).padStart(8, '0')).join('');
  const pickType = weightedPicker(types);
  const pickLocation = weightedPicker(locations);
  const seen = new Set<string>();
  const devices: Device[] = [];
  while (devices.length < count) {
    const sn = serial(rng);
    const type = types.rows[pickType(rng.random())];
    const location = locations.rows[pickLocation(rng.random())];
    if (seen.has(sn) || !type || !location) continue;
    seen.add(sn);
    devices.push({ sn, model: type.name, productId: type.productId, location: location.name });
  }
  devices.sort((a, b) => (a.sn < b.sn ? -1 : a.sn > b.sn ? 1 : 0));
  return { customerId, devices };
}

function serial(rng: Rng): string {
  const letters = (n: number, count: number) => {
    let s = '';
    for (let i = 0; i < count; i++) {
      s += String.fromCharCode(A + (n % 26));
      n = Math.floor(n / 26);
    }
    return s;
  };
  // 26^3 * 10^5 * 26^2 = 1.2e12 serials: far from running out.
  const head = rng.randbelow(26 ** 3);
  const digits = rng.randbelow(100_000);
  const tail = rng.randbelow(26 ** 2);
  return `${letters(head, 3)}${String(digits).padStart(5, '0')}${letters(tail, 2)}`;
}

export function inventoryCsv(devices: readonly Device[]): string {
  const lines = [INVENTORY_COLUMNS.join(',')];
  for (const d of devices) lines.push([d.sn, d.model, d.productId, d.location].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** DIR/inventory.csv, checked: the four columns, non-empty fields, unique serials. Sorted by sn. */
export async function readInventory(file: string): Promise<Device[]> {
  const table = await readCsvTable(file, 'inventory');
  const missing = INVENTORY_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0)
    throw new TelemetryError(
      `${file}: no column ${missing.map((c) => `'${c}'`).join(', ')} (expected ${INVENTORY_COLUMNS.join(',')}; got ${table.header.join(',')})`,
    );
  const at = INVENTORY_COLUMNS.map((c) => table.header.indexOf(c));
  const seen = new Map<string, number>();
  const devices = table.rows.map(({ line, fields }) => {
    const [sn, model, productId, location] = at.map((i) => (fields[i] as string).trim()) as [
      string,
      string,
      string,
      string,
    ];
    const empty = INVENTORY_COLUMNS.find((_, i) => [sn, model, productId, location][i] === '');
    if (empty) throw new TelemetryError(`${file} line ${line}: empty ${empty}`);
    const before = seen.get(sn);
    if (before !== undefined)
      throw new TelemetryError(`${file} line ${line}: serial ${sn} is already on line ${before}`);
    seen.set(sn, line);
    return { sn, model, productId, location };
  });
  if (devices.length === 0) throw new TelemetryError(`${file}: no devices`);
  return devices.sort((a, b) => (a.sn < b.sn ? -1 : a.sn > b.sn ? 1 : 0));
}

/** README.md with the front matter a consumer reads: who, which inventory, which data files, how often. */
export function inventoryReadme(customerId: string, count: number): string {
  return `---
glcp_customer_id: ${customerId}
devices: inventory.csv
data: data-*.csv
update: 24 hr
---
# Synthetic device telemetry

## Description
${count} synthetic servers made by \`clusterman generate-inventory\`, listed in \`inventory.csv\`
(\`sn,model,product_id,location\`). Their telemetry is written by \`clusterman generate-telemetry\`.

## Metadata
The front matter names the inventory (\`devices\`), the data files (\`data\`, one file per day or hour,
\`data-YYYY-MM-DD.csv\` or \`data-YYYY-MM-DDTHH.csv\`) and how often new files arrive (\`update\`).

## Deployment
Producers usually publish these files as objects in a bucket; the consumer polls for new ones or is notified.
`;
}

/**
 * The order check: generate-telemetry writes a file's rows sorted by (time slot, sn, name), so a consumer may
 * merge or group them without sorting. Each row is compared with the one before it in the same file; equal
 * keys pass (uniqueness judges those). Rows with an unknown sn or name, or a time outside the file, are left
 * to the checks that name them, so one broken row fails one check.
 */
import type { TelemetryContract } from '../contract';
import type { Inventory } from './inventory';

export class RowOrder {
  /** Rank of each device, and of each measurement, in ordinal (byte) order of sn and name. */
  private readonly deviceRank: Int32Array;
  private readonly nameRank: Int32Array;
  private slot = -1;
  private device = -1;
  private measurement = -1;

  constructor(
    private readonly contract: TelemetryContract,
    private readonly inventory: Inventory,
  ) {
    this.deviceRank = ranks(inventory.devices.map((d) => d[0] ?? ''));
    this.nameRank = ranks(contract.measurements.map((m) => m.name));
  }

  /** A new file: its first row follows nothing. */
  reset(): void {
    this.slot = -1;
  }

  /** Is the row (slot k, device d, measurement m) not before the previous one? */
  inOrder(k: number, d: number, m: number): boolean {
    if (this.slot < 0 || k !== this.slot) return k >= this.slot;
    const byDevice = (this.deviceRank[d] as number) - (this.deviceRank[this.device] as number);
    if (byDevice !== 0) return byDevice > 0;
    return (this.nameRank[m] as number) >= (this.nameRank[this.measurement] as number);
  }

  /** Makes (k, d, m) the previous row. */
  advance(k: number, d: number, m: number): void {
    this.slot = k;
    this.device = d;
    this.measurement = m;
  }

  /** Why the row (k, d, m) is out of order, for the report. */
  describe(k: number, d: number, m: number, base: number): string {
    const key = (slot: number, device: number, measurement: number) =>
      `(${this.contract.timeFormat.format(base + slot * this.contract.interval)}, ${this.inventory.devices[device]?.[0]}, ${this.contract.measurements[measurement]?.name})`;
    return `${key(k, d, m)} comes after ${key(this.slot, this.device, this.measurement)}; rows must be sorted by (time slot, sn, name)`;
  }
}

/** Each text's rank in ordinal order of its UTF-8 bytes (equal texts share a rank). */
function ranks(texts: readonly string[]): Int32Array {
  const bytes = texts.map((t) => Buffer.from(t, 'utf8'));
  const order = bytes.map((_, i) => i).sort((a, b) => Buffer.compare(bytes[a] as Buffer, bytes[b] as Buffer));
  const rank = new Int32Array(texts.length);
  order.forEach((i, r) => {
    const prev = order[r - 1];
    rank[i] =
      r > 0 && Buffer.compare(bytes[i] as Buffer, bytes[prev as number] as Buffer) === 0
        ? (rank[prev as number] as number)
        : r;
  });
  return rank;
}

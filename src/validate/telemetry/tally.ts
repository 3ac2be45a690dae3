/** A date's (or hour's) tallies, across its files and shards: row count and completeness are judged on them. */
import type { TelemetryContract } from '../contract';
import type { TelemetryChecks } from './checks';
import type { Inventory } from './inventory';

export interface DateTally {
  readonly base: number;
  readonly files: string[];
  rows: number;
  /** One bit per (device, slot, measurement), or undefined when too large. */
  readonly seen: Uint8Array | undefined;
  readonly devices: Uint8Array;
}

/** Judges a finished date: rows = slots x measurements x devices, and (complete) every device in every slot. */
export function closeDate(
  tally: DateTally,
  slots: number,
  contract: TelemetryContract,
  inventory: Inventory,
  checks: TelemetryChecks,
): void {
  const { base } = tally;
  const measurements = contract.measurements.length;
  let devices = 0;
  for (let d = 0; d < inventory.size; d++) if ((tally.devices[d >> 3] as number) & (1 << (d & 7))) devices++;
  const counted = contract.complete ? inventory.size : devices;
  const expected = slots * measurements * counted;
  const when = contract.timeFormat.format(base);
  const file =
    tally.files.length === 1 ? (tally.files[0] as string) : `${tally.files.length} files of ${when}`;
  if (tally.rows !== expected) {
    checks.rowCount.fail({
      file,
      message: `${when}: ${tally.rows.toLocaleString('en-US')} rows; expected ${slots} slots x ${measurements} measurements x ${counted} ${contract.complete ? 'inventory devices' : 'reporting devices'} = ${expected.toLocaleString('en-US')}`,
    });
  }
  if (!contract.complete) {
    checks.completeness.skip('the contract says complete: false');
    return;
  }
  const seen = tally.seen;
  if (!seen) return;
  for (let d = 0; d < inventory.size; d++) {
    let missing = 0;
    let first = -1;
    for (let k = 0; k < slots; k++) {
      let any = false;
      for (let j = 0; j < measurements && !any; j++) {
        const bit = (d * slots + k) * measurements + j;
        any = ((seen[bit >>> 3] as number) & (1 << (bit & 7))) !== 0;
      }
      if (!any) {
        missing++;
        if (first < 0) first = k;
      }
    }
    if (missing > 0) {
      checks.completeness.fail({
        file: inventory.file,
        line: inventory.lines[d],
        message: `${inventory.devices[d]?.[0]} reports in ${slots - missing} of ${slots} slots of ${when} (first missing: ${contract.timeFormat.format(base + first * contract.interval)})`,
      });
    }
  }
}

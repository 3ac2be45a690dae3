/**
 * A date's (or hour's) tallies, across its files and shards: row count and completeness are judged on them.
 * A date's tallies are kept until a file of another date starts, so memory stays flat in the number of days.
 */
import { basename } from 'node:path';
import type { Granularity, TelemetryContract } from '../contract';
import type { Check } from '../report';
import type { TelemetryChecks } from './checks';
import type { Inventory } from './inventory';

/** Bits kept per date for uniqueness and completeness; beyond this both are skipped (a huge fleet). */
const MAX_BITS = 2 ** 31;

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

/** The dates being tallied. */
export class OpenDates {
  private readonly tallies = new Map<number, DateTally>();

  constructor(
    private readonly contract: TelemetryContract,
    private readonly inventory: Inventory,
    private readonly checks: TelemetryChecks,
    private readonly slots: number,
  ) {}

  /** The tally of the date starting at `base` (made on first use); every other open date is closed. */
  open(base: number): DateTally {
    for (const other of [...this.tallies.keys()]) if (other !== base) this.close(other);
    let tally = this.tallies.get(base);
    if (!tally) {
      const bits = this.inventory.size * this.slots * this.contract.measurements.length;
      tally = {
        base,
        files: [],
        rows: 0,
        seen: bits <= MAX_BITS ? new Uint8Array(Math.ceil(bits / 8)) : undefined,
        devices: new Uint8Array(Math.ceil(this.inventory.size / 8)),
      };
      if (!tally.seen) {
        const why = `${bits.toLocaleString('en-US')} (device, slot, measurement) triples are too many to track`;
        this.checks.uniqueness.skip(why);
        this.checks.completeness.skip(why);
      }
      this.tallies.set(base, tally);
    }
    return tally;
  }

  /** Closes every date still open. */
  finish(): void {
    for (const base of [...this.tallies.keys()]) this.close(base);
  }

  private close(base: number): void {
    const tally = this.tallies.get(base);
    if (!tally) return;
    this.tallies.delete(base);
    closeDate(tally, this.slots, this.contract, this.inventory, this.checks);
  }
}

/** A data file's name must carry the date (or hour) its rows are from (`base`, when any row had a time). */
export function checkFileName(
  file: string,
  nameBase: number | undefined,
  base: number | undefined,
  granularity: Granularity,
  fileNames: Check,
): void {
  const name = basename(file);
  const fmtDate = (t: number) => new Date(t * 1000).toISOString().slice(0, granularity === 'day' ? 10 : 13);
  if (nameBase === undefined) {
    fileNames.fail({
      file,
      message: `${name} does not name a ${granularity} (expected ${granularity === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH'} in the name)`,
    });
  } else if (base !== undefined && nameBase !== base) {
    fileNames.fail({
      file,
      message: `${name} is named for ${fmtDate(nameBase)}, but its rows are from ${fmtDate(base)}`,
    });
  }
}

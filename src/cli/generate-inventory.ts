/** generate-inventory's flags -> a fleet -> DIR/inventory.csv and DIR/README.md. */
import { join } from 'node:path';
import { inventoryCsv, inventoryReadme, makeFleet } from '../telemetry/inventory';
import { readLocationsTable, readTypesTable } from '../telemetry/tables';
import { parseSeed } from './generate-data';
import { reproduceLine } from './reproduce';
import {
  confirmReplace,
  defaultTable,
  ensureDirectory,
  processConfirm,
  writeAllAtomically,
} from './telemetry-files';

export interface GenerateInventoryFlags {
  readonly directory: string;
  readonly count: number;
  readonly seed?: string;
  readonly types?: string;
  readonly locations?: string;
  readonly yes: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function runGenerateInventory(
  flags: GenerateInventoryFlags,
  packageRoot: string,
): Promise<void> {
  const seed = parseSeed(flags.seed, Date.now());
  // Every input is read and checked before anything is asked or written.
  const types = await readTypesTable(flags.types ?? defaultTable(packageRoot, 'server-types'));
  const locations = await readLocationsTable(flags.locations ?? defaultTable(packageRoot, 'locations'));
  const inventory = join(flags.directory, 'inventory.csv');
  const readme = join(flags.directory, 'README.md');
  await confirmReplace([inventory, readme], flags.yes, processConfirm());
  await ensureDirectory(flags.directory);
  const text = !flags.json && !flags.quiet;
  if (text) process.stderr.write(`Random seed: ${seed}\n`);
  const fleet = makeFleet(flags.count, seed, types, locations);
  await writeAllAtomically([
    { path: inventory, text: inventoryCsv(fleet.devices) },
    { path: readme, text: inventoryReadme(fleet.customerId, fleet.devices.length) },
  ]);
  const models = new Set(fleet.devices.map((d) => d.model)).size;
  const sites = new Set(fleet.devices.map((d) => d.location)).size;
  if (flags.json)
    process.stdout.write(
      `${JSON.stringify({ inventory, readme, devices: fleet.devices.length, models, locations: sites, glcp_customer_id: fleet.customerId, seed: String(seed) }, null, 2)}\n`,
    );
  else if (text)
    process.stdout.write(
      `Wrote ${inventory}: ${fleet.devices.length} devices, ${models} models, ${sites} locations (and ${readme})\n${reproduceLine(seed, undefined)}\n`,
    );
}

/** Dictionary checks on the inventory: (model, product_id) among the types, location among the locations. */
import type { TelemetryContract } from '../contract';
import type { Check } from '../report';
import type { Inventory } from './inventory';
import { columnsOf, readTable } from './tables';

export async function checkInventoryDictionaries(
  contract: TelemetryContract,
  inventory: Inventory,
  check: Check,
): Promise<void> {
  if (contract.types !== null) {
    const types = await readTable(contract.types);
    const [model, product] = columnsOf(types, ['model', 'product_id']) as [number, number];
    const known = new Set(types.rows.map((r) => `${r.fields[model]}\u0000${r.fields[product]}`));
    inventory.devices.forEach((device, d) => {
      if (!known.has(`${device[1]}\u0000${device[2]}`)) {
        check.fail({
          file: inventory.file,
          line: inventory.lines[d],
          message: `(model, product_id) ('${device[1]}', '${device[2]}') of ${device[0]} is not among the types`,
        });
      }
    });
  }
  if (contract.locations !== null) {
    const locations = await readTable(contract.locations);
    const [column] = columnsOf(locations, ['location']) as [number];
    const known = new Set(locations.rows.map((r) => r.fields[column]));
    inventory.devices.forEach((device, d) => {
      if (!known.has(device[3])) {
        check.fail({
          file: inventory.file,
          line: inventory.lines[d],
          message: `location '${device[3]}' of ${device[0]} is not among the locations`,
        });
      }
    });
  }
}

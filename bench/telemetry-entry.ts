// What bench/telemetry.js times in-process from src/telemetry, bundled by it.
export { loadMeasurements } from '../src/telemetry/measurements';
export { DeviceModel } from '../src/telemetry/model';
export { readLocationsTable, readTypesTable } from '../src/telemetry/tables';
export { readInventory } from '../src/telemetry/inventory';

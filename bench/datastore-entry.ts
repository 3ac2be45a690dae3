// What bench/import-vm.js needs from src/, bundled by bench/run.js.
export { VictoriaMetrics } from '../src/datastore/client';
export { commitDatastoreWrite, planDatastoreWrite } from '../src/datastore/write';
export { PointBuffer } from '../src/metrics/buffer';

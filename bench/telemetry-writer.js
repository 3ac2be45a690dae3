#!/usr/bin/env node
/**
 * Writes a large telemetry export for the `validate telemetry` bench: DEVICES devices x 1 day at INTERVAL
 * seconds x 2 measurements, in generate-telemetry's shape (minimal quoting, rows sorted by time, sn, name),
 * with inventory.csv, README.md and contract.yaml. Values are scale*min(U,U) from a small xorshift generator:
 * the bench measures reading, not drawing.
 *
 *   node bench/telemetry-writer.js DIR DEVICES INTERVAL
 */
const { closeSync, mkdirSync, openSync, writeFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const [dir, devicesArg = '10000', intervalArg = '60'] = process.argv.slice(2);
const DEVICES = Number(devicesArg);
const INTERVAL = Number(intervalArg);
const DATE = '2023-02-27';
const MODELS = [
  ['HPE DL325 Gen10 8SFF CTO Server', 'P04654-B21'],
  ['HPE DX380 Gen10+ 12LFF CTO Svr', 'P40792-B21'],
  ['HPE ProLiant DX380 Gen10 24SFF OEM3 Svr', 'P31735-B21'],
];
const LOCATIONS = ['US-ND-01', 'US-ND-02', 'DE-B-01', 'DE-M-01', 'UK-S1-01'];

let state = 0x9e3779b9;
const uniform = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};

mkdirSync(dir, { recursive: true });
const letters = (n) =>
  String.fromCharCode(65 + (n % 26), 65 + (Math.floor(n / 26) % 26), 65 + (Math.floor(n / 676) % 26));
const devices = Array.from({ length: DEVICES }, (_, i) => {
  const [model, pid] = MODELS[i % MODELS.length];
  const sn = `${letters(i)}${String(i % 100000).padStart(5, '0')}${letters(Math.floor(i / 100000)).slice(0, 2)}`;
  return `${sn},${model},${pid},${LOCATIONS[i % LOCATIONS.length]}`;
}).sort();
writeFileSync(join(dir, 'inventory.csv'), `sn,model,product_id,location\n${devices.join('\n')}\n`);
writeFileSync(
  join(dir, 'README.md'),
  '---\nglcp_customer_id: 0123456789abcdef0123456789abcdef\ndevices: inventory.csv\ndata: data-*.csv\nupdate: 24 hr\n---\n',
);
writeFileSync(
  join(dir, 'contract.yaml'),
  `version: 1
columns: [sn, model, product_id, location, start_time, end_time, measurement_value, unit, name]
quoting: minimal
interval: ${INTERVAL}
data: "data-*.csv"
measurements:
  - { name: cpu, unit: "%", min: 0, max: 100 }
  - { name: power, unit: W, min: 0, max: 300 }
`,
);

const base = Date.parse(`${DATE}T00:00:00Z`);
const stamp = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const fd = openSync(join(dir, `data-${DATE}.csv`), 'w');
let out = 'sn,model,product_id,location,start_time,end_time,measurement_value,unit,name\n';
for (let t = 0; t < 86400; t += INTERVAL) {
  const times = `,${stamp(base + t * 1000)},${stamp(base + (t + INTERVAL) * 1000)},`;
  for (const d of devices) {
    out += `${d}${times}${100 * Math.min(uniform(), uniform())},%,cpu\n`;
    out += `${d}${times}${300 * Math.min(uniform(), uniform())},W,power\n`;
    if (out.length > 1 << 22) {
      writeSync(fd, out);
      out = '';
    }
  }
}
writeSync(fd, out);
closeSync(fd);

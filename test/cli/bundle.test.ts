/**
 * bin/bundle.js compiles the CLI with its V8 code cache only when the cache was made from that very bundle:
 * a stale or corrupt cache must never change what runs. Checked on a copy of the built CLI.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

for (const dir of ['bin', 'dist']) mkdirSync(tmp.file(dir));
for (const file of [
  'package.json',
  'bin/run.js',
  'bin/bundle.js',
  'dist/main.js',
  'dist/worker.js',
  'dist/events.js',
])
  copyFileSync(join(ROOT, file), tmp.file(file));
symlinkSync(join(ROOT, 'node_modules'), tmp.file('node_modules'));
const cacheFile = tmp.file('dist/main.js.cache');
const goodCache = readFileSync(join(ROOT, 'dist/main.js.cache'));

/** Whether loading the bundle (main or events) compiled it from the cache. */
function usedCache(name = 'main'): boolean {
  const load = `process.stdout.write(String(require(${JSON.stringify(tmp.file('bin/bundle.js'))}).loadBundle({ name: '${name}' }).usedCache))`;
  const res = spawnSync(process.execPath, ['-e', load], { encoding: 'utf8', timeout: 30_000 });
  expect(res.status).toBe(0);
  return res.stdout === 'true';
}

function version(): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [tmp.file('bin/run.js'), '--version'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the code cache', () => {
  it('is used when it belongs to the bundle', () => {
    writeFileSync(cacheFile, goodCache);
    expect(usedCache()).toBe(true);
    expect(version()).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^clusterman\/\d/),
      stderr: '',
    });
  });

  it.each([
    ['missing', undefined],
    ['of another bundle', Buffer.concat([Buffer.alloc(20, 7), goodCache.subarray(20)])],
    ['corrupt but claiming this bundle', Buffer.concat([goodCache.subarray(0, 20), Buffer.alloc(4096, 1)])],
    ['truncated', goodCache.subarray(0, 10)],
    ['empty', Buffer.alloc(0)],
  ])('%s: ignored, the CLI runs as usual', (_name, bytes) => {
    if (bytes) writeFileSync(cacheFile, bytes);
    else rmSync(cacheFile, { force: true });
    expect(existsSync(cacheFile)).toBe(bytes !== undefined);
    expect(usedCache()).toBe(false);
    expect(version()).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^clusterman\/\d/),
      stderr: '',
    });
  });
});

describe("generate-events' own bundle", () => {
  const eventsCache = tmp.file('dist/events.js.cache');
  const goodEventsCache = readFileSync(join(ROOT, 'dist/events.js.cache'));

  it('is ASCII only: V8 keeps it as one-byte text', () => {
    expect(readFileSync(join(ROOT, 'dist/events.js')).every((b) => b < 0x80)).toBe(true);
  });

  it('has its own code cache, used when it belongs to the bundle', () => {
    writeFileSync(eventsCache, goodEventsCache);
    expect(usedCache('events')).toBe(true);
  });

  it("ignores the main bundle's cache and a cache of another build", () => {
    writeFileSync(eventsCache, goodCache);
    expect(usedCache('events')).toBe(false);
    writeFileSync(eventsCache, Buffer.concat([Buffer.alloc(20, 7), goodEventsCache.subarray(20)]));
    expect(usedCache('events')).toBe(false);
  });

  it('runs generate-events whichever cache it finds', () => {
    const config = tmp.file('events.json');
    writeFileSync(
      config,
      JSON.stringify({
        interarrival: { type: 'constant', value: 1 },
        emitters: [{ name: 'e', dimensions: [{ type: 'clock', name: 'time' }] }],
        states: [
          {
            name: 's',
            emitter: 'e',
            delay: { type: 'constant', value: 1 },
            transitions: [{ next: 'stop', probability: 1 }],
          },
        ],
      }),
    );
    const args = ['generate-events', '-c', config, '-s', '2024-01-01', '-n', '2', '--seed', '1', '-q'];
    const outputs = [goodEventsCache, Buffer.alloc(0)].map((bytes) => {
      writeFileSync(eventsCache, bytes);
      return spawnSync(process.execPath, [tmp.file('bin/run.js'), ...args], { encoding: 'utf8' });
    });
    for (const res of outputs) expect(res).toMatchObject({ status: 0, stderr: '' });
    expect(outputs[0]?.stdout).toBe(outputs[1]?.stdout);
    expect(outputs[0]?.stdout.split('\n')).toHaveLength(3);
  });
});

describe('--debug traces', () => {
  // An unexpected failure: every temp output file fails to open (a preloaded module swaps fs.openSync and
  // fs/promises.open, whichever the writer uses).
  const preload = tmp.file('fail-open.js');
  writeFileSync(
    preload,
    `const fs = require('node:fs');
const fsp = require('node:fs/promises');
const isTemp = (path) => String(path).endsWith('.tmp');
const openSync = fs.openSync;
fs.openSync = (path, ...rest) => {
  if (isTemp(path)) throw new Error('injected open failure');
  return openSync(path, ...rest);
};
const open = fsp.open;
fsp.open = (path, ...rest) =>
  isTemp(path) ? Promise.reject(new Error('injected open failure')) : open(path, ...rest);
`,
  );
  const design = tmp.file('design.yaml');
  writeFileSync(
    design,
    "x: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 1}\n",
  );
  const run = (...extra: string[]) =>
    cli(['generate-data', '-i', design, '-o', tmp.file('out.json.gz'), '-q', ...extra], {
      env: { NODE_OPTIONS: `--require ${preload}` },
    });

  it('without --debug: one line and a hint, no stack', () => {
    const res = run();
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('Error: injected open failure (run with --debug for details)');
  });

  it('with --debug: the stack names the src/ TypeScript line, not the bundle', () => {
    const res = run('--debug');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/injected open failure/);
    expect(res.stderr).toMatch(/\bat .*\(.*\/src\/metrics\/atomic\.ts:\d+:\d+\)/);
    expect(res.stderr).not.toMatch(/dist\/main\.js:\d+/);
  });
});

/** Checks that need a fresh Node process: start-up cost and independence from the process time zone. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const TIME = resolve(__dirname, '../../src/time');

/** Runs `body` in a new node with a TypeScript require hook (swc); `body` prints JSON to stdout. */
function runNode(body: string, env: Record<string, string> = {}): unknown {
  const hook = `
    const swc = require('@swc/core');
    const fs = require('node:fs');
    require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'), {
      filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
    }).code, file);
  `;
  const res = spawnSync(process.execPath, ['-e', `${hook}\n${body}`], {
    cwd: resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  if (res.status !== 0) throw new Error(`child failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

it('loads chrono-node only when a phrase needs it', () => {
  const out = runNode(`
    const chronoLoaded = () => Object.keys(require.cache).some((f) => f.includes('chrono-node'));
    const time = require(${JSON.stringify(TIME)});
    const ctx = { nowMs: Date.UTC(2017, 11, 1, 12), zone: 'America/Los_Angeles' };
    const seen = [chronoLoaded()];
    for (const input of ['now', '-12h', '2017-12-01T08:00:00Z', '2017-12-01', '1512115200']) time.parseTime(input, ctx);
    time.parseDuration('1h30m'); time.localParts(0, 'Asia/Kolkata'); time.formatTime(0, 'Asia/Kolkata');
    seen.push(chronoLoaded());
    time.parseTime('yesterday', ctx);
    seen.push(chronoLoaded());
    console.log(JSON.stringify(seen));
  `);
  expect(out).toEqual([false, false, true]);
});

describe('answers do not depend on the process time zone (chrono computes in it)', () => {
  const script = `
    const time = require(${JSON.stringify(TIME)});
    const out = [];
    const nows = ['2017-12-01T12:00:00Z', '2017-03-12T11:00:00Z', '2017-11-05T09:30:00Z', '2017-03-31T12:00:00Z',
      '2017-10-29T01:30:00Z', '2017-03-26T00:30:00Z', '2017-03-12T07:30:00Z', '2017-11-05T06:30:00Z'];
    const phrases = ['yesterday', 'one month ago', '3 months ago', 'last monday 9am', '2 hours ago', 'tomorrow noon',
      'in 3 days', 'today', 'this morning', 'midnight', 'an hour ago', 'in 1 day', 'last night', 'Dec 1 2017 8am',
      'Dec 1 8am', '5:30pm', '300 years ago', '2017-12-01T08:00:00', '2017-12-01', '-1d12h'];
    for (const now of nows)
      for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/London', 'America/New_York'])
        for (const p of phrases) out.push(time.parseTime(p, { nowMs: Date.parse(now), zone }));
    console.log(JSON.stringify(out));
  `;
  const baseline = runNode(script, { TZ: 'UTC' });

  it.each([
    'America/New_York',
    'America/Los_Angeles',
    'Europe/London',
    'Europe/Amsterdam',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Apia',
  ])('TZ=%s', (tz) => {
    expect(runNode(script, { TZ: tz })).toEqual(baseline);
  });
});

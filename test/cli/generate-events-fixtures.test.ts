/**
 * Imply's own configs (../shared/fixtures/imply, never copied here) run as the issue asks: one simulated hour,
 * seed 42. Row counts are compared with the reference's (fixtures README): another generator, so the same
 * order, not the same numbers.
 */
import { join, resolve } from 'node:path';
import { cliAsync, type CliResult } from '../support/cli';
import { SHARED } from '../support/paths';
import { describeWithShared } from '../support/shared';

const IMPLY = resolve(SHARED, 'fixtures/imply');
const ARGS = ['-s', '2024-01-01T00:00:00', '-r', 'PT1H', '--seed', '42', '-q'];

/** The reference's rows for these arguments (v2 Python, -m 100); ssh_auth is v3 and has none. */
const REFERENCE: Record<string, number | undefined> = {
  clickstream: 18_019,
  social_posts: 355_150,
  apache_access_combined: 33_049,
  vpc_flow_logs: 33_256,
  apache_access_json: 351,
  ssh_auth: undefined,
};

// Seven runs of a simulated hour, one of them 355,000 rows.
jest.setTimeout(120_000);

describeWithShared('generate-events on the Imply fixtures', () => {
  const results = new Map<string, CliResult>();
  let rerun: CliResult;

  beforeAll(async () => {
    // One at a time: each run gets a whole core (the CLI's timeout is per run).
    for (const n of Object.keys(REFERENCE))
      results.set(n, await cliAsync(['generate-events', '-c', join(IMPLY, `${n}.json`), ...ARGS]));
    rerun = await cliAsync(['generate-events', '-c', join(IMPLY, 'clickstream.json'), ...ARGS]);
  });

  it.each(Object.keys(REFERENCE))('%s gives well-formed JSON lines within the hour', (name) => {
    const r = results.get(name) as CliResult;
    expect([r.status, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.trimEnd().split('\n');
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // vpc_flow_logs has no clock field: its `end` variable holds the time of the emit.
    const times = rows.map((row) => (row.time ?? row.__time ?? row.end) as string);
    expect(times.every((t) => /^2024-01-01T00:[0-5]\d:[0-5]\d\.\d{3}\+00:00$/.test(t))).toBe(true);
    expect(times).toEqual([...times].sort());
    const expected = REFERENCE[name];
    if (expected !== undefined) {
      expect(rows.length).toBeGreaterThan(expected / 2);
      expect(rows.length).toBeLessThan(expected * 2);
    } else expect(rows.length).toBeGreaterThan(100);
  });

  it('the same seed gives the same bytes', () => {
    expect(rerun.stdout).toBe(results.get('clickstream')?.stdout);
  });
});

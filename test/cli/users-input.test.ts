/** Bad input to `users run`: one line naming the file and the key (or the URL without its password), exit 2 (1 for a server that fails), nothing written. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cli } from '../support/cli';
import { freePort } from '../support/ports';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const BASE = `global:
  sink_types: ["csv"]
  log_events_filename: "out/logs.csv"
  catalog_events_filename: "out/catalog.csv"
  start_ts: "2020-01-01 00:00:00"
  end_ts: "2020-01-01 06:00:00"
users:
  population: {initial_count: 3, target_min_count: 3, target_max_count: 4}
  profiles:
    default:
      session_max_count: 2
`;

let n = 0;
function run(yaml: string, ...flags: string[]) {
  const dir = tmp.file(`case-${n++}`);
  mkdirSync(dir);
  const file = `${dir}/users.yaml`;
  writeFileSync(file, yaml);
  const res = cli(['users', 'run', file, '--seed', '1', '--output-dir', dir, ...flags], { cwd: dir });
  return { ...res, file, written: readdirSync(dir).filter((f) => f !== 'users.yaml') };
}

const cases: [string, string, RegExp][] = [
  [
    'an unknown key, with a suggestion',
    BASE.replace('session_max_count', 'sesion_max_count'),
    /users\.profiles\.default\.sesion_max_count: unknown key \(did you mean 'session_max_count'\?\)/,
  ],
  [
    'an unknown users key (benshi ignores it)',
    BASE.replace('users:\n', 'users:\n  max_session_length_minutes: 5\n'),
    /users\.max_session_length_minutes: unknown key/,
  ],
  [
    'a probability outside [0, 1]',
    `${BASE}      online_probability: 1.5\n`,
    /users\.profiles\.default\.online_probability: 1\.5 is not a probability in \[0, 1\]/,
  ],
  [
    'weights that sum to 0',
    `${BASE}      event_probabilities: {page: 0}\n`,
    /users\.profiles\.default\.event_probabilities: the weights sum to 0/,
  ],
  [
    'min > max',
    BASE.replace('target_min_count: 3, target_max_count: 4', 'target_min_count: 5, target_max_count: 4'),
    /users\.population\.target_min_count: target_min_count \(5\) is greater than target_max_count \(4\)/,
  ],
  [
    'hourly weights not 24 long',
    `${BASE}      session_hourly_start_probabilities: [1, 2, 3]\n`,
    /session_hourly_start_probabilities: expected a list of 24 weights, got 3/,
  ],
  [
    'a sqlite URL',
    BASE.replace('global:\n', 'global:\n  db_uri: "sqlite:///state.db"\n'),
    /global\.db_uri: sqlite is not supported; use duckdb:\/\/\/.* or postgresql:\/\//,
  ],
  ['malformed YAML', `${BASE}   - [\n`, /users\.yaml: YAML syntax error at line \d+/],
  [
    'a bad time',
    BASE.replace('"2020-01-01 06:00:00"', '"yesterday-ish"'),
    /global\.end_ts: cannot understand time/,
  ],
  [
    'a setting the reference ignored',
    `${BASE}      session_event_type_changes_max: 7\n`,
    /session_event_type_changes_max: not supported \(the reference never reads it\)/,
  ],
];

describe('users run: bad input', () => {
  it.each(cases)('%s: one line naming file and key, exit 2, nothing written', (_what, yaml, line) => {
    const res = run(yaml);
    expect(res.stderr).toMatch(line);
    expect(res.stderr).toContain(res.file);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.status).toBe(2);
    expect(res.written).toEqual([]);
  });

  it('an unreachable PostgreSQL: one line with the URL but not the password, exit 1, nothing written', async () => {
    const port = await freePort();
    const res = run(BASE, '--db', `postgresql://someone:s3cret-pw@127.0.0.1:${port}/sim`);
    expect(res.stderr).toContain(`127.0.0.1:${port}`);
    expect(res.stderr).not.toContain('s3cret-pw');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.status).toBe(1);
    expect(res.written).toEqual([]);
  });

  it('--until before the start: exit 2, nothing written', () => {
    const res = run(BASE, '--until', '2019-12-31');
    expect(res.stderr).toMatch(/^Error: --until: must be after start_ts/);
    expect(res.status).toBe(2);
    expect(res.written).toEqual([]);
  });
});

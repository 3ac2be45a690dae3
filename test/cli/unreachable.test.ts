/**
 * Servers that are not there: each retry is a line on stderr (none with --quiet), the error says what to
 * check, and a datastore that cannot be reached stops generate-data before its file is touched. The port is
 * a free loopback port nobody listens on; CLUSTERMAN_RETRY_BACKOFF_MS keeps the waits short.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cli, cliAsync } from '../support/cli';
import { freePort } from '../support/ports';
import { startSignalFx } from '../support/signalfx-server';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FAST = { CLUSTERMAN_RETRY_BACKOFF_MS: '5' };

/** A loopback port that was free a moment ago and that nothing listens on. */
const closedPort = freePort;

const design = tmp.file('small.yaml');
writeFileSync(
  design,
  `a: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 1}\n`,
);
const RETRY = /^VictoriaMetrics: retrying in \d+\.\d s \(attempt (\d)\/6\): connection refused$/;

describe('generate-data --datastore that is not listening', () => {
  it('shows each retry, words the error, and creates no file', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const out = tmp.file('never.json.gz');
    const res = await cliAsync(
      ['generate-data', '-i', design, '-o', out, '--seed', '1', '--datastore', url],
      {
        env: FAST,
      },
    );
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines.slice(0, 5).map((l) => RETRY.exec(l)?.[1])).toEqual(['2', '3', '4', '5', '6']);
    expect(lines.slice(5)).toEqual([
      `Error: connection refused: is VictoriaMetrics listening at ${url}? (gave up after 6 tries)`,
    ]);
    expect(res.stdout).not.toMatch(/Wrote/);
    expect(existsSync(out)).toBe(false);
  });

  it('an existing file stays byte for byte as it was; --quiet shows the error alone', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const out = tmp.file('kept.json.gz');
    expect(cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    const before = readFileSync(out);
    const res = await cliAsync(
      ['generate-data', '-i', design, '-o', out, '--seed', '2', '--yes', '--datastore', url, '--quiet'],
      { env: FAST },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(
      `Error: connection refused: is VictoriaMetrics listening at ${url}? (gave up after 6 tries)\n`,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});

describe('backfill from a server that is not listening', () => {
  it('Prometheus: each retry on stderr, then what to check', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const res = await cliAsync(
      ['backfill', '--src', 'prometheus', '-o', `url=${url}`, '-o', 'max_retries=2']
        .concat(['--src-metric-names', 'up', '--start-time', '2017-12-01T00:00:00Z'])
        .concat(['--end-time', '2017-12-01T01:00:00Z', '--dest-file', tmp.file('prom.json.gz')]),
      { env: FAST },
    );
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Prometheus: retrying in \d+\.\d s \(attempt 2\/3\): connection refused$/);
    expect(lines[1]).toMatch(/^Prometheus: retrying in \d+\.\d s \(attempt 3\/3\): connection refused$/);
    expect(lines[2]).toBe(
      `Error: connection refused: is Prometheus listening at ${url}? (query 'up', gave up after 3 tries)`,
    );
  });

  it('--datastore not listening: found before anything is pulled from SignalFx', async () => {
    const sfx = await startSignalFx({ token: 'tok' });
    try {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const file = tmp.file('sfx.json.gz');
      const res = await cliAsync(
        ['backfill', '--src', 'signalfx', '-o', `stream_url=${sfx.url}`, '--src-metric-names', 'cpus']
          .concat(['--start-time', '2017-12-01T00:00:00Z', '--end-time', '2017-12-01T01:00:00Z'])
          .concat(['--dest-file', file, '--datastore', url, '--quiet']),
        { env: { ...FAST, SFX_API_TOKEN: 'tok' } },
      );
      expect(res.status).toBe(1);
      expect(res.stderr).toBe(
        `Error: connection refused: is VictoriaMetrics listening at ${url}? (gave up after 6 tries)\n`,
      );
      expect(sfx.requests).toHaveLength(0);
      expect(existsSync(file)).toBe(false);
    } finally {
      await sfx.close();
    }
  });
});

describe('simulate --metrics-datastore that is not listening', () => {
  it('shows each retry and what to check', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const res = await cliAsync(
      ['simulate', '--metrics-datastore', url, '--cluster', 'c'].concat([
        '--start-time',
        '2017-12-01T00:00:00Z',
        '--end-time',
        '2017-12-01T01:00:00Z',
      ]),
      { env: FAST },
    );
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines.slice(0, 5).map((l) => RETRY.exec(l)?.[1])).toEqual(['2', '3', '4', '5', '6']);
    expect(lines.slice(5)).toEqual([
      `Error: connection refused: is VictoriaMetrics listening at ${url}? (gave up after 6 tries)`,
    ]);
  });
});

import { existsSync } from 'node:fs';
import { readMetricsFile } from '../../src/metrics/read';
import { cliAsync } from '../support/cli';
import {
  startPrometheus,
  type PromSeriesSpec,
  type PromStandIn,
  type PromStandInOptions,
} from '../support/prometheus-server';
import { tempDir } from '../support/tmp';

const TOKEN = 'prom-cli-token-3b9e7a';
const START = 1512086400; // 2017-12-01T00:00:00Z
const QUERY = 'sum by (AZ) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))';
const WINDOW = ['--start-time', '2017-12-01T00:00:00Z', '--end-time', '2017-12-01T02:00:00Z'];

/** offset + minutes since START. */
const cpu = (labels: Record<string, string>, offset: number): PromSeriesSpec => ({
  labels,
  value: (t) => offset + (t - START) / 60,
});
const QUERIES = {
  [QUERY]: [cpu({ AZ: 'us-west-2a' }, 0), cpu({ AZ: 'us-west-2b' }, 1000)],
  up: [cpu({ __name__: 'up', job: 'node' }, 0.5)],
};

const tmp = tempDir();
let server: PromStandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => tmp.cleanup());

async function backfill(
  options: PromStandInOptions,
  args: string[],
  env: Record<string, string> = { PROM_BEARER_TOKEN: TOKEN },
) {
  server = await startPrometheus({ token: TOKEN, queries: QUERIES, ...options });
  return cliAsync(['backfill', '--src', 'prometheus', ...WINDOW, '-o', `url=${server.url}`, ...args], {
    env,
  });
}

describe('backfill from a Prometheus-compatible API', () => {
  it('writes each series under dest|labels, two hours at one minute, in requests under the limit', async () => {
    const out = tmp.file('m.json.gz');
    const res = await backfill({ maxPoints: 50 }, [
      '--src-metric-names',
      QUERY,
      'up',
      '--dest-metric-names',
      'cpus_allocated',
      'node_up',
      '--dest-file',
      out,
      '-o',
      'chunk_points=50',
      '-o',
      'step=1m',
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /cpus_allocated\|AZ=us-west-2a\s+120\s+2017-12-01T00:00:00Z\s+2017-12-01T01:59:00Z/,
    );
    expect(res.stdout).toContain(`Wrote 3 series to ${out}.`);
    const { data } = await readMetricsFile(out);
    expect([...data.series('system_metrics')].map((s) => s.key)).toEqual([
      'cpus_allocated|AZ=us-west-2a',
      'cpus_allocated|AZ=us-west-2b',
      'node_up|job=node',
    ]);
    const minutes = Array.from({ length: 120 }, (_, k) => k);
    expect(data.get('system_metrics', 'cpus_allocated|AZ=us-west-2b')).toEqual(
      minutes.map((k) => ({ t: START + 60 * k, value: 1000 + k })),
    );
    expect(data.get('system_metrics', 'node_up|job=node')).toEqual(
      minutes.map((k) => ({ t: START + 60 * k, value: 0.5 + k })),
    );
    expect(server!.requests).toHaveLength(6);
    for (const r of server!.requests) {
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.params.step).toBe('60');
    }
  });

  it('--json: the window, the output, nothing replaced, no datastore, each series with its points and span', async () => {
    const out = tmp.file('json.json.gz');
    const args = ['--src-metric-names', QUERY, '--dest-metric-names', 'cpus', '--dest-file', out, '--json'];
    const res = await backfill({}, args);
    expect(res.status).toBe(0);
    const span = { points: 120, first: '2017-12-01T00:00:00Z', last: '2017-12-01T01:59:00Z' };
    const doc = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(doc).toEqual({
      start: '2017-12-01T00:00:00Z',
      end: '2017-12-01T02:00:00Z',
      output: out,
      replaced: [],
      datastore: [],
      series: [
        { type: 'system_metrics', key: 'cpus|AZ=us-west-2a', ...span },
        { type: 'system_metrics', key: 'cpus|AZ=us-west-2b', ...span },
      ],
    });
    // Run again: both series are replaced, named as generate-data names them.
    await server!.close();
    const again = await backfill({}, [...args, '--yes']);
    expect((JSON.parse(again.stdout) as { replaced: unknown }).replaced).toEqual([
      { type: 'system_metrics', key: 'cpus|AZ=us-west-2a' },
      { type: 'system_metrics', key: 'cpus|AZ=us-west-2b' },
    ]);
  });

  it('prints warnings and the count of NaN and infinite values skipped', async () => {
    const out = tmp.file('warn.json.gz');
    const res = await backfill(
      { warnings: ['PromQL info: metric might not be a counter'], nanAt: [START + 60], infAt: [START] },
      ['--src-metric-names', 'up', '--dest-file', out, '--json'],
    );
    expect(res.status).toBe(0);
    expect(res.stderr.trim().split('\n')).toEqual([
      "Warning: query 'up': PromQL info: metric might not be a counter",
      'Warning: up: skipped 2 NaN or infinite values (a metrics file cannot hold them)',
    ]);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'up|job=node')).toHaveLength(118);
    expect(data.get('system_metrics', 'up|job=node')![0]).toEqual({ t: START + 120, value: 2.5 });
  });

  it('a refused token: exit 1, one line, no token anywhere, no file', async () => {
    const out = tmp.file('refused.json.gz');
    const wrong = 'wrong-prom-token-77c1e0';
    const res = await backfill({}, ['--src-metric-names', 'up', '--dest-file', out], {
      PROM_BEARER_TOKEN: wrong,
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(
      `Error: ${server!.url} refused the request (HTTP 401): check PROM_BEARER_TOKEN`,
    );
    expect(res.stdout + res.stderr).not.toContain(wrong);
    expect(res.stdout + res.stderr).not.toContain(TOKEN);
    expect(existsSync(out)).toBe(false);
    await server!.close();
    const none = await backfill({}, ['--src-metric-names', 'up', '--dest-file', out], {
      PROM_BEARER_TOKEN: '',
    });
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe(
      `Error: ${server!.url} refused the request (HTTP 401): set PROM_BEARER_TOKEN`,
    );
  });

  it("a refused query: exit 1 with the server's reason, nothing written", async () => {
    const out = tmp.file('bad.json.gz');
    const reason = "1:14: parse error: unexpected right parenthesis ')'";
    const res = await backfill({ badQuery: { query: 'rate(cpu[5m]))', error: reason } }, [
      '--src-metric-names',
      'rate(cpu[5m]))',
      '--dest-file',
      out,
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(
      `Error: ${server!.url} refused query 'rate(cpu[5m]))' (HTTP 400 bad_data): ${reason}`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('retries run out: exit 1 naming the tries', async () => {
    const res = await backfill({ unavailableFirst: 10 }, [
      '--src-metric-names',
      'up',
      '--dest-file',
      tmp.file('503.json.gz'),
      '-o',
      'max_retries=0',
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(`Error: ${server!.url}: query 'up' failed after 1 try: HTTP 503`);
  });

  it('two series with one name once labels are dropped: exit 1 naming it, nothing written', async () => {
    const queries = {
      cpu: [
        cpu({ __name__: 'cpu', AZ: 'a', instance: 'h1:9100' }, 0),
        cpu({ __name__: 'cpu', AZ: 'a', instance: 'h2:9100' }, 1),
      ],
    };
    const out = tmp.file('collide.json.gz');
    const res = await backfill({ queries }, [
      '--src-metric-names',
      'cpu',
      '--dest-file',
      out,
      '-o',
      'drop_labels=instance',
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(
      "Error: query 'cpu': several series become 'cpu|AZ=a' once __name__ and instance are dropped; filter or aggregate them in the query",
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['-o', 'chunk_points=0'], /^Error: -o chunk_points: expected an integer >= 1 \(got '0'\)$/],
    [['-o', 'step=1.5'], /^Error: -o step: must be a whole number of seconds \(got '1\.5'\)$/],
    [
      ['-o', 'drop_label=job'],
      /^Error: -o drop_label: unknown Prometheus option \(did you mean 'drop_labels'\?\)$/,
    ],
  ])('bad options are one line, exit 2 (%#)', async (extra, message) => {
    const res = await backfill({}, [
      '--src-metric-names',
      'up',
      '--dest-file',
      tmp.file('opt.json.gz'),
      ...extra,
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toMatch(message);
    expect(server!.requests).toHaveLength(0);
  });

  it('no -o url, or one that is not http: exit 2, saying what is expected', async () => {
    const args = [
      'backfill',
      '--src',
      'prometheus',
      ...WINDOW,
      '--src-metric-names',
      'up',
      '--dest-file',
      tmp.file('u.json.gz'),
    ];
    const res = await cliAsync(args);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      'Error: Prometheus needs the server: -o url=http://host:9090 (or a VictoriaMetrics URL)',
    );
    const bad = await cliAsync([...args, '-o', 'url=localhost:9090']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe("Error: -o url: 'localhost:9090' is not an http or https URL");
  });

  it('neither --dest-file nor --datastore: exit 2, before any request', async () => {
    const res = await backfill({}, ['--src-metric-names', 'up']);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe('Error: give --dest-file, --datastore or both: where the history goes');
    expect(server!.requests).toHaveLength(0);
  });
});

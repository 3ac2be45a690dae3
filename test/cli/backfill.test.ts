import { readFileSync } from 'node:fs';
import { readMetricsFile } from '../../src/metrics/read';
import { cliAsync } from '../support/cli';
import { startSignalFx, type StandIn, type StandInOptions } from '../support/signalfx-server';
import { tempDir } from '../support/tmp';

const TOKEN = 'sfx-cli-token-456';
const tmp = tempDir();
let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => tmp.cleanup());

const WINDOW = ['--start-time', '2017-12-01T00:00:00Z', '--end-time', '2017-12-01T02:00:00Z'];

async function backfill(
  options: StandInOptions,
  args: string[],
  env: Record<string, string> = { SFX_API_TOKEN: TOKEN },
) {
  server = await startSignalFx({ token: TOKEN, ...options });
  return cliAsync(
    [
      'backfill',
      '--src',
      'signalfx',
      ...WINDOW,
      '-o',
      `stream_url=${server.url}`,
      '-o',
      'chunk=1h',
      '-o',
      'max_retries=2',
      ...args,
    ],
    { env },
  );
}

describe('backfill from SignalFx', () => {
  it('one series: written under the destination name, two hours at one minute', async () => {
    const out = tmp.file('one.json.gz');
    const res = await backfill({ pretty: true }, [
      '--src-metric-names',
      'cpus',
      '--dest-metric-names',
      'cpus_allocated|cluster=x,pool=p.mesos',
      '--dest-file',
      out,
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /cpus_allocated\|cluster=x,pool=p\.mesos\s+120\s+2017-12-01T00:00:00Z\s+2017-12-01T01:59:00Z/,
    );
    const { data } = await readMetricsFile(out);
    const points = data.get('system_metrics', 'cpus_allocated|cluster=x,pool=p.mesos')!;
    expect(points).toHaveLength(120);
    expect(points[1]).toEqual({ t: 1512086460, value: 1512086460 / 60 });
    expect(server!.requests[0]!.program).toBe('data("cpus").publish()');
  });

  it('stream_url may be the base URL, as SignalFx clients take it: the execute path is added', async () => {
    server = await startSignalFx({ token: TOKEN });
    const base = new URL(server.url).origin;
    const out = tmp.file('base-url.json.gz');
    const res = await cliAsync(
      [
        'backfill',
        '--src',
        'signalfx',
        ...WINDOW,
        '-o',
        `stream_url=${base}/`,
        '--src-metric-names',
        'cpus',
      ].concat(['--dest-file', out, '--json']),
      { env: { SFX_API_TOKEN: TOKEN } },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(server.requests).toHaveLength(1);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'cpus')).toHaveLength(120);
  });

  it("several series: the dimensions go into the keys; values=dict gives clusterman's shape", async () => {
    const out = tmp.file('several.json.gz');
    const res = await backfill({ series: 2, repeatBoundary: true }, [
      '--src-metric-names',
      'price',
      '--dest-metric-names',
      'spot_prices',
      '--metric-type',
      'metadata',
      '--dest-file',
      out,
      '-o',
      'group_by=AZ',
      '-o',
      'aggregation=mean',
      '--json',
    ]);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as { series: Array<{ key: string; points: number }> };
    expect(doc.series).toEqual([
      expect.objectContaining({ key: 'spot_prices|AZ=us-west-2a', points: 120 }),
      expect.objectContaining({ key: 'spot_prices|AZ=us-west-2b', points: 120 }),
    ]);
    expect(server!.requests[0]!.program).toBe('data("price").mean(by=["AZ"]).publish()');
    await server!.close();
    server = undefined;
    const dict = tmp.file('dict.json.gz');
    const res2 = await backfill({ series: 2 }, [
      '--src-metric-names',
      'cap',
      '--metric-type',
      'metadata',
      '--dest-file',
      dict,
      '-o',
      'group_by=AZ',
      '-o',
      'values=dict',
    ]);
    expect(res2.status).toBe(0);
    const { data } = await readMetricsFile(dict);
    expect(data.get('metadata', 'cap')![0]!.value).toEqual(
      new Map([
        ['us-west-2a', 1512086400 / 60],
        ['us-west-2b', 1000 + 1512086400 / 60],
      ]),
    );
  });

  it('a refused token: exit 1, one line, no token anywhere, no file', async () => {
    const out = tmp.file('refused.json.gz');
    const res = await backfill({}, ['--src-metric-names', 'cpus', '--dest-file', out], {
      SFX_API_TOKEN: 'wrong-token-789',
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(
      'Error: SignalFx refused the API token (HTTP 401): check api_token or SFX_API_TOKEN',
    );
    expect(res.stdout + res.stderr).not.toContain('wrong-token-789');
    expect(() => readFileSync(out)).toThrow();
  });

  it('CHANNEL_ABORT writes nothing, unless --allow-partial keeps what arrived', async () => {
    const out = tmp.file('abort.json.gz');
    const res = await backfill({ abort: 'Too much data' }, [
      '--src-metric-names',
      'cpus',
      '--dest-file',
      out,
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('Error: SignalFx aborted the job: Too much data');
    expect(() => readFileSync(out)).toThrow();
    await server!.close();
    server = undefined;
    const partial = await backfill({ abort: 'Too much data' }, [
      '--src-metric-names',
      'cpus',
      '--dest-file',
      out,
      '--allow-partial',
    ]);
    expect(partial.status).toBe(0);
    expect(partial.stderr).toContain(
      'Warning: cpus: SignalFx aborted the job: Too much data; keeping the points received',
    );
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'cpus')).toHaveLength(2);
  });

  it('an existing series is replaced only with --yes; without a terminal: exit 1, file untouched', async () => {
    const out = tmp.file('merge.json.gz');
    expect((await backfill({}, ['--src-metric-names', 'cpus', '--dest-file', out])).status).toBe(0);
    await server!.close();
    server = undefined;
    const before = readFileSync(out);
    const refused = await backfill({}, ['--src-metric-names', 'cpus', '--dest-file', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Error: ${out} already holds 'cpus' (system_metrics): pass --yes to replace it (file left unchanged)`,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
    await server!.close();
    server = undefined;
    expect((await backfill({}, ['--src-metric-names', 'cpus', '--dest-file', out, '--yes'])).status).toBe(0);
  });

  it.each([
    [['-o', 'rollups=sum'], /-o rollups: unknown SignalFx option \(did you mean 'rollup'\?\)/],
    [['-o', 'rollup=avg'], /-o rollup: expected one of average, sum/],
    [['-o', 'filters=nocolon'], /filters: 'nocolon' is not dimension:value/],
    [['--dest-metric-names', 'a', 'b'], /--dest-metric-names: 2 names for 1 source metric \(/],
    [
      ['--src-metric-names', 'mem', '--dest-metric-names', 'a'],
      /--dest-metric-names: 1 name for 2 source metrics \(/,
    ],
  ])('bad options are one line, exit 2 (%#)', async (extra, message) => {
    const res = await backfill({}, [
      '--src-metric-names',
      'cpus',
      '--dest-file',
      tmp.file('bad.json.gz'),
      ...extra,
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  });

  it('no token at all is a usage error', async () => {
    const res = await backfill({}, ['--src-metric-names', 'cpus', '--dest-file', tmp.file('x.json.gz')], {});
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe('Error: SignalFx needs an API token: -o api_token=... or SFX_API_TOKEN');
  });
});

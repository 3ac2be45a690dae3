/** The datastore against a real VictoriaMetrics: what is written comes back, re-writes and replacements. */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VictoriaMetrics } from '../../src/datastore/client';
import { DatastoreDeclined, DatastoreError } from '../../src/datastore/errors';
import { ImportBatcher } from '../../src/datastore/import';
import { readDatastore } from '../../src/datastore/read';
import { commitDatastoreWrite, planDatastoreWrite, type WriteItem } from '../../src/datastore/write';
import { PointBuffer } from '../../src/metrics/buffer';
import type { CollectedSeries } from '../../src/metrics/collected';
import type { MetricType, Point } from '../../src/metrics/model';
import { BaseUrlError } from '../../src/util/url';
import { describeWithVictoria, startVictoria, type Victoria } from '../support/victoria';

const T0 = 1512086400; // 2017-12-01T00:00:00Z

function numbers(
  key: string,
  n: number,
  value: (i: number) => number,
  step = 60,
  from = T0,
): CollectedSeries {
  const points = new PointBuffer();
  for (let i = 0; i < n; i++) points.push(from + i * step, value(i));
  return { key, kind: 'numbers', points };
}

const item = (series: CollectedSeries, start = T0, end = T0 + 86400): WriteItem => ({ series, start, end });
const yes = async (): Promise<boolean> => true;

async function write(
  client: VictoriaMetrics,
  type: MetricType,
  items: WriteItem[],
  confirm: (keys: readonly string[]) => Promise<boolean> = yes,
) {
  return commitDatastoreWrite(await planDatastoreWrite(client, type, items, confirm));
}

function values(points: readonly Point[] | undefined): number[] {
  return (points ?? []).map((p) => p.value as number);
}

describeWithVictoria('datastore on a real VictoriaMetrics', () => {
  let vm: Victoria;
  let client: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoria();
    client = new VictoriaMetrics(vm.url, '--datastore', { backoffMs: 1 });
  }, 30_000);
  afterAll(() => vm?.stop());

  it('series come back with their keys, types and points; dict keys come back as one dict series', async () => {
    const cpus = numbers('cpus_allocated|cluster=c,pool=p.mesos', 100, (i) => 20 + i);
    const price = numbers('spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge', 50, (i) => 0.1 + i / 7, 120);
    const runs: CollectedSeries = {
      key: 'seagull,seagull_runs',
      kind: 'dicts',
      points: [
        {
          t: T0,
          value: new Map([
            ['a', 1],
            ['b', 2],
          ]),
        },
        { t: T0 + 60, value: new Map([['a', 3]]) },
      ],
    };
    const sent = await write(client, 'system_metrics', [item(cpus)]);
    expect(sent).toMatchObject({ sent: 100, unchanged: 0, replaced: [] });
    await write(client, 'metadata', [item(price)]);
    await write(client, 'app_metrics', [item(runs)]);

    const data = await readDatastore(client, T0, T0 + 86400);
    expect(values(data.get('system_metrics', 'cpus_allocated|cluster=c,pool=p.mesos'))).toEqual(
      Array.from({ length: 100 }, (_, i) => 20 + i),
    );
    const prices = data.get('metadata', 'spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge') ?? [];
    expect(prices.map((p) => p.t)).toEqual(Array.from({ length: 50 }, (_, i) => T0 + i * 120));
    // VictoriaMetrics keeps about 12 significant digits.
    prices.forEach((p, i) => expect(p.value as number).toBeCloseTo(0.1 + i / 7, 10));
    expect(data.get('app_metrics', 'seagull,seagull_runs')).toEqual([
      {
        t: T0,
        value: new Map([
          ['a', 1],
          ['b', 2],
        ]),
      },
      { t: T0 + 60, value: new Map([['a', 3]]) },
    ]);
    // [start, end): the last minute is outside a window ending on it.
    const window = await readDatastore(client, T0, T0 + 60 * 99);
    expect(window.get('system_metrics', 'cpus_allocated|cluster=c,pool=p.mesos')).toHaveLength(99);
  });

  it('a long series goes in several lines and requests, and every value comes back', async () => {
    // Whole, fractional, negative, tiny and huge values, and sub-second times: the import lines are written
    // byte by byte, so each number spelling has to reach the server intact.
    const odd = [0, 7, -3, 0.1, -2.5, 1e-7, 123456, 1 / 3];
    const n = 25_000;
    const times = Float64Array.from({ length: n }, (_, i) => T0 + i * 2.5);
    const vals = Float64Array.from({ length: n }, (_, i) => (odd[i % odd.length] as number) * (1 + (i % 5)));
    const posts: number[] = [];
    const counting = Object.create(client) as VictoriaMetrics;
    counting.import = async (body) => {
      posts.push(body.length);
      return client.import(body);
    };
    const batcher = new ImportBatcher(counting, undefined, 100_000);
    await batcher.add({ __name__: 'lines', AZ: 'a', metric_type: 'system_metrics' }, times, vals);
    await batcher.finish();
    await client.flush();
    expect(batcher.sent).toBe(n);
    expect(posts.length).toBeGreaterThan(2);

    const back = (await readDatastore(client, T0, T0 + n * 2.5)).get('system_metrics', 'lines|AZ=a') ?? [];
    expect(back.map((p) => p.t)).toEqual(Array.from(times));
    back.forEach((p, i) => {
      const want = vals[i] as number;
      expect(Math.abs((p.value as number) - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-11);
    });
  });

  it('a series mixing tiny and huge values is recognised as the same when written again', async () => {
    // VictoriaMetrics stores a block with one exponent: 1/3 beside 6e11 comes back as 0.3333333.
    const odd = [1 / 3, 617283950617, 1e-7, 2.5, 1.5e300, 14];
    const s = numbers('mixed|AZ=a', 600, (i) => (odd[i % odd.length] as number) * (1 + (i % 4)));
    await write(client, 'system_metrics', [item(s)]);
    const confirm = jest.fn(yes);
    const again = await write(client, 'system_metrics', [item(s)], confirm);
    expect(again).toMatchObject({ sent: 0, unchanged: 600, replaced: [] });
    expect(confirm).not.toHaveBeenCalled();
    const back = (await readDatastore(client, T0, T0 + 86400)).get('system_metrics', 'mixed|AZ=a') ?? [];
    expect(back).toHaveLength(600);
    // The largest values keep their digits.
    back.forEach((p, i) => {
      const want = 1.5e300 * (1 + (i % 4));
      if (i % odd.length === 4) expect((p.value as number) / want).toBeCloseTo(1, 11);
    });
  });

  it('writing the same points again sends nothing and asks nothing', async () => {
    const s = numbers('again|AZ=a', 30, (i) => i / 3);
    await write(client, 'system_metrics', [item(s)]);
    const confirm = jest.fn(yes);
    const second = await write(client, 'system_metrics', [item(s)], confirm);
    expect(second).toMatchObject({ sent: 0, unchanged: 30, replaced: [] });
    expect(confirm).not.toHaveBeenCalled();
    const data = await readDatastore(client, T0, T0 + 86400);
    expect(data.get('system_metrics', 'again|AZ=a')).toHaveLength(30);
  });

  it('new points next to stored ones are added without a question', async () => {
    await write(client, 'system_metrics', [
      item(
        numbers('grow', 10, (i) => i),
        T0,
        T0 + 600,
      ),
    ]);
    const confirm = jest.fn(yes);
    const more = await write(
      client,
      'system_metrics',
      [
        item(
          numbers('grow', 20, (i) => i),
          T0,
          T0 + 1200,
        ),
      ],
      confirm,
    );
    expect(more).toMatchObject({ sent: 10, unchanged: 10 });
    expect(confirm).not.toHaveBeenCalled();
    expect(values((await readDatastore(client, T0, T0 + 86400)).get('system_metrics', 'grow'))).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('different points in the range are a replacement: declined leaves the store as it was', async () => {
    await write(client, 'system_metrics', [item(numbers('cpu|AZ=a', 60, () => 1))]);
    await write(client, 'system_metrics', [item(numbers('cpu|AZ=a,cluster=x', 60, () => 5))]);
    const confirm = jest.fn(async () => false);
    await expect(
      planDatastoreWrite(client, 'system_metrics', [item(numbers('cpu|AZ=a', 60, () => 2))], confirm),
    ).rejects.toThrow(
      new DatastoreDeclined(`${client.where}: datastore left unchanged (not replacing 'cpu|AZ=a')`),
    );
    expect(confirm).toHaveBeenCalledWith(['cpu|AZ=a'], client.where);
    expect(values((await readDatastore(client, T0, T0 + 86400)).get('system_metrics', 'cpu|AZ=a'))).toEqual(
      Array(60).fill(1),
    );
  });

  it('a confirmed replacement changes its range only, and no other series', async () => {
    // Minutes 10-30 replaced by 2s; before and after keep their 1s; mem|AZ=a,cluster=x keeps its 5s.
    await write(client, 'system_metrics', [item(numbers('mem|AZ=a', 60, () => 1))]);
    await write(client, 'system_metrics', [item(numbers('mem|AZ=a,cluster=x', 60, () => 5))]);
    const from = T0 + 10 * 60;
    const res = await write(client, 'system_metrics', [
      item(
        numbers('mem|AZ=a', 20, () => 2, 60, from),
        from,
        from + 20 * 60,
      ),
    ]);
    expect(res.replaced).toEqual(['mem|AZ=a']);
    const data = await readDatastore(client, T0, T0 + 86400);
    const expected = [...Array(10).fill(1), ...Array(20).fill(2), ...Array(30).fill(1)];
    expect(values(data.get('system_metrics', 'mem|AZ=a'))).toEqual(expected);
    expect(values(data.get('system_metrics', 'mem|AZ=a,cluster=x'))).toEqual(Array(60).fill(5));
  });

  it('retries a datastore answering 503, then succeeds', async () => {
    const flaky = await failingProxy(vm.url, 2);
    try {
      const viaProxy = new VictoriaMetrics(flaky.url, '--datastore', { backoffMs: 1 });
      const res = await write(viaProxy, 'system_metrics', [item(numbers('flaky', 5, (i) => i))]);
      expect(res.sent).toBe(5);
      expect(flaky.failed).toBe(2);
      expect(values((await readDatastore(client, T0, T0 + 86400)).get('system_metrics', 'flaky'))).toEqual([
        0, 1, 2, 3, 4,
      ]);
    } finally {
      await flaky.close();
    }
  });

  it('gives up after max retries, naming the URL without its password', async () => {
    const down = new VictoriaMetrics('http://user:s3cret-pw@127.0.0.1:9/', '--datastore', {
      maxRetries: 1,
      backoffMs: 1,
    });
    const err = await planDatastoreWrite(down, 'system_metrics', [item(numbers('x', 1, () => 1))], yes).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(DatastoreError);
    expect(String(err)).toMatch(
      'connection refused: is VictoriaMetrics listening at http://***@127.0.0.1:9? (gave up after 2 tries)',
    );
    expect(String(err)).not.toContain('s3cret-pw');
  });

  it('refuses a URL that is not http', () => {
    expect(() => new VictoriaMetrics('ftp://127.0.0.1', '--datastore')).toThrow(
      new BaseUrlError("--datastore: 'ftp://127.0.0.1' is not an http or https URL"),
    );
  });
});

/** Forwards to VictoriaMetrics, answering 503 to the first `failures` requests. */
async function failingProxy(target: string, failures: number) {
  const state = { failed: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (state.failed < failures) {
      state.failed++;
      req.resume();
      return void res.writeHead(503).end('busy');
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get failed() {
      return state.failed;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BIN, ROOT } from '../support/paths';
import { cliAsync } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
// Several CLI runs per test, side by side, on a machine shared with other work.
jest.setTimeout(120_000);

/** Workers arrive every 2 s and log every 5 s, a few times: records over hours of simulated time. */
const steady = {
  interarrival: { type: 'constant', value: 2 },
  emitters: [
    {
      name: 'hit',
      dimensions: [
        { type: 'clock', name: 'time' },
        {
          type: 'enum',
          name: 'page',
          values: ['home', 'cart', 'pay'],
          cardinality_distribution: { type: 'uniform', min: 0, max: 2 },
        },
        { type: 'int', name: 'ms', distribution: { type: 'uniform', min: 1, max: 900 } },
      ],
    },
  ],
  states: [
    {
      name: 'browse',
      emitter: 'hit',
      delay: { type: 'constant', value: 5 },
      transitions: [
        { next: 'browse', probability: 0.75 },
        { next: 'stop', probability: 0.25 },
      ],
    },
  ],
};

/** A config with `steady`'s model and the given target, in its own folder. */
function configWith(name: string, target: unknown): { config: string; dir: string } {
  const dir = tmp.file(name);
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ ...steady, ...(target !== undefined && { target }) }));
  return { config, dir };
}

const S = ['-s', '2024-01-01T00:00:00', '--seed', '5', '-q'];
const plain = configWith('plain', undefined).config;
const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** The same run to stdout: what every target must hold, byte for byte. */
const expected = new Map<string, Promise<string>>();
function stdoutOf(args: string[]): Promise<string> {
  const key = args.join(' ');
  if (!expected.has(key))
    expected.set(
      key,
      cliAsync(['generate-events', '-c', plain, ...S, ...args]).then((r) => {
        expect(r.status).toBe(0);
        return r.stdout;
      }),
    );
  return expected.get(key) as Promise<string>;
}

describe('generate-events targets: files', () => {
  it('rotates hourly by the records own times, names files predictably, leaves no temp file', async () => {
    const { config, dir } = configWith('hourly', { type: 'file', path: 'out/ev.jsonl', rotation: 'hourly' });
    mkdirSync(join(dir, 'out'));
    const r = await cliAsync(['generate-events', '-c', config, ...S, '-r', 'PT3H'], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual([
      'ev-2024-01-01T00.jsonl',
      'ev-2024-01-01T01.jsonl',
      'ev-2024-01-01T02.jsonl',
    ]);
    const files = readdirSync(out).sort();
    for (const [i, f] of files.entries())
      for (const line of readFileSync(join(out, f), 'utf8').trim().split('\n'))
        expect(JSON.parse(line).time).toMatch(new RegExp(`^2024-01-01T0${i}:`));
    const joined = files.map((f) => readFileSync(join(out, f), 'utf8')).join('');
    expect(joined).toBe(await stdoutOf(['-r', 'PT3H']));
  });

  it('.gz compresses (-o and a target file); a size rotation keeps each file under its size, CSV headers in each', async () => {
    const gzTarget = tmp.file('gz-target.yaml');
    writeFileSync(gzTarget, `type: file\npath: ${tmp.file('t.jsonl.gz')}\n`);
    const size = configWith('size', { type: 'file', path: 'ev.csv', rotation: '20KB' });
    const [o, t, csv] = await Promise.all([
      cliAsync(['generate-events', '-c', plain, ...S, '-n', '3000', '-o', tmp.file('o.jsonl.gz')]),
      cliAsync(['generate-events', '-c', plain, ...S, '-n', '3000', '--target', gzTarget]),
      cliAsync(['generate-events', '-c', size.config, ...S, '-n', '3000', '--format', 'csv'], {
        cwd: size.dir,
      }),
    ]);
    expect([o.status, t.status, csv.status]).toEqual([0, 0, 0]);
    const want = await stdoutOf(['-n', '3000']);
    expect(gunzipSync(readFileSync(tmp.file('o.jsonl.gz'))).toString('utf8')).toBe(want);
    expect(gunzipSync(readFileSync(tmp.file('t.jsonl.gz'))).toString('utf8')).toBe(want);
    const parts = readdirSync(size.dir)
      .filter((f) => f.startsWith('ev-'))
      .sort();
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]).toBe('ev-000001.csv');
    const texts = parts.map((f) => readFileSync(join(size.dir, f), 'utf8'));
    for (const text of texts) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20_000);
      expect(text.startsWith('time,page,ms\n')).toBe(true);
    }
    const rows = texts.map((text) => text.slice('time,page,ms\n'.length)).join('');
    expect(`time,page,ms\n${rows}`).toBe(await stdoutOf(['-n', '3000', '--format', 'csv']));
    expect(tmpFiles(size.dir)).toEqual([]);
  });

  it('killed mid-run: the temp file is removed and the previous file stays whole', async () => {
    const out = tmp.file('killed.jsonl');
    writeFileSync(out, 'old\n');
    const child = spawn(
      process.execPath,
      [BIN, 'generate-events', '-c', plain, ...S, '-n', '5000000', '-o', out],
      { cwd: ROOT },
    );
    // Killed once it is writing: its temp file is there.
    while (tmpFiles(tmp.path).length === 0) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const status = await new Promise((r) => child.on('close', r));
    expect(status).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(tmpFiles(tmp.path)).toEqual([]);
  });

  it('an endless live run with rotation ends on SIGTERM with its current file complete under its name', async () => {
    const { config, dir } = configWith('live', { type: 'file', path: 'live.jsonl', rotation: 'daily' });
    const fast = join(dir, 'fast.json');
    writeFileSync(
      fast,
      JSON.stringify({
        ...JSON.parse(readFileSync(config, 'utf8')),
        interarrival: { type: 'constant', value: 0.05 },
        states: [{ ...steady.states[0], delay: { type: 'constant', value: 0.1 } }],
      }),
    );
    const child = spawn(process.execPath, [BIN, 'generate-events', '-c', fast, '-q'], { cwd: dir });
    // Stopped once it is writing (its temp file is there) and a few batches later.
    while (tmpFiles(dir).length === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const status = await new Promise((r) => child.on('close', r));
    expect(status).toBe(143);
    const files = readdirSync(dir).filter((f) => f.startsWith('live-'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^live-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = readFileSync(join(dir, files[0] as string), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('page');
    expect(tmpFiles(dir)).toEqual([]);
  });
});

interface Received {
  readonly at: number;
  readonly headers: IncomingMessage['headers'];
  readonly url: string;
  readonly body: string;
}

/** A real HTTP server on 127.0.0.1: `answer` picks each reply (after the body is read). */
async function receiver(answer: (n: number, res: ServerResponse, body: string) => void): Promise<{
  url: string;
  got: Received[];
  close: () => Promise<void>;
}> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      got.push({ at: Date.now(), headers: req.headers, url: req.url ?? '', body });
      answer(got.length, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const SECRET = 's3cr3t-Token-0042';

describe('generate-events targets: http', () => {
  it('POSTs batches of lines with the configured headers; retries a 503 after its Retry-After; never prints the secret', async () => {
    const server = await receiver((n, res) => {
      if (n === 2) res.writeHead(503, { 'Retry-After': '1' }).end(`busy, token ${SECRET}`);
      else res.writeHead(200).end('ok');
    });
    try {
      const { config } = configWith('http', {
        type: 'http',
        url: `${server.url}/?query=INSERT+INTO+hits+FORMAT+JSONEachRow`,
        headers: { Authorization: 'Bearer %EVT_TOKEN%', 'X-ClickHouse-Format': 'JSONEachRow' },
        batch_lines: 400,
      });
      const r = await cliAsync(['generate-events', '-c', config, ...S.slice(0, 4), '-n', '1000'], {
        env: { EVT_TOKEN: SECRET, CLUSTERMAN_RETRY_BACKOFF_MS: '1' },
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('retrying');
      expect(r.stderr).toContain('Wrote 1000 records to http://127.0.0.1:');
      expect(r.stderr + r.stdout).not.toContain(SECRET);
      expect(r.stdout).toBe('');
      // 3 batches (400, 400, 200); the second answered 503 once, then sent again.
      expect(server.got.map((g) => g.body.split('\n').length - 1)).toEqual([400, 400, 400, 200]);
      expect(server.got[2]?.body).toBe(server.got[1]?.body);
      expect((server.got[2]?.at ?? 0) - (server.got[1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
      for (const g of server.got) {
        expect(g.headers.authorization).toBe(`Bearer ${SECRET}`);
        expect(g.headers['x-clickhouse-format']).toBe('JSONEachRow');
        expect(g.url).toBe('/?query=INSERT+INTO+hits+FORMAT+JSONEachRow');
      }
      const sent = [0, 1, 3].map((i) => server.got[i]?.body).join('');
      expect(sent).toBe(await stdoutOf(['-n', '1000']));
    } finally {
      await server.close();
    }
  });

  it('bulk (Elasticsearch _bulk) and json-array bodies', async () => {
    const server = await receiver((_n, res) => res.writeHead(200).end('{}'));
    try {
      const bulk = configWith('bulk', {
        type: 'http',
        url: `${server.url}/_bulk`,
        body: 'bulk',
        bulk_action: { index: { _index: 'hits' } },
      });
      const arr = configWith('arr', {
        type: 'http',
        url: `${server.url}/arr`,
        body: 'json-array',
        batch_bytes: '8KB',
      });
      const [b, a] = await Promise.all([
        cliAsync(['generate-events', '-c', bulk.config, ...S, '-n', '30']),
        cliAsync(['generate-events', '-c', arr.config, ...S, '-n', '300']),
      ]);
      expect([b.status, a.status]).toEqual([0, 0]);
      const want = (await stdoutOf(['-n', '300'])).trim().split('\n');
      const bulkBody = server.got.find((g) => g.url === '/_bulk') as Received;
      expect(bulkBody.headers['content-type']).toBe('application/x-ndjson');
      const lines = bulkBody.body.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.filter((_, i) => i % 2 === 0).every((l) => l === '{"index":{"_index":"hits"}}')).toBe(
        true,
      );
      expect(lines.filter((_, i) => i % 2 === 1)).toEqual(want.slice(0, 30));
      const arrays = server.got.filter((g) => g.url === '/arr');
      expect(arrays.length).toBeGreaterThan(1);
      expect(arrays.flatMap((g) => JSON.parse(g.body) as unknown[])).toEqual(want.map((l) => JSON.parse(l)));
    } finally {
      await server.close();
    }
  });

  it('a receiver that keeps failing: one line naming the URL without the secret, exit 1', async () => {
    const server = await receiver((_n, res, body) => res.writeHead(500).end(`no: ${SECRET} ${body.length}`));
    try {
      const { config } = configWith('fail', {
        type: 'http',
        url: `${server.url}/in`,
        headers: { 'X-Api-Thing': '%EVT_TOKEN%' },
        retries: 2,
        timeout: '5s',
      });
      const r = await cliAsync(['generate-events', '-c', config, ...S.slice(0, 4), '-n', '50'], {
        env: { EVT_TOKEN: SECRET, CLUSTERMAN_RETRY_BACKOFF_MS: '1' },
      });
      expect(r.status).toBe(1);
      expect(server.got).toHaveLength(3);
      expect(r.stderr).not.toContain(SECRET);
      const last = r.stderr.trim().split('\n').pop() as string;
      expect(last).toMatch(
        /^Error: http:\/\/127\.0\.0\.1:\d+\/in failed after 3 tries: HTTP 500: no: \*\*\* \d+$/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('generate-events targets: bad configs', () => {
  it.each([
    [
      { type: 'file', path: 'x.jsonl', rotate: 'hourly' },
      'target.rotate: unknown key (known: type, path, rotation)',
    ],
    [
      { type: 'file', path: 'x.jsonl', rotation: 'weekly' },
      "target.rotation: must be hourly, daily or a size such as 100MB (got 'weekly')",
    ],
    [{ type: 'file', path: 'x.jsonl', rotation: 0 }, 'target.rotation: a size must be at least 1 byte'],
    [{ type: 'http', url: 'ftp://h/x' }, 'target.url: must be an http:// or https:// URL'],
    [
      { type: 'http', url: 'http://h/x', body: 'bulks' },
      "target.body: unknown http body 'bulks' (did you mean 'bulk'?) (known: lines, json-array, bulk)",
    ],
    [{ type: 'http', url: 'http://h/x', batch_lines: 0 }, 'target.batch_lines: must be at least 1 (got 0)'],
    [
      { type: 'http', url: 'http://h/x', timeout: 'soon' },
      "target.timeout: must be a duration such as 30s or 2m (got 'soon')",
    ],
    [
      { type: 'htp', url: 'http://h/x' },
      "target.type: unknown target type 'htp' (did you mean 'http'?) (known: stdout, file, http, kafka, confluent)",
    ],
  ])('%j: one line naming the file and key, exit 2, nothing written', async (target, message) => {
    const { config, dir } = configWith(`bad-${Math.random().toString(36).slice(2)}`, target);
    const r = await cliAsync(['generate-events', '-c', config, ...S, '-n', '10'], { cwd: dir });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`Error: ${config}: ${message}\n`);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a bad --target file is named with its key', async () => {
    const bad = tmp.file('bad-target.yaml');
    writeFileSync(bad, 'type: http\nurl: http://h/x\nheaders:\n  X-Key: [1, 2]\n');
    const r = await cliAsync(['generate-events', '-c', plain, ...S, '-n', '10', '--target', bad]);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`Error: ${bad}: headers.X-Key: must be text (got a list)\n`);
    expect(existsSync(tmp.file('x.jsonl'))).toBe(false);
  });
});

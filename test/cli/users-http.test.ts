/** `sink_types: [http]`: benshi's endpoints, the key as a Bearer token from CLUSTERMAN_API_KEY, retries, never printed. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { cliAsync } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('posts log batches to /data/ingest/log and catalogs per type, with the Bearer key, retrying a 503', async () => {
  const got: { path: string; auth: string | undefined; data: Record<string, unknown>[] }[] = [];
  let failed = false;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (!failed) {
        failed = true;
        res.writeHead(503).end();
        return;
      }
      got.push({
        path: req.url ?? '',
        auth: req.headers.authorization,
        data: (JSON.parse(body) as { data: Record<string, unknown>[] }).data,
      });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const config = tmp.file('users.yaml');
  writeFileSync(
    config,
    `global:
  sink_types: ["http"]
  api_url: "http://127.0.0.1:${port}"
  start_ts: "2020-01-01 00:00:00"
  end_ts: "2020-01-01 12:00:00"
catalogs: {default: {target_count: 3}}
users:
  population: {initial_count: 3, target_min_count: 3, target_max_count: 3}
  profiles: {default: {session_max_count: 3, event_probabilities: {page: 1, video: 1}}}
`,
  );
  try {
    const res = await cliAsync(['users', 'run', config, '--seed', '4', '--output-dir', tmp.path], {
      env: { CLUSTERMAN_API_KEY: 'k3y-never-shown', CLUSTERMAN_RETRY_BACKOFF_MS: '10' },
    });
    expect(res.status).toBe(0);
    expect(res.stdout + res.stderr).not.toContain('k3y-never-shown');
    const logs = got.filter((g) => g.path === '/data/ingest/log').flatMap((g) => g.data);
    expect(logs.length).toBeGreaterThan(10);
    expect(new Set(logs.map((l) => l.event_id)).size).toBe(logs.length);
    expect(logs.every((l) => typeof l.props === 'object')).toBe(true);
    expect(got.some((g) => g.path === '/data/ingest/catalog/media')).toBe(true);
    expect(got.some((g) => g.path === '/data/ingest/catalog/user')).toBe(true);
    expect(got.every((g) => g.auth === 'Bearer k3y-never-shown')).toBe(true);
  } finally {
    server.close();
  }
});

/**
 * Every example in the README runs: each `sh` command against the built CLI (`clusterman` on PATH) in a fresh
 * folder holding the repository's designs/ and examples/, each `yaml` block through the loader it is meant
 * for. Blocks that need a token or a server say so with a marker (test/support/readme.ts).
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesign } from '../../src/design';
import { loadAutoscalerConfig } from '../../src/simulator/autoscaler/config';
import { loadUsersConfig } from '../../src/users/config';
import { Cursor } from '../../src/events/config/cursor';
import { parseTargetSpec } from '../../src/events/config/target';
import { load } from 'js-yaml';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIN, ROOT } from '../support/paths';
import { startPrometheus } from '../support/prometheus-server';
import { type ReadmeBlock, readmeBlocks, shCommands } from '../support/readme';
import { tempDir } from '../support/tmp';
import { describeWithVictoria, startVictoria, type Victoria } from '../support/victoria';

const blocks = readmeBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** `clusterman` on PATH is the built CLI, as after `npm install -g .`. */
const shimDir = tmp.file('bin');
mkdirSync(shimDir);
writeFileSync(join(shimDir, 'clusterman'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(shimDir, 'clusterman'), 0o755);

/** A fresh folder per block, with the repository's designs/ and examples/ in it. */
function workspace(block: ReadmeBlock): string {
  const dir = tmp.file(`line-${block.line}`);
  for (const sub of ['designs', 'examples']) cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
  return dir;
}

/** Runs each command of the block in turn (without blocking: the Prometheus stand-in lives in this process). */
async function runBlock(block: ReadmeBlock, rewrite: (cmd: string) => string = (c) => c): Promise<void> {
  if (block.check.kind !== 'run') throw new Error('not a sh block to run');
  const expected = block.check.exit;
  const prometheus = block.check.prometheus ? await startPrometheus({ anyQuery: PER_AZ }) : undefined;
  const receiver = block.check.receiver ? await startReceiver() : undefined;
  const cwd = workspace(block);
  try {
    for (const command of shCommands(block.body).map(rewrite)) {
      let cmd = prometheus ? command.replaceAll('http://localhost:9090', prometheus.url) : command;
      if (receiver) cmd = cmd.replace(/http:\/\/localhost:\d+/g, receiver.url);
      const res = await shell(cmd, cwd);
      const what = `README.md line ${block.line}: ${cmd}\nstdout: ${res.stdout}\nstderr: ${res.stderr}`;
      expect({ what, status: res.status }).toEqual({ what, status: expected });
    }
    if (receiver) expect(receiver.posts()).toBeGreaterThan(0);
  } finally {
    await prometheus?.close();
    await receiver?.close();
  }
}

/** An HTTP receiver that takes every POST (the README's ClickHouse, Splunk and Elasticsearch stand in). */
async function startReceiver(): Promise<{ url: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') posts++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts: () => posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** What a Prometheus stand-in answers to any query: one series per AZ, changing every minute. */
const PER_AZ = ['us-west-2a', 'us-west-2b'].map((AZ, i) => ({
  labels: { AZ },
  value: (t: number) => 10 * (i + 1) + ((t / 60) % 7),
}));

function shell(
  command: string,
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: { ...process.env, PATH: `${shimDir}:${process.env.PATH ?? ''}`, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const title = (b: ReadmeBlock): string => {
  const first = b.lang === 'sh' ? shCommands(b.body)[0] : b.body.split('\n')[0];
  return `line ${b.line} (${b.lang}): ${first?.slice(0, 70)}`;
};

describe('README examples', () => {
  it('has yaml and sh examples, and every skipped one says why', () => {
    expect(blocks.filter((b) => b.lang === 'yaml' && b.check.kind === 'design').length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.check.kind === 'run').length).toBeGreaterThan(0);
    for (const b of blocks) if (b.check.kind === 'skip') expect(b.check.why.length).toBeGreaterThan(5);
  });

  for (const block of blocks) {
    const { check } = block;
    if (check.kind === 'skip') {
      it.skip(`${title(block)} [skipped: ${check.why}]`, () => undefined);
    } else if (check.kind === 'users-config') {
      it(`${title(block)} loads as a users config`, () => {
        const file = tmp.file(`line-${block.line}.yaml`);
        writeFileSync(file, `${block.body}\n`);
        expect(loadUsersConfig(file, { nowMs: Date.now() }).profiles.length).toBeGreaterThan(0);
      });
    } else if (check.kind === 'event-target') {
      it(`${title(block)} loads as a generate-events target`, () => {
        const spec = parseTargetSpec(new Cursor('README.md', `line ${block.line}`, load(block.body)));
        expect(spec.type).toBeDefined();
      });
    } else if (check.kind === 'design' || check.kind === 'autoscaler-config') {
      it(`${title(block)} loads as ${check.kind === 'design' ? 'a design' : 'an autoscaler config'}`, async () => {
        const file = tmp.file(`line-${block.line}.yaml`);
        writeFileSync(file, `${block.body}\n`);
        if (check.kind === 'autoscaler-config') expect(loadAutoscalerConfig(file)).toBeDefined();
        else {
          const design = await loadDesign(file, {
            time: { nowMs: Date.now(), zone: 'UTC' },
            metricType: 'system_metrics',
          });
          expect(design.specs.length).toBeGreaterThan(0);
        }
      });
    } else if (!check.victoria) {
      it(`${title(block)} exits ${check.exit}`, () => runBlock(block), 300_000);
    }
  }
});

describeWithVictoria('README examples that use VictoriaMetrics', () => {
  let vm: Victoria;
  beforeAll(async () => {
    vm = await startVictoria();
  });
  afterAll(() => vm.stop());

  for (const block of blocks) {
    const { check } = block;
    if (check.kind !== 'run' || !check.victoria) continue;
    it(
      `${title(block)} exits ${check.exit}`,
      () => runBlock(block, (cmd) => cmd.replaceAll('http://localhost:8428', vm.url)),
      300_000,
    );
  }
});

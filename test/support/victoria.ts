/**
 * A real VictoriaMetrics (Debian's `victoria-metrics`) for tests: a free loopback port, a temp data folder,
 * 100 years of retention (the fixtures are from 2017), stopped and removed afterwards. Without the binary the
 * tests fail under CI=true and are skipped, with a visible message, elsewhere.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const BINARY = 'victoria-metrics';

export const victoriaInstalled =
  spawnSync('sh', ['-c', `command -v ${BINARY}`], { encoding: 'utf8' }).status === 0;

export interface Victoria {
  readonly url: string;
  stop(): Promise<void>;
}

/** `describe` when VictoriaMetrics is installed; otherwise a failing test under CI, a visible skip elsewhere. */
export function describeWithVictoria(name: string, body: () => void): void {
  if (victoriaInstalled) return describe(name, body);
  const why = `${BINARY} is not installed (npm run test:deps, or apt-get install victoria-metrics)`;
  if (process.env.CI === 'true') {
    describe(name, () => it('needs VictoriaMetrics', () => fail(why)));
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${why}\n`);
  describe.skip(name, body);
}

function fail(why: string): never {
  throw new Error(why);
}

export async function startVictoria(): Promise<Victoria> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterman-vm-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    BINARY,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${dataDir}`,
      '-retentionPeriod=100y',
      // Results of old data must not be served from a cache filled before a write.
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`VictoriaMetrics did not start on ${url}: ${log.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

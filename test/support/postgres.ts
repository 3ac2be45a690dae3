/**
 * A real PostgreSQL (Debian's `postgresql`) for tests: initdb in a temp folder, a free loopback port, unix
 * sockets in that folder, password authentication over TCP (so tests can check the password never shows),
 * fsync off (tests kill our processes, not the machine), stopped and removed afterwards. PostgreSQL refuses
 * to run as root: as root (CI), it runs as `nobody` with the folder handed to it. One server per test file.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

export const POSTGRES_USER = 'clusterman';
export const POSTGRES_PASSWORD = 'pw-6f1c2d-never-printed';

/** Debian keeps the server binaries off PATH, in /usr/lib/postgresql/<major>/bin: the newest there, else PATH. */
function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const dir = join(root, major, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return found.status === 0 ? join(found.stdout.trim(), '..') : undefined;
}

const BIN_DIR = findBinDir();
export const postgresInstalled = BIN_DIR !== undefined;

/** `describe` when PostgreSQL is installed; otherwise a failing test under CI, a visible skip elsewhere. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresInstalled) return describe(name, body);
  const why = 'PostgreSQL is not installed (npm run test:deps, or apt-get install postgresql)';
  if (process.env.CI === 'true') {
    describe(name, () =>
      it('needs PostgreSQL', () => {
        throw new Error(why);
      }),
    );
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${why}\n`);
  describe.skip(name, body);
}

export interface Postgres {
  readonly port: number;
  /** `postgresql://clusterman:<password>@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** A new empty database, for a test that needs a fresh schema; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Drops every table of the database `postgres` (faster than a new database); returns its URL. */
  emptyDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * As root, the command runs as `nobody`: initdb and postgres refuse root. setpriv execs the command itself
 * (no process in between), so signals reach postgres directly.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  const { uid, gid } = nobody();
  return ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', command, ...args]];
}

function nobody(): { uid: number; gid: number } {
  const id = (flag: string): number =>
    Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function ownByServerUser(path: string): void {
  if (process.getuid?.() !== 0) return;
  const id = (flag: string): number =>
    Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  chownSync(path, id('-u'), id('-g'));
}

export async function startPostgres(): Promise<Postgres> {
  if (BIN_DIR === undefined) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'clusterman-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${POSTGRES_PASSWORD}\n`);
  ownByServerUser(dir);
  ownByServerUser(pwfile);
  const [initCmd, initArgs] = asServerUser(join(BIN_DIR, 'initdb'), [
    '-D',
    data,
    '-U',
    POSTGRES_USER,
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(init.stderr || init.stdout).slice(-800)}`);
  }
  const port = await freePort();
  const [cmd, args] = asServerUser(join(BIN_DIR, 'postgres'), [
    '-D',
    data,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'synchronous_commit=off',
  ]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (database = 'postgres'): string =>
    `postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@127.0.0.1:${port}/${database}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT: PostgreSQL's fast shutdown.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new Client({ connectionString: url() });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`PostgreSQL did not start on port ${port}: ${log.slice(-800)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    async createDatabase(name: string) {
      const client = new Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async emptyDatabase() {
      const client = new Client({ connectionString: url() });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
        );
        for (const { name } of rows) await client.query(`DROP TABLE "${name}" CASCADE`);
      } finally {
        await client.end();
      }
      return url();
    },
    stop,
  };
}

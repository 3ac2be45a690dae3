/** `users run | status | reset`: flags -> src/users -> summary lines or --json. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseTime } from '../time';
import { UsageError } from './errors';
import { progressBar } from './progress';
import { terminalConfirm } from './prompt';
import { stopGracefullyOnSignal } from './signals';
import { stdoutSink } from '../records/sinks/stdout';
import { retryOptions } from './retries';

const apiKey = (configured: string | null): string | undefined =>
  process.env.CLUSTERMAN_API_KEY || configured || undefined;

export interface UsersFlags {
  readonly seed?: string | undefined;
  readonly db?: string | undefined;
  readonly 'output-dir'?: string | undefined;
  readonly until?: string | undefined;
  readonly online?: boolean;
  readonly rotate?: string | undefined;
  readonly json: boolean;
  readonly quiet?: boolean;
  readonly yes?: boolean;
}

const say = (text: string) => process.stdout.write(text);
const note = (text: string) => process.stderr.write(text);

async function setup(configFile: string, flags: UsersFlags) {
  const { loadConfig } = await import('../users/run');
  const { openStore } = await import('../store');
  const nowMs = Date.now();
  const config = loadConfig(configFile, nowMs);
  const outputDir = resolve(flags['output-dir'] ?? '.');
  const url = flags.db ?? config.global.db_uri ?? undefined;
  if (url !== undefined && /^sqlite:/i.test(url))
    throw new UsageError(
      `${flags.db ? '--db' : `${configFile}: global.db_uri`}: sqlite is not supported; use duckdb:///path/to/state.duckdb or postgresql://user:password@host:port/database`,
    );
  const key = {
    organisation: config.global.organisation,
    project: config.global.project,
    simulation: 'users',
  };
  const defaultPath = join(outputDir, 'users-state.duckdb');
  return { config, outputDir, nowMs, key, open: () => openStore(url, { defaultPath }) };
}

/** Files a run wrote: each planned file and its rotated siblings (`logs-2020-01-02.csv`). */
function writtenFiles(planned: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of planned) {
    const dir = dirname(file);
    if (!existsSync(dir)) continue;
    const ext = extname(file);
    const stem = basename(file, ext);
    const rotated = new RegExp(
      `^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}${ext.replace('.', '\\.')}$`,
    );
    for (const name of readdirSync(dir))
      if (name === basename(file) || rotated.test(name)) out.push(join(dir, name));
  }
  return out;
}

export async function runUsersRun(configFile: string, flags: UsersFlags): Promise<void> {
  const { runUsers } = await import('../users/run');
  const { plannedFiles } = await import('../users/outputs');
  const { config, outputDir, nowMs, key, open } = await setup(configFile, flags);
  let seed: bigint | undefined;
  if (flags.seed !== undefined) {
    if (!/^\d+$/.test(flags.seed))
      throw new UsageError(`--seed: '${flags.seed}' is not a non-negative integer`);
    seed = BigInt(flags.seed);
  }
  const end =
    flags.until !== undefined ? parseTime(flags.until, { nowMs, zone: 'UTC' }) : config.global.end_ts;
  if (end !== null && end <= config.global.start_ts)
    throw new UsageError(
      `--until: must be after start_ts (${new Date(config.global.start_ts * 1000).toISOString()})`,
    );
  if (flags.rotate !== undefined && flags.rotate !== 'daily')
    throw new UsageError(`--rotate: '${flags.rotate}' is not one of daily`);
  const planned = plannedFiles(config, outputDir);
  // The http sink brings axios (~50 ms of start-up): loaded only for a config that posts records.
  const http = config.global.sink_types.includes('http')
    ? (await import('../records/sinks/http')).httpSink
    : undefined;
  const store = await open();
  let stop = false;
  const text = !flags.json && !flags.quiet;
  const progress = progressBar(text, process.stderr, 'simulated hours');
  const forget = stopGracefullyOnSignal(() => {
    stop = true;
  });
  try {
    // Whether a simulation is saved, from its checkpoint's head: loading it here would decode the whole state
    // (over 100 MB at 100,000 users) once more before the run loads it.
    if ((await store.loadHead(key)) === undefined) {
      const existing = writtenFiles(planned);
      if (existing.length > 0)
        throw new UsageError(
          `${existing[0]} exists but no saved simulation of ${key.organisation}/${key.project} writes it: run 'clusterman users reset' or remove it`,
        );
    }
    const summary = await runUsers(
      {
        configFile,
        seed,
        outputDir,
        end,
        online: flags.online ?? false,
        rotation: flags.rotate === 'daily' ? { kind: 'daily' } : { kind: 'none' },
        onlineStepSeconds: Number(process.env.CLUSTERMAN_USERS_STEP_SECONDS ?? 2),
        checkpointSeconds: Number(process.env.CLUSTERMAN_USERS_CHECKPOINT_SECONDS ?? 30),
      },
      {
        store,
        key,
        config,
        stdout: () => stdoutSink(),
        ...(http && {
          http: (path: string) =>
            http({
              url: `${config.global.api_url.replace(/\/+$/, '')}${path}`,
              body: { kind: 'json-array', field: 'data' },
              headers: { 'Content-Type': 'application/json' },
              // The key: CLUSTERMAN_API_KEY, else the config's api_key; never printed.
              ...(apiKey(config.global.api_key) === undefined
                ? {}
                : { bearerToken: apiKey(config.global.api_key) as string }),
              retry: retryOptions(flags.quiet ?? false, note),
            }),
        }),
        onSeed: (s, resumed) => {
          if (!flags.quiet) note(`Random seed: ${s}${resumed ? ' (from the saved simulation)' : ''}\n`);
        },
        onProgress: (t, start, endUs) => {
          if (endUs !== null)
            progress.update(Math.round((t - start) / 3.6e9), Math.round((endUs - start) / 3.6e9));
          else
            progress.update(Math.round((t - start) / 3.6e9), Math.round((Date.now() * 1000 - start) / 3.6e9));
        },
        stopRequested: () => stop,
      },
    );
    progress.stop();
    if (flags.json) say(`${JSON.stringify(summary, null, 2)}\n`);
    else if (text) note(summaryText(summary));
  } finally {
    progress.stop();
    forget();
    await store.close();
  }
}

function summaryText(s: Awaited<ReturnType<typeof import('../users/run').runUsers>>): string {
  const lines = [
    `Simulated to ${s.simulatedTime}${s.stoppedBy === 'signal' ? ' (stopped by a signal; state saved)' : ''}`,
  ];
  for (const [name, c] of Object.entries(s.users))
    lines.push(`  profile ${name}: ${c.active} active, ${c.churned} churned`);
  const total = Object.values(s.events).reduce((a, b) => a + b, 0);
  lines.push(`Events: ${total} log events, ${s.catalogRows} catalog rows`);
  for (const [type, n] of Object.entries(s.events).sort((a, b) => b[1] - a[1])) lines.push(`  ${type}: ${n}`);
  lines.push(`Pending: ${s.pending.deliveries} deliveries, ${s.pending.cancellations} cancellations`);
  if (s.files.length > 0) lines.push(`Files: ${s.files.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function runUsersStatus(configFile: string, flags: UsersFlags): Promise<void> {
  const { key, open } = await setup(configFile, flags);
  const store = await open();
  try {
    // The checkpoint's head: everything shown is there, and the state is not read or inflated.
    const saved = await store.loadHead(key);
    if (!saved) {
      if (flags.json)
        say(`${JSON.stringify({ saved: false, organisation: key.organisation, project: key.project })}\n`);
      else say(`No saved simulation of ${key.organisation}/${key.project} in ${store.url}\n`);
      return;
    }
    const meta = saved.meta as Record<string, unknown>;
    const status = {
      saved: true,
      organisation: key.organisation,
      project: key.project,
      simulatedTime: new Date(saved.simulatedTime).toISOString(),
      savedAt: new Date(saved.savedAt).toISOString(),
      ...meta,
      outputs: saved.outputs,
    };
    if (flags.json) {
      say(`${JSON.stringify(status, null, 2)}\n`);
      return;
    }
    const users = (meta.users ?? {}) as Record<string, { active: number; churned: number }>;
    const events = (meta.events ?? {}) as Record<string, number>;
    const pending = (meta.pending ?? { deliveries: 0, cancellations: 0 }) as {
      deliveries: number;
      cancellations: number;
    };
    const lines = [
      `${key.organisation}/${key.project}: simulated to ${status.simulatedTime} (saved ${status.savedAt}), seed ${String(meta.seed)}`,
    ];
    for (const [name, c] of Object.entries(users))
      lines.push(`  profile ${name}: ${c.active} active, ${c.churned} churned`);
    lines.push(`Pending: ${pending.deliveries} deliveries, ${pending.cancellations} cancellations`);
    lines.push(
      `Events: ${Object.values(events).reduce((a, b) => a + b, 0)} log events, ${String(meta.catalogRows ?? 0)} catalog rows`,
    );
    for (const [name, pos] of Object.entries(saved.outputs))
      lines.push(`  output ${name}: ${JSON.stringify(pos)}`);
    say(`${lines.join('\n')}\n`);
  } finally {
    await store.close();
  }
}

export async function runUsersReset(configFile: string, flags: UsersFlags): Promise<void> {
  const { plannedFiles } = await import('../users/outputs');
  const { config, outputDir, key, open } = await setup(configFile, flags);
  const files = writtenFiles(plannedFiles(config, outputDir));
  const store = await open();
  try {
    const saved = await store.load(key);
    if (files.length > 0 && !flags.yes) {
      const confirm = process.stdin.isTTY
        ? terminalConfirm({ input: process.stdin, output: process.stderr })
        : undefined;
      const question = `Delete the saved simulation of ${key.organisation}/${key.project} and ${files.length} output file(s): ${files.join(', ')}? [y/N]`;
      if (!confirm || !(await confirm(question))) {
        const { UsersRefused } = await import('../users/errors');
        throw new UsersRefused(
          `not deleting ${files.length} output file(s) of ${key.organisation}/${key.project} without confirmation (use --yes)`,
        );
      }
    }
    const deleted = await store.delete(key);
    for (const file of files) rmSync(file, { force: true });
    const result = {
      organisation: key.organisation,
      project: key.project,
      state_deleted: deleted || saved !== undefined,
      files_deleted: files,
    };
    if (flags.json) say(`${JSON.stringify(result, null, 2)}\n`);
    else if (!flags.quiet)
      say(
        `Reset ${key.organisation}/${key.project}: ${deleted ? 'saved state deleted' : 'no saved state'}, ${files.length} file(s) deleted\n`,
      );
  } finally {
    await store.close();
  }
}

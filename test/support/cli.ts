import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT } from './paths';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/** A hung CLI fails its test instead of stalling the run. */
const TIMEOUT_MS = 30_000;

const spawnOptions = (options: CliOptions) => ({
  cwd: options.cwd ?? ROOT,
  env: { ...process.env, FORCE_COLOR: '0', ...options.env },
});

/** Runs the built CLI the way a user does, as a child process without a terminal. */
export function cli(args: readonly string[], options: CliOptions = {}): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    ...spawnOptions(options),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Like cli(), without blocking this process: for tests whose stand-in servers run in it. */
export function cliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], spawnOptions(options));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

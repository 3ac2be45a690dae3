import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from './paths';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI the way a user does, as a child process without a terminal. */
export function cli(
  args: readonly string[],
  options: { input?: string; cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    timeout: 30_000, // a hung CLI fails the test instead of stalling the run
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

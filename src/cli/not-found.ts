/** oclif's command_not_found hook: a mistyped command gets one line and the nearest command's name. */
// Types only: main.ts re-exports this module, and oclif itself must load only after the compression threads.
import type { Errors, Hook } from '@oclif/core';
import { nearest } from '../util/nearest';

/** Flags that need no command. */
const ROOT_FLAGS = ['--help', '--version'];

export const commandNotFound: Hook.CommandNotFound = async function (opts) {
  const visible = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases]);
  const given = opts.id.replaceAll(':', ' ');
  const flag = given.startsWith('-');
  const candidates = flag ? ROOT_FLAGS : visible;
  const hit = candidates.find((id) => id.startsWith(given)) ?? nearest(given, candidates);
  const suggestion = hit === undefined ? '' : ` (did you mean ${hit}?)`;
  const message = flag ? `unknown flag ${given}${suggestion}` : `unknown command '${given}'${suggestion}`;
  if (opts.argv?.includes('--json'))
    process.stdout.write(`${JSON.stringify({ error: { message, exit: 2, kind: 'input' } })}\n`);
  process.stderr.write(`Error: ${message}\nSee ${opts.config.bin} --help\n`);
  process.exitCode = 2;
};

/**
 * Errors oclif raises outside any command (`clusterman help nothing`): the same one line and hint as a
 * command's own bad input. Anything else goes to oclif's handler.
 */
export function isTopLevelUsageError(err: unknown): err is Errors.CLIError {
  const oclif = (err as { oclif?: unknown } | null)?.oclif;
  return err instanceof Error && typeof oclif === 'object' && (err as { code?: string }).code !== 'EEXIT';
}

export function topLevelErrorLines(err: Errors.CLIError, bin: string): string {
  const line = err.message
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '')
    .trim();
  return `Error: ${line.charAt(0).toLowerCase()}${line.slice(1)}\nSee ${bin} --help\n`;
}

/** oclif's command_not_found hook: a mistyped command gets one line and the nearest command's name. */
import type { Hook } from '@oclif/core';
import { nearest } from '../util/nearest';

export const commandNotFound: Hook.CommandNotFound = async function (opts) {
  const visible = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases]);
  const given = opts.id.replaceAll(':', ' ');
  const hit = visible.find((id) => id.startsWith(given)) ?? nearest(given, visible);
  const suggestion = hit === undefined ? '' : ` (did you mean ${hit}?)`;
  const message = `unknown command '${given}'${suggestion}`;
  if (opts.argv?.includes('--json'))
    process.stdout.write(`${JSON.stringify({ error: { message, exit: 2, kind: 'input' } })}\n`);
  process.stderr.write(`Error: ${message}\nSee ${opts.config.bin} --help\n`);
  process.exitCode = 2;
};

/** oclif's flag-parsing errors (several lines, a help hint, colour codes) as one line in our own words. */
import { Errors } from '@oclif/core';
import { nearest } from '../util/nearest';

/** True for errors oclif's parser throws: unknown or missing flags, bad option values, stray arguments. */
export function isParseError(err: unknown): err is Errors.CLIError {
  return err instanceof Errors.CLIError && !(err instanceof Errors.ExitError);
}

// oclif colours parts of its messages; FORCE_COLOR or a terminal keeps the codes in err.message.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** `unknown flag --sed (did you mean --seed?)`, `missing required flag --input`, ... */
export function parseErrorLine(err: Errors.CLIError, flagNames: readonly string[]): string {
  // NonExistentFlagsError, which @oclif/core does not export: it lists the flags it did not know.
  const unknown = (err as { flags?: unknown }).flags;
  if (Array.isArray(unknown) && unknown.every((f) => typeof f === 'string'))
    return unknown.map((f: string) => unknownFlag(f, flagNames)).join('; ');
  const text = err.message
    .replace(ANSI, '')
    .replace(/\n?See more help with --help\s*$/, '')
    .replace(/^The following errors? occurred:\s*/, '');
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ')
    .replace(/Missing required flag (\S+)/g, 'missing required flag --$1')
    .replace(/^Parsing (--\S+)\s*;\s*(.)/, (_, flag: string, c: string) => `${flag}: ${c.toLowerCase()}`)
    .replace(/^Expected (--[^=]+)=(.*) to be one of: (.*)$/, (_, flag: string, value: string, list: string) =>
      notAnOption(flag, value, list.split(', ')),
    )
    .replace(/^Unexpected arguments?: /, 'unexpected argument: ')
    .replace(/^Flag (--\S+) expects a value$/, '$1 needs a value');
  return line.charAt(0).toLowerCase() + line.slice(1);
}

function unknownFlag(given: string, flagNames: readonly string[]): string {
  const name = given.replace(/^-+/, '').replace(/=.*$/, '');
  const hit = nearest(name, flagNames);
  return `unknown flag ${given}${hit === undefined ? '' : ` (did you mean --${hit}?)`}`;
}

function notAnOption(flag: string, value: string, options: readonly string[]): string {
  const hit = nearest(value, options);
  return `${flag}: '${value}' is not one of ${options.join(', ')}${hit === undefined ? '' : ` (did you mean ${hit}?)`}`;
}

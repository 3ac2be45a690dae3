/**
 * generate-events without oclif, the entry of its own small bundle dist/events.js (bin/run.js): loading oclif
 * and the whole CLI costs more than a short run itself. Only argument lists this parser reads exactly as
 * oclif would are run here; for anything else (a parse error, --help, --debug, a form it does not know)
 * `runEvents` returns false and the caller runs the command through oclif, whose messages stay the only ones.
 */
import { describeError, exitCodeOf } from './errors';
import { runGenerateEvents, type GenerateEventsFlags } from './generate-events';
import { installSignalHandlers } from './signals';

interface FlagSpec {
  readonly name: string;
  readonly char?: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly default?: string | number | boolean;
}

/** commands/generate-events.ts' flags (a test checks that the two agree), without their help texts. */
export const EVENT_FLAGS: readonly FlagSpec[] = [
  { name: 'config', char: 'c', type: 'string' },
  { name: 'start', char: 's', type: 'string' },
  { name: 'records', char: 'n', type: 'integer' },
  { name: 'duration', char: 'r', type: 'string' },
  { name: 'max-workers', char: 'm', type: 'integer', min: 1, max: 100_000, default: 100 },
  { name: 'seed', type: 'string' },
  { name: 'pattern', char: 'f', type: 'string' },
  { name: 'template', char: 't', type: 'string' },
  { name: 'target', type: 'string' },
  { name: 'output', char: 'o', type: 'string' },
  { name: 'format', type: 'string', options: ['json', 'csv', 'parquet'], default: 'json' },
  { name: 'shard', type: 'string' },
  { name: 'schedule', type: 'string' },
  { name: 'metrics', type: 'string' },
  { name: 'validate', type: 'boolean', default: false },
  { name: 'quiet', char: 'q', type: 'boolean', default: false },
];

/** The flag an argument names as oclif finds it (`--name`, or `-c` by its second character), if any. */
function flagOf(arg: string): FlagSpec | undefined {
  if (arg.startsWith('--')) return EVENT_FLAGS.find((f) => f.name === arg.slice(2));
  if (arg.startsWith('-')) return EVENT_FLAGS.find((f) => f.char !== undefined && f.char === arg[1]);
  return undefined;
}

function parseValue(flag: FlagSpec, input: string): string | number | undefined {
  if (flag.options && !flag.options.includes(input)) return undefined;
  if (flag.type !== 'integer') return input;
  if (!/^-?\d+$/.test(input)) return undefined;
  const n = Number.parseInt(input, 10);
  if ((flag.min !== undefined && n < flag.min) || (flag.max !== undefined && n > flag.max)) return undefined;
  return n;
}

/**
 * generate-events' flags from its arguments (after the command's name), or undefined for anything oclif
 * would refuse or read in a way this parser does not copy: unknown or repeated flags, stray arguments, `--`,
 * a missing or invalid value, a value that is itself a flag, short flags run together.
 */
export function parseEventFlags(args: readonly string[]): GenerateEventsFlags | undefined {
  const flags: Record<string, string | number | boolean> = {};
  const given = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    let arg = args[i] as string;
    let inline: string | undefined;
    if (!arg.startsWith('-') || arg === '-' || arg === '--') return undefined;
    const long = arg.startsWith('--');
    if (long && flagOf(arg) === undefined && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    const flag = flagOf(arg);
    if (flag === undefined || given.has(flag.name)) return undefined;
    given.add(flag.name);
    if (flag.type === 'boolean') {
      if (inline !== undefined || (!long && arg.length > 2)) return undefined;
      flags[flag.name] = true;
      continue;
    }
    if (!long && arg.length > 2) inline = arg.slice(arg[2] === '=' ? 3 : 2);
    const input = inline ?? args[++i];
    if (input === undefined || flagOf(input) !== undefined) return undefined;
    const value = parseValue(flag, input);
    if (value === undefined) return undefined;
    flags[flag.name] = value;
  }
  if (flags.config === undefined) return undefined;
  for (const f of EVENT_FLAGS) if (!given.has(f.name) && f.default !== undefined) flags[f.name] = f.default;
  return flags as unknown as GenerateEventsFlags;
}

/**
 * Runs `generate-events ARGS` as its oclif command does (the same errors, lines and exit codes), or returns
 * false at once, having done nothing, when the arguments are for oclif to read.
 */
export function runEvents(args: readonly string[]): false | Promise<void> {
  const flags = parseEventFlags(args);
  if (flags === undefined) return false;
  installSignalHandlers();
  return runGenerateEvents(flags).then(
    () => undefined,
    (err: unknown) => {
      // BaseCommand.catch's path for errors that are not oclif's own.
      process.stderr.write(`${describeError(err, false).replace(/ +--help$/, ' --help')}\n`);
      process.exitCode = exitCodeOf(err);
    },
  );
}

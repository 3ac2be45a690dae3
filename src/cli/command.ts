/**
 * What every clusterman command shares: --debug, one-line errors with exit codes (and `{"error": ...}` on
 * stdout with --json), temp-file cleanup on signals.
 */
import { Command, Errors, Flags } from '@oclif/core';
import { describeError, errorJson, errorMessage, exitCodeOf, UsageError } from './errors';
import { isParseError, parseErrorLine } from './parse-error';
import { installSignalHandlers } from './signals';

export abstract class BaseCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({
      description: 'Show stack traces for errors.',
      default: false,
      helpGroup: 'GLOBAL',
    }),
  };

  override async init(): Promise<void> {
    await super.init();
    installSignalHandlers();
  }

  protected override async catch(err: Error & { oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof Errors.ExitError) return super.catch(err);
    const debug = this.argv.includes('--debug');
    const parse = isParseError(err);
    // The arguments were parsed, unsuccessfully: oclif need not warn that parse() was never called.
    if (parse) this.parsed = true;
    // oclif's parse errors are bad input like ours: one line, exit 2, and where to read more.
    const message = parse ? parseErrorLine(err, this.flagNames()) : errorMessage(err);
    const failure = parse ? new UsageError(message) : err;
    if (this.argv.includes('--json'))
      process.stdout.write(`${JSON.stringify(errorJson(failure, message))}\n`);
    const line = parse
      ? `Error: ${message}\nSee ${this.config.bin} ${this.id ?? ''} --help`
      : describeError(err, debug);
    process.stderr.write(`${line.replace(/ +--help$/, ' --help')}\n`);
    process.exitCode = exitCodeOf(failure);
    return undefined;
  }

  /** Every long flag name and alias this command takes, for did-you-mean. */
  private flagNames(): string[] {
    const flags = { ...this.ctor.baseFlags, ...this.ctor.flags };
    return Object.entries(flags).flatMap(([name, flag]) => [name, ...(flag?.aliases ?? [])]);
  }
}

/** What every clusterman command shares: --debug, one-line errors with exit codes, temp-file cleanup on signals. */
import { Command, Flags } from '@oclif/core';
import { describeError, exitCodeOf } from './errors';
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
    // oclif's own errors (unknown flags, missing required flags) already read well and carry exit code 2.
    if (err.oclif?.exit !== undefined) return super.catch(err);
    const debug = process.argv.includes('--debug');
    process.stderr.write(`${describeError(err, debug)}\n`);
    process.exitCode = exitCodeOf(err);
    return undefined;
  }
}

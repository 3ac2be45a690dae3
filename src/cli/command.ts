/** What every clusterman command shares: --debug, one-line errors with exit codes, temp-file cleanup on signals. */
import { Command, Flags } from '@oclif/core';
import { removePendingTempFiles } from '../metrics/atomic';
import { describeError, exitCodeOf } from './errors';

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
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        removePendingTempFiles();
        process.exit(code);
      });
    }
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

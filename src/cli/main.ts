/**
 * The CLI's entry point, bundled with oclif and the commands into dist/main.js (esbuild): one file loads in
 * about 45 ms less than the ~250 modules it replaces. Commands and oclif are required only when needed, so
 * that compression threads can be started before them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy requires are the point of this file */
import type { Command } from '@oclif/core';
import { warmCompressionPool } from '../metrics/encode/pool';
import { isTopLevelUsageError, topLevelErrorLines } from './not-found';

/** oclif's "explicit" command strategy reads this (package.json oclif.commands); getters load on demand. */
export const COMMANDS: Record<string, Command.Class> = {
  get backfill(): Command.Class {
    return (require('../../commands/backfill') as { default: Command.Class }).default;
  },
  get designs(): Command.Class {
    return (require('../../commands/designs') as { default: Command.Class }).default;
  },
  get 'generate-data'(): Command.Class {
    return (require('../../commands/generate-data') as { default: Command.Class }).default;
  },
  get 'generate-events'(): Command.Class {
    return (require('../../commands/generate-events') as { default: Command.Class }).default;
  },
  get 'generate-inventory'(): Command.Class {
    return (require('../../commands/generate-inventory') as { default: Command.Class }).default;
  },
  get 'generate-telemetry'(): Command.Class {
    return (require('../../commands/generate-telemetry') as { default: Command.Class }).default;
  },
  get simulate(): Command.Class {
    return (require('../../commands/simulate') as { default: Command.Class }).default;
  },
  get 'validate:metrics'(): Command.Class {
    return (require('../../commands/validate/metrics') as { default: Command.Class }).default;
  },
  get 'validate:telemetry'(): Command.Class {
    return (require('../../commands/validate/telemetry') as { default: Command.Class }).default;
  },
  get 'users:run'(): Command.Class {
    return (require('../../commands/users/run') as { default: Command.Class }).default;
  },
  get 'users:status'(): Command.Class {
    return (require('../../commands/users/status') as { default: Command.Class }).default;
  },
  get 'users:reset'(): Command.Class {
    return (require('../../commands/users/reset') as { default: Command.Class }).default;
  },
  // @oclif/plugin-help's command, bundled: a plugin loaded from node_modules is an ES module that oclif
  // import()s, which a script compiled from V8's code cache (bin/bundle.js) cannot do.
  get help(): Command.Class {
    return (require('@oclif/plugin-help') as { commands: { help: Command.Class } }).commands.help;
  },
};

/** package.json oclif.hooks names this export. */
export { commandNotFound } from './not-found';

export async function main(dir: string, argv: readonly string[]): Promise<void> {
  // generate-data spends most of its time compressing: its threads boot on the other cores while this one
  // loads oclif, instead of after.
  if (argv[0] === 'generate-data' && !argv.includes('--help') && !argv.includes('-h')) warmCompressionPool();
  const oclif = require('@oclif/core') as typeof import('@oclif/core');
  // oclif.execute() without its error handler, whose multi-line ` ›   Error:` form differs from ours.
  await oclif
    .run([...argv], dir)
    .then(() => oclif.flush())
    .catch((err: unknown) => {
      if (!isTopLevelUsageError(err)) return oclif.handle(err as Error);
      process.stderr.write(topLevelErrorLines(err, 'clusterman'));
      process.exitCode = err.oclif?.exit ?? 2;
      return undefined;
    });
}

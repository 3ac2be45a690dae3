import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';
import { stateStoreFlag, usersConfigArg } from '../../src/cli/users-flags';

export default class UsersRun extends BaseCommand {
  static override summary =
    'Simulate a population of users (benshi config) to files, stdout or http; resumable.';

  static override description = `Reads a benshi users config (global, users.population, users.profiles, catalogs), restores the saved simulation of its organisation/project (or starts one), and writes log and catalog records up to the end: end_ts, --until, or, without an end, up to now and then on in real time. State is saved with the outputs' committed lengths at least every minute, at the end and on Ctrl-C or SIGTERM; a run killed at any moment and started again writes exactly what one uninterrupted run would.`;

  static override usage =
    '<%= command.id %> CONFIG [--seed N] [--db URL] [--output-dir DIR] [--until TIME] [--online]';

  static override examples = [
    '<%= config.bin %> <%= command.id %> designs/users/e-commerce.yaml --seed 1 --until 2020-01-03',
  ];

  static override args = { config: usersConfigArg };

  static override flags = {
    seed: Flags.string({
      description:
        '[default: the current epoch second] Random seed of a new simulation (a resumed one keeps its own).',
    }),
    db: stateStoreFlag,
    'output-dir': Flags.string({
      description: 'Folder that relative file names of the config are relative to.',
      default: '.',
    }),
    until: Flags.string({
      description: '[default: global.end_ts] End of the simulation (2020-01-08, -1d, now).',
    }),
    online: Flags.boolean({
      description: 'Follow the wall clock after catching up (also with an end: stop there).',
      default: false,
    }),
    rotate: Flags.string({
      description: 'Begin a new file every UTC day (logs-YYYY-MM-DD.csv).',
      options: ['daily'],
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(UsersRun);
    const { runUsersRun } = await import('../../src/cli/users');
    await runUsersRun(args.config, flags);
  }
}

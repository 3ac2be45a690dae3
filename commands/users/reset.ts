import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';
import { outputDirFlag, stateStoreFlag, usersConfigArg } from '../../src/cli/users-flags';

export default class UsersReset extends BaseCommand {
  static override summary =
    "Delete a users simulation's saved state and, after confirmation (or --yes), its output files.";

  static override usage = '<%= command.id %> CONFIG [--db URL] [--yes]';

  static override args = { config: usersConfigArg };

  static override flags = {
    db: stateStoreFlag,
    'output-dir': outputDirFlag,
    yes: Flags.boolean({ char: 'y', description: 'Delete the output files without asking.', default: false }),
    json: Flags.boolean({ description: 'Print what was deleted as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(UsersReset);
    const { runUsersReset } = await import('../../src/cli/users');
    await runUsersReset(args.config, flags);
  }
}

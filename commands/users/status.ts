import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';
import { outputDirFlag, stateStoreFlag, usersConfigArg } from '../../src/cli/users-flags';

export default class UsersStatus extends BaseCommand {
  static override summary =
    'Where a users simulation stands: simulated time, users per profile, pending orders, outputs.';

  static override usage = '<%= command.id %> CONFIG [--db URL] [--json]';

  static override args = { config: usersConfigArg };

  static override flags = {
    db: stateStoreFlag,
    'output-dir': outputDirFlag,
    json: Flags.boolean({ description: 'Print the status as JSON.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(UsersStatus);
    const { runUsersStatus } = await import('../../src/cli/users');
    await runUsersStatus(args.config, flags);
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';

export default class UsersStatus extends BaseCommand {
  static override summary =
    'Where a users simulation stands: simulated time, users per profile, pending orders, outputs.';

  static override usage = '<%= command.id %> CONFIG [--db URL] [--json]';

  static override args = { config: Args.string({ description: 'Users config (YAML).', required: true }) };

  static override flags = {
    db: Flags.string({
      description: '[default: global.db_uri, else users-state.duckdb in --output-dir] State store URL.',
    }),
    'output-dir': Flags.string({
      description: 'Folder of the outputs (and of the default state file).',
      default: '.',
    }),
    json: Flags.boolean({ description: 'Print the status as JSON.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(UsersStatus);
    const { runUsersStatus } = await import('../../src/cli/users');
    await runUsersStatus(args.config, flags);
  }
}

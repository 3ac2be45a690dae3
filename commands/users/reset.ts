import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';

export default class UsersReset extends BaseCommand {
  static override summary =
    "Delete a users simulation's saved state and, after confirmation (or --yes), its output files.";

  static override usage = '<%= command.id %> CONFIG [--db URL] [--yes]';

  static override args = { config: Args.string({ description: 'Users config (YAML).', required: true }) };

  static override flags = {
    db: Flags.string({
      description: '[default: global.db_uri, else users-state.duckdb in --output-dir] State store URL.',
    }),
    'output-dir': Flags.string({
      description: 'Folder of the outputs (and of the default state file).',
      default: '.',
    }),
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

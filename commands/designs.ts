import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class Designs extends BaseCommand {
  static override summary = 'List the example designs shipped with clusterman, or copy one to start from.';

  static override description =
    'Without a name, lists the shipped designs with a line on each and the folder they are in. With a name, copies that design to <name>.yaml in the current folder (or to --output; "-" prints it), refusing to replace a file without --force.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> autoscaler-workload -o workload.yaml',
    '<%= config.bin %> <%= command.id %> example -o -',
  ];

  static override args = {
    name: Args.string({ description: 'Design to copy (see the list).', required: false }),
  };

  static override flags = {
    output: Flags.string({
      char: 'o',
      description: 'Where to copy the design (a file, a folder, or - for stdout). [default: ./<name>.yaml]',
    }),
    force: Flags.boolean({ char: 'f', description: 'Replace an existing file.', default: false }),
    json: Flags.boolean({ description: 'Print the list (or what was copied) as JSON.', default: false }),
    quiet: Flags.boolean({
      char: 'q',
      description: 'Print nothing but errors (and the list or design asked for).',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Designs);
    const { runDesigns } = await import('../src/cli/designs');
    await runDesigns({ ...flags, name: args.name }, this.config.root);
  }
}

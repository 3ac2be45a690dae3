import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';

export default class ValidateTelemetry extends BaseCommand {
  static override summary = 'Check a telemetry export (inventory + data files) against its data contract.';

  static override description = `The "data unit tests" a producer runs on its export: schema, coherence with the inventory, dictionaries, value ranges, time grid, file names, uniqueness, row count, completeness and the README front matter. Each check is reported as passed or failed with its first offending rows. Exit 0 when all pass, 1 when some fail, 2 on bad input (no folder, unreadable contract or inventory).`;

  static override usage = '<%= command.id %> --directory DIR [--contract FILE] [--junit FILE] [--json]';

  static override examples = [
    '<%= config.bin %> <%= command.id %> --directory examples/telemetry',
    '<%= config.bin %> <%= command.id %> -d export/ --contract designs/contracts/power.yaml --junit checks.xml',
  ];

  static override flags = {
    directory: Flags.string({
      char: 'd',
      description: 'Folder holding the inventory, data files and README.md.',
      required: true,
    }),
    contract: Flags.string({ char: 'c', description: '[default: DIR/contract.yaml] Data contract (YAML).' }),
    junit: Flags.string({ description: 'Also write the checks as JUnit XML to this file, for CI.' }),
    json: Flags.boolean({ description: 'Print the report as JSON.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ValidateTelemetry);
    const { runValidateTelemetry } = await import('../../src/cli/validate');
    await runValidateTelemetry(flags);
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/command';

export default class ValidateMetrics extends BaseCommand {
  static override summary =
    'Check clusterman metrics files: types, keys, timestamps, values, gaps, a contract.';

  static override description = `Reads each metrics file (json, jsonpickle or the 2017 ISO-time format, gzipped or not) and checks metric types, key syntax, sorted unique timestamps, numeric values, dict keys, gaps longer than --max-gap, and, with --contract, required keys and value ranges. Exit 0 when all pass, 1 when some fail, 2 on bad input.`;

  static override usage =
    '<%= command.id %> FILE... [--max-gap DURATION] [--contract FILE] [--junit FILE] [--json]';

  static override strict = false;

  static override args = {
    file: Args.string({ description: 'Metrics file(s) to check.', required: true }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/metrics.json.gz',
    '<%= config.bin %> <%= command.id %> metrics.json.gz --max-gap 5m --contract designs/contracts/metrics.yaml',
  ];

  static override flags = {
    'max-gap': Flags.string({
      description: 'Fail series with a gap between points longer than this (e.g. 90s, 5m, 1h).',
    }),
    contract: Flags.string({
      char: 'c',
      description: 'Metrics contract (YAML): required keys and value ranges.',
    }),
    junit: Flags.string({ description: 'Also write the checks as JUnit XML to this file, for CI.' }),
    json: Flags.boolean({ description: 'Print the report as JSON.', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ValidateMetrics);
    const { runValidateMetrics } = await import('../../src/cli/validate');
    await runValidateMetrics(argv as string[], flags);
  }
}

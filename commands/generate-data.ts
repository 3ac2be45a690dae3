import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class GenerateData extends BaseCommand {
  static override summary = 'Generate metrics from an experimental design into a gzipped metrics file.';

  static override description = `Reads a design (YAML) naming metrics, their time range, arrival process and values, draws the points with a CPython-compatible generator (same seed, same data as Python's clusterman), and merges the series into the output file. Existing series are replaced only after confirmation (or with --yes).`;

  static override usage = '<%= command.id %> -i DESIGN [-o FILE] [--seed N] [FLAGS]';

  static override examples = [
    '<%= config.bin %> <%= command.id %> -i designs/example.yaml -o metrics.json.gz --seed 42',
    '<%= config.bin %> <%= command.id %> -i designs/functions.yaml --history old.json.gz --now 2017-12-01T12:00:00Z',
  ];

  static override flags = {
    input: Flags.string({ char: 'i', description: 'Experimental design (YAML).', required: true }),
    output: Flags.string({
      char: 'o',
      description: 'Metrics file to write or merge into (a symlink is followed); - writes it to stdout.',
      default: 'metrics.json.gz',
    }),
    seed: Flags.string({
      description: '[default: the current epoch second] Random seed, a non-negative integer.',
    }),
    yes: Flags.boolean({ char: 'y', description: 'Replace existing series without asking.', default: false }),
    format: Flags.string({
      description: "[default: the existing file's format, else json] Output format.",
      options: ['json', 'jsonpickle'],
    }),
    tz: Flags.string({ description: 'IANA time zone for times written without a zone.', default: 'UTC' }),
    now: Flags.string({
      description: '[default: the current time] The time relative times are relative to.',
    }),
    'metric-type': Flags.string({
      description: 'Metric type of a flat design (metric_key -> spec).',
      options: ['system_metrics', 'app_metrics', 'metadata'],
      default: 'system_metrics',
    }),
    'max-points': Flags.integer({
      description: 'Refuse designs that make more points than this.',
      default: 100_000_000,
      min: 1,
    }),
    history: Flags.string({
      description: 'Metrics file to read source series from (repeatable).',
      multiple: true,
    }),
    datastore: Flags.string({
      description:
        "Also write the generated series to this VictoriaMetrics (http://host:8428, or a cluster's http://vminsert:8480/insert/0/prometheus).",
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
    'dry-run': Flags.boolean({
      description: 'Check the design and the output, print the summary, write nothing.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(GenerateData);
    const { runGenerateData } = await import('../src/cli/generate-data');
    await runGenerateData(flags);
  }
}

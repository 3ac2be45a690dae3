import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class GenerateEvents extends BaseCommand {
  static override summary = 'Generate event streams from Imply event-generator configs (v1, v2, v3).';

  static override description = `Workers arrive, walk a state machine (delays, transitions, variables) and emit records, as Imply's event generator does, on a single-threaded discrete-event engine: with -s and --seed the output is the same on every run. With -s and a limit, as fast as possible; without -s, live (records stamped and written at wall-clock time); with -s in the past and no limit, catch up, then go on live. Records go to stdout as JSON lines, one per line; status goes to stderr.`;

  static override usage =
    '<%= command.id %> -c CONFIG [-s START] [-n N | -r DURATION] [-m MAX] [--seed S] [FLAGS]';

  static override examples = [
    '<%= config.bin %> <%= command.id %> -c clickstream.json -s 2024-01-01T00:00:00 -r PT1H --seed 42 > clicks.jsonl',
    '<%= config.bin %> <%= command.id %> -c clickstream.json -s -1h --seed 42 | kcat -P -b localhost:9092 -t clicks',
  ];

  static override flags = {
    config: Flags.string({
      char: 'c',
      description: 'Imply generator config (JSON or YAML; v1, v2 or v3).',
      required: true,
    }),
    start: Flags.string({
      char: 's',
      description:
        'Simulated clock start (2024-01-01, -1d, ISO with offset). Without it: live, at wall-clock time.',
    }),
    records: Flags.integer({ char: 'n', description: 'Stop after exactly this many records.' }),
    duration: Flags.string({
      char: 'r',
      description: 'Stop at start + this (PT1H, P1D, 30S/10M/1H, 1h30m); nothing at or after it.',
    }),
    'max-workers': Flags.integer({
      char: 'm',
      description: 'Most workers alive at once.',
      default: 100,
      min: 1,
      max: 100_000,
    }),
    seed: Flags.string({
      description: '[default: the current epoch second] Random seed, a non-negative integer.',
    }),
    pattern: Flags.string({ char: 'f', description: 'v2 pattern file: one rendered line per record.' }),
    template: Flags.string({ char: 't', description: "v3 template name (from the config's `templates`)." }),
    target: Flags.string({ description: "Target file (JSON, Imply v2's -t): where records go." }),
    output: Flags.string({
      char: 'o',
      description: 'Write records to this file (replaced atomically when the run is bounded); - for stdout.',
    }),
    format: Flags.string({
      description: 'Record format.',
      options: ['json', 'csv', 'parquet'],
      default: 'json',
    }),
    shard: Flags.string({
      description: 'K/N: write only shard K of N (the N shards together make the unsharded output).',
    }),
    schedule: Flags.string({
      description: 'Worker cap schedule (constant or gmm_temporal multiplier of -m).',
    }),
    metrics: Flags.string({
      description:
        "Also write the config's aggregate: metrics (counts, sums, means, maxima per interval) to this metrics file.",
    }),
    validate: Flags.boolean({ description: 'Check the config and exit.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors on stderr.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(GenerateEvents);
    const { runGenerateEvents } = await import('../src/cli/generate-events');
    await runGenerateEvents(flags);
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class GenerateTelemetry extends BaseCommand {
  static override summary =
    "Generate telemetry for an inventory's devices: one CSV or Parquet file per day or hour.";

  static override description = `Reads DIR/inventory.csv and writes DIR/data-YYYY-MM-DD.csv (or data-YYYY-MM-DDTHH.csv for an hour): exactly one row per device, time slot and measurement, sorted by time, sn and name. Values come from a measurements file (default: the reference's cpu and power, scale * min(U, U)); expressions make them coherent (power from cpu, a daily cycle per time zone). Same inputs and seed give the same bytes; a day's file does not depend on the other days, and shards (--shard K/N) together hold exactly the rows of one run. Existing files are replaced only after confirmation (or with --yes).`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> --directory fleet --date 2023-02-27 --seed 7',
    '<%= config.bin %> <%= command.id %> --directory fleet --date 2023-02-27 --days 7 --interval 60 --fuzz 5 --measurements designs/telemetry/power-cpu.yaml',
    '<%= config.bin %> <%= command.id %> --directory fleet --date 2023-02-27T13 --interval 60 --format parquet --shard 2/8',
  ];

  static override flags = {
    directory: Flags.string({
      char: 'd',
      description: 'Folder holding inventory.csv; the data files go there.',
      required: true,
    }),
    date: Flags.string({
      description:
        'First day (YYYY-MM-DD, one file per day) or hour (YYYY-MM-DDTHH, one file per hour), UTC.',
      required: true,
    }),
    days: Flags.integer({
      description: '[default: 1] Days to generate (with a date).',
      min: 1,
      max: 100_000,
    }),
    hours: Flags.integer({
      description: '[default: 1] Hours to generate (with an hour).',
      min: 1,
      max: 1_000_000,
    }),
    interval: Flags.integer({
      description: 'Seconds between samples; divides a day (an hour for hourly files).',
      default: 3600,
      min: 1,
    }),
    fuzz: Flags.integer({
      description: 'Move each sample by up to this many seconds (seeded), below interval/2.',
      default: 0,
      min: 0,
    }),
    'interval-columns': Flags.boolean({
      description: 'Write start_time and end_time (the default).',
      default: false,
      exclusive: ['end'],
    }),
    end: Flags.boolean({
      description: 'Write end_time only (no start_time column).',
      default: false,
      exclusive: ['interval-columns'],
    }),
    format: Flags.string({ description: 'Data file format.', options: ['csv', 'parquet'], default: 'csv' }),
    measurements: Flags.string({
      char: 'm',
      description: "[default: the reference's cpu and power] Measurements file (YAML).",
    }),
    seed: Flags.string({
      description: '[default: the current epoch second] Random seed, a non-negative integer.',
    }),
    shard: Flags.string({
      description:
        'Only the devices of shard K of N (a fixed split by serial), into data-...-shard-K-of-N files.',
    }),
    types: Flags.string({
      description: '[default: the shipped table] Server types CSV, for expressions reading model columns.',
    }),
    locations: Flags.string({
      description: '[default: the shipped table] Locations CSV, for time zones and location columns.',
    }),
    'write-contract': Flags.boolean({
      description: 'Also write DIR/contract.yaml describing the files, for validate telemetry.',
      default: false,
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'Replace existing data files without asking.',
      default: false,
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(GenerateTelemetry);
    const { runGenerateTelemetry } = await import('../src/cli/generate-telemetry');
    await runGenerateTelemetry(flags, this.config.root);
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class Backfill extends BaseCommand {
  static override summary =
    'Pull metric history from SignalFx or a Prometheus-compatible store into a metrics file or the datastore.';

  static override description = [
    'SignalFx: runs a SignalFlow program per source metric over the time range (in chunks, over HTTP with Server-Sent Events); the API token comes from -o api_token=... or SFX_API_TOKEN.',
    'Prometheus (also VictoriaMetrics, Thanos, Mimir): each source name is a PromQL query run through /api/v1/query_range at -o url=...; a bearer token comes from PROM_BEARER_TOKEN.',
    'The series are merged into --dest-file and/or written to the VictoriaMetrics at --datastore. Existing data is replaced only after confirmation (or with --yes).',
  ].join('\n\n');

  static override usage =
    '<%= command.id %> --src signalfx|prometheus --src-metric-names NAME... (--dest-file FILE | --datastore URL) [FLAGS]';

  static override examples = [
    'SFX_API_TOKEN=... <%= config.bin %> <%= command.id %> --src signalfx --src-metric-names cpus_allocated --dest-file metrics.json.gz -o filters=cluster:norcal-prod --start-time -1d',
    "<%= config.bin %> <%= command.id %> --src prometheus -o url=http://localhost:9090 --src-metric-names 'sum by (AZ) (rate(cpu_seconds_total[5m]))' --dest-metric-names cpus_allocated --start-time -1d --dest-file metrics.json.gz --datastore http://localhost:8428",
    '<%= config.bin %> <%= command.id %> --src signalfx --src-metric-names aws.ec2.spot_price --dest-metric-names spot_prices --metric-type metadata -o group_by=AZ,inst_type -o aggregation=mean --dest-file metrics.json.gz',
  ];

  static override flags = {
    src: Flags.string({
      description: 'Where the history comes from.',
      options: ['signalfx', 'prometheus'],
      required: true,
    }),
    'src-metric-names': Flags.string({ description: 'Source metric names.', multiple: true, required: true }),
    'dest-metric-names': Flags.string({
      description: '[default: the source names] Destination keys, one per source metric.',
      multiple: true,
    }),
    'metric-type': Flags.string({
      description: 'Metric type of the written series.',
      options: ['system_metrics', 'app_metrics', 'metadata'],
      default: 'system_metrics',
    }),
    'start-time': Flags.string({ description: 'Start of the range.', default: '-1h' }),
    'end-time': Flags.string({ description: 'End of the range (exclusive).', default: 'now' }),
    'dest-file': Flags.string({
      description: 'Metrics file to write or merge into (a symlink is followed).',
    }),
    datastore: Flags.string({
      description:
        "VictoriaMetrics to write to: http://host:8428, or a cluster's http://vminsert:8480/insert/0/prometheus.",
    }),
    option: Flags.string({
      char: 'o',
      description:
        'Source option name=value (repeatable). SignalFx: api_token, realm, stream_url, filters, resolution, rollup, extrapolation, max_extrapolations, group_by, aggregation, chunk, max_retries, values. Prometheus: url, step, chunk_points, max_retries, drop_labels.',
      multiple: true,
    }),
    yes: Flags.boolean({ char: 'y', description: 'Replace existing series without asking.', default: false }),
    'allow-partial': Flags.boolean({
      description: 'On a failed request, keep the points already received instead of writing nothing.',
      default: false,
    }),
    tz: Flags.string({ description: 'IANA time zone for times written without a zone.', default: 'UTC' }),
    now: Flags.string({
      description: '[default: the current time] The time relative times are relative to.',
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
    'dry-run': Flags.boolean({
      description: 'Pull the history and print the summary; write nothing (neither file nor datastore).',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Backfill);
    const { runBackfill } = await import('../src/cli/backfill');
    await runBackfill(flags);
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class Simulate extends BaseCommand {
  static override summary = 'Replay metrics through a discrete-event cluster simulation and report its cost.';

  static override description = `Reads one or more metrics files and replays them through a simulated cluster: its size follows fulfilled_capacity, allocation follows cpus_allocated and prices follow spot_prices, with clusterman's billing rules. Prints what the cluster would have cost and how well capacity fit demand.`;

  static override usage = [
    '<%= command.id %> (--metrics-data-files FILE... | --metrics-datastore URL) --cluster NAME [FLAGS]',
    '<%= command.id %> --compare RESULT RESULT [--comparison-operator OP] [FLAGS]',
  ];

  static override examples = [
    '<%= config.bin %> <%= command.id %> --metrics-data-files metrics.json.gz --cluster norcal-prod --pool seagull --start-time 2017-12-01T08:00:00Z --end-time 2017-12-01T09:00:00Z',
    '<%= config.bin %> <%= command.id %> --metrics-data-files a.json.gz b.json.gz --cluster c --billing-period 1h --json',
  ];

  static override flags = {
    'metrics-data-files': Flags.string({
      description:
        'Metrics files to replay; a series in a later file replaces the same series of an earlier one.',
      aliases: ['metrics-data-file'],
      multiple: true,
    }),
    'metrics-datastore': Flags.string({
      description:
        "VictoriaMetrics to read the series from (http://host:8428, or a cluster's http://vmselect:8481/select/0/prometheus); files given too replace its series.",
    }),
    'start-time': Flags.string({
      description: 'Start of the simulated window.',
      default: '-1h',
    }),
    'end-time': Flags.string({
      description: 'End of the simulated window (exclusive).',
      default: 'now',
    }),
    cluster: Flags.string({
      helpGroup: 'CLUSTER',
      description: 'Cluster name in the metric keys (required to simulate).',
      env: 'CMAN_CLUSTER',
    }),
    pool: Flags.string({
      helpGroup: 'CLUSTER',
      description: 'Pool name in the metric keys.',
      default: 'default',
    }),
    scheduler: Flags.string({
      helpGroup: 'CLUSTER',
      description: 'Scheduler suffix of the pool.',
      options: ['mesos', 'kubernetes'],
      default: 'mesos',
    }),
    name: Flags.string({
      helpGroup: 'OUTPUT',
      description: 'Name of this simulation.',
      default: 'simulation',
    }),
    'cpus-per-weight': Flags.integer({
      helpGroup: 'CLUSTER',
      description: 'vCPUs per unit of capacity weight.',
      default: 1,
      min: 1,
    }),
    'ebs-volume-size': Flags.integer({
      helpGroup: 'CLUSTER',
      description: '[default: 0] GB of EBS attached to every instance (added to its disk capacity).',
      default: 0,
      min: 0,
    }),
    discount: Flags.string({
      helpGroup: 'BILLING',
      description: '[default: 1] Multiplier on every spot price (e.g. 0.9).',
    }),
    'join-delay-params': Flags.string({
      helpGroup: 'CLUSTER',
      description: 'Gaussian delay (seconds) between launching an instance and its joining: MEAN STDEV.',
      multiple: true,
      default: ['0', '0'],
    }),
    'billing-period': Flags.string({
      helpGroup: 'BILLING',
      description: 'Billing period (1s per second, 1h classic hourly).',
      default: '1s',
    }),
    'refund-outbid': Flags.boolean({
      helpGroup: 'BILLING',
      description: '[default: on] Refund the partial last period of outbid spot instances.',
      default: true,
      allowNo: true,
    }),
    'clusterman-window': Flags.boolean({
      helpGroup: 'BILLING',
      description:
        "Reproduce clusterman's figures: ignore points before --start-time (the cluster starts empty, prices and allocation at 0) and do not clamp the unused cost at 0.",
      default: false,
    }),
    'allow-stale': Flags.boolean({
      description:
        'Simulate a window with no capacity data (cpus_allocated with --autoscaler-config) by carrying forward a value over a day old.',
      default: false,
    }),
    'autoscaler-config': Flags.string({
      helpGroup: 'CLUSTER',
      description:
        'Autoscaler YAML (resource groups, policy); without it the size follows fulfilled_capacity.',
    }),
    'simulation-result-file': Flags.string({
      helpGroup: 'OUTPUT',
      description: "Save the run's result series and totals here (gzipped JSON), for --compare.",
    }),
    compare: Flags.string({
      helpGroup: 'OUTPUT',
      description: 'Saved results to combine: one (with this run as the first operand) or two.',
      multiple: true,
    }),
    'comparison-operator': Flags.string({
      helpGroup: 'OUTPUT',
      description: 'How --compare combines results, point by point.',
      options: ['add', 'sub', 'mul', 'truediv'],
      default: 'truediv',
    }),
    reports: Flags.string({
      helpGroup: 'OUTPUT',
      description: 'Charts to draw into [prefix_]report.html and [prefix_]<type>.png.',
      options: [
        'capacity',
        'utilization',
        'cost_split',
        'cpus',
        'cpus_allocated',
        'unused_cpus',
        'cost',
        'unused_cpus_cost',
        'cost_per_cpu',
        'oversubscribed',
        'all',
      ],
      multiple: true,
    }),
    'output-prefix': Flags.string({
      helpGroup: 'OUTPUT',
      description:
        '[default: --name] Prefix of the report files (prefix_report.html); ending in / it is a folder (dir/report.html).',
    }),
    yes: Flags.boolean({
      char: 'y',
      helpGroup: 'OUTPUT',
      description: 'Replace existing report files without asking.',
      default: false,
    }),
    seed: Flags.string({
      helpGroup: 'CLUSTER',
      description: '[default: the current epoch second] Random seed for join delays.',
    }),
    tz: Flags.string({
      description: 'IANA time zone for times written without a zone.',
      default: 'UTC',
    }),
    now: Flags.string({
      description: '[default: the current time] The time relative times are relative to.',
    }),
    'log-level': Flags.string({
      helpGroup: 'OUTPUT',
      description: 'info shows the event log on stderr.',
      options: ['debug', 'info', 'warning', 'error'],
      default: 'warning',
    }),
    json: Flags.boolean({
      helpGroup: 'OUTPUT',
      description: 'Print the summary as JSON.',
      default: false,
    }),
    quiet: Flags.boolean({
      char: 'q',
      helpGroup: 'OUTPUT',
      description: 'Print nothing but errors.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Simulate);
    const { runSimulate } = await import('../src/cli/simulate');
    const discount = flags.discount === undefined ? undefined : Number(flags.discount);
    await runSimulate({ ...flags, discount }, undefined, {
      bin: this.config.bin,
      version: this.config.version,
      argv: this.argv,
    });
  }
}

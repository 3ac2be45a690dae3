/**
 * Small clusters from 1970-01-01T00:00:00Z for simulate's CLI tests: one c3.8xlarge (32 vCPUs) in us-west-2a
 * with 16 vCPUs allocated.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** At $1/h throughout: for tests about everything but the figures. */
export function writeTinyCluster(path: string): string {
  const data = {
    metadata: {
      'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<c3.8xlarge, us-west-2a>': 32 }]],
      'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': [[0, 1]],
    },
    system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': [[0, 16]] },
  };
  writeFileSync(path, gzipSync(JSON.stringify(data)));
  return path;
}

/** One c3.8xlarge (32 vCPUs) for two hours, $1/h then $2/h from the half hour: clusterman's worked example. */
export function writeWorkedExample(path: string): string {
  const data = {
    metadata: {
      'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<c3.8xlarge, us-west-2a>': 32 }]],
      'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': [
        [0, 1],
        [1800, 2],
      ],
    },
    system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': [[0, 16]] },
  };
  writeFileSync(path, gzipSync(JSON.stringify(data)));
  return path;
}

/** The first two hours of either file above. */
export const EXAMPLE_WINDOW = ['--start-time', '1970-01-01T00:00:00Z', '--end-time', '1970-01-01T02:00:00Z'];

/** `simulate` over a metrics file of cluster `c`, with more flags after. */
export const simulateArgs = (metrics: string, ...extra: string[]): string[] => [
  'simulate',
  '--metrics-data-files',
  metrics,
  '--cluster',
  'c',
  ...extra,
];

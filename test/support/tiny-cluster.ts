/**
 * The smallest cluster simulate can run, for CLI tests about everything but the figures: one c3.8xlarge
 * (32 vCPUs) in us-west-2a at $1/h and 16 vCPUs allocated, all from 1970-01-01T00:00:00Z.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

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

/** The first two hours of the data above. */
export const TINY_WINDOW = ['--start-time', '1970-01-01T00:00:00Z', '--end-time', '1970-01-01T02:00:00Z'];

/** `simulate` over a metrics file of cluster `c`, with more flags after. */
export const simulateArgs = (metrics: string, ...extra: string[]): string[] => [
  'simulate',
  '--metrics-data-files',
  metrics,
  '--cluster',
  'c',
  ...extra,
];

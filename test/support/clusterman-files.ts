/**
 * Files in Python clusterman's formats, made in the test from data the test chose, so that tests of what
 * those formats mean need no copy of clusterman's own files. jsonpickle comes from our writer; the 2017
 * format (ISO time strings, which we read but never write) is spelled here.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { writeMetricsFile } from '../../src/metrics/file';
import { MetricsData, type PointValue } from '../../src/metrics/model';

export async function writeJsonpickle(path: string, data: MetricsData): Promise<string> {
  await writeMetricsFile(path, data, 'jsonpickle');
  return path;
}

/** "2017-08-01T15:00:00+0000", as clusterman's 2017 files spell times. */
export function iso2017Time(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', '+0000');
}

/** clusterman's 2017 format: {"<type>": {"<key>": [["2017-08-01T15:00:00+0000", value], ...]}}, gzipped. */
export function writeIso2017(path: string, data: MetricsData): string {
  const doc: Record<string, Record<string, Array<[string, unknown]>>> = {};
  for (const s of data.series()) {
    (doc[s.type] ??= {})[s.key] = s.points.map((p) => [iso2017Time(p.t), plain(p.value)]);
  }
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

function plain(value: PointValue): unknown {
  return typeof value === 'number' ? value : Object.fromEntries(value);
}

/**
 * An hour of metrics shaped like clusterman's acceptance-test file (pool local-dev/default.mesos, m3.large in
 * three zones), with figures chosen here: weights 1-9 in a fixed pattern, a zone missing now and then, each
 * zone's price ($1 or $2) changing every 10 minutes, allocation 1-9 vCPUs (and the same figures for memory
 * and disk), one point a minute.
 */
export function itestLikeData(start: number): MetricsData {
  const minutes = Array.from({ length: 60 }, (_, i) => start + 60 * i);
  const zones = ['us-west-2a', 'us-west-2b', 'us-west-2c'];
  const d = new MetricsData();
  d.set(
    'metadata',
    'fulfilled_capacity|cluster=local-dev,pool=default.mesos',
    minutes.map((t, i) => ({
      t,
      value: new Map(
        zones
          .filter((_, z) => (i + z) % 5 !== 0)
          .map((zone, z) => [`<m3.large, ${zone}>`, 1 + ((i * 7 + z * 3) % 9)]),
      ),
    })),
  );
  for (const [z, zone] of zones.entries()) {
    d.set(
      'metadata',
      `spot_prices|aws_availability_zone=${zone},aws_instance_type=m3.large`,
      minutes.filter((_, i) => i % 10 === z).map((t, i) => ({ t, value: 1 + ((i + z) % 2) })),
    );
  }
  for (const resource of ['cpus', 'mem', 'disk']) {
    d.set(
      'system_metrics',
      `${resource}_allocated|cluster=local-dev,pool=default.mesos`,
      minutes.map((t, i) => ({ t, value: 1 + (i % 9) })),
    );
  }
  return d;
}

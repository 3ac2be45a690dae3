import { PointBuffer } from '../../../src/metrics/buffer';
import {
  nameSeries,
  PromCollector,
  type Labels,
  type PromSeries,
} from '../../../src/sources/prometheus/collect';
import { PrometheusError } from '../../../src/sources/prometheus/errors';

const series = (...labels: Labels[]): PromSeries[] =>
  labels.map((l) => ({ labels: l, points: new PointBuffer() }));

describe('nameSeries', () => {
  it('names each series dest|labels, sorted by name, without __name__', () => {
    const all = series(
      { zone: 'b', __name__: 'node_cpu', AZ: 'us-west-2a', instance_type: 'm5.large' },
      { zone: 'a', __name__: 'node_cpu', AZ: 'us-west-2b', instance_type: 'm5.large' },
    );
    expect(nameSeries('q', 'cpus_allocated', all, [])).toEqual([
      'cpus_allocated|AZ=us-west-2a,instance_type=m5.large,zone=b',
      'cpus_allocated|AZ=us-west-2b,instance_type=m5.large,zone=a',
    ]);
  });

  it("merges the series' labels with the destination's own dimensions", () => {
    expect(nameSeries('q', 'cpus|cluster=x,pool=p', series({ AZ: 'a' }), [])).toEqual([
      'cpus|AZ=a,cluster=x,pool=p',
    ]);
  });

  it('is just <dest> when no label is left', () => {
    expect(nameSeries('sum(up)', 'up_total', series({}), [])).toEqual(['up_total']);
    expect(nameSeries('up', 'up_total', series({ __name__: 'up' }), [])).toEqual(['up_total']);
    expect(nameSeries('up', 'up_total', series({ __name__: 'up', job: 'x' }), ['job'])).toEqual(['up_total']);
  });

  it('leaves out the drop_labels', () => {
    const all = series(
      { __name__: 'cpus', metric_type: 'system_metrics', cluster: 'c1', pool: 'p' },
      { __name__: 'cpus', metric_type: 'system_metrics', cluster: 'c2', pool: 'p' },
    );
    expect(nameSeries('cpus', 'cpus', all, ['metric_type'])).toEqual([
      'cpus|cluster=c1,pool=p',
      'cpus|cluster=c2,pool=p',
    ]);
    expect(nameSeries('cpus', 'cpus', all, ['metric_type', 'pool'])).toEqual([
      'cpus|cluster=c1',
      'cpus|cluster=c2',
    ]);
  });

  it('refuses two series that become one key, naming the key and what was dropped', () => {
    const byName = series({ __name__: 'a', job: 'x' }, { __name__: 'b', job: 'x' });
    expect(() => nameSeries('{job="x"}', 'mixed', byName, [])).toThrow(
      new PrometheusError(
        `query '{job="x"}': several series become 'mixed|job=x' once __name__ is dropped; filter or aggregate them in the query`,
      ),
    );
    const byLabel = series(
      { __name__: 'cpu', AZ: 'a', instance: 'h1:9100' },
      { __name__: 'cpu', AZ: 'b', instance: 'h1:9100' },
      { __name__: 'cpu', AZ: 'a', instance: 'h2:9100' },
    );
    expect(() => nameSeries('cpu', 'cpus', byLabel, ['instance'])).toThrow(
      new PrometheusError(
        `query 'cpu': several series become 'cpus|AZ=a' once __name__ and instance are dropped; filter or aggregate them in the query`,
      ),
    );
    expect(nameSeries('cpu', 'cpus', byLabel, [])).toHaveLength(3);
  });
});

describe('PromCollector', () => {
  it('gathers a series across chunks by its label set, in any label order, keeping start <= t < end', () => {
    const collector = new PromCollector(100, 400);
    collector.add({
      metric: { __name__: 'cpu', AZ: 'a' },
      values: [
        [40, '9'],
        [100, '1'],
        [200, '2'],
      ],
    });
    collector.add({ metric: { __name__: 'cpu', AZ: 'b' }, values: [[100, '5']] });
    collector.add({
      metric: { AZ: 'a', __name__: 'cpu' },
      values: [
        [300, '3.5'],
        [400, '4'],
      ],
    });
    const [a, b] = collector.series();
    expect(collector.series()).toHaveLength(2);
    expect([...a!.points]).toEqual([
      [100, 1],
      [200, 2],
      [300, 3.5],
    ]);
    expect([...b!.points]).toEqual([[100, 5]]);
  });

  it('skips and counts NaN and infinite values', () => {
    const collector = new PromCollector(0, 1000);
    collector.add({
      metric: {},
      values: [
        [1, 'NaN'],
        [2, '+Inf'],
        [3, '-Inf'],
        [4, '0'],
      ],
    });
    expect(collector.skipped).toBe(3);
    expect([...collector.series()[0]!.points]).toEqual([[4, 0]]);
  });
});

import { DatastoreKeyError } from '../../src/datastore/errors';
import { labelsOf, selector, seriesIdOf } from '../../src/datastore/labels';

describe('key <-> labels', () => {
  it('maps name, dimensions and type, and maps them back', () => {
    const id = { type: 'metadata' as const, key: 'spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge' };
    const labels = labelsOf(id);
    expect(labels).toEqual({
      __name__: 'spot_prices',
      AZ: 'us-west-2a',
      instance_type: 'c3.8xlarge',
      metric_type: 'metadata',
    });
    expect(seriesIdOf(labels)).toEqual(id);
  });

  it('a key without dimensions is just the name; a dict key becomes the key label', () => {
    expect(
      labelsOf({ type: 'app_metrics', key: 'seagull,seagull_runs', dictKey: 'c3.8xlarge,us-west-2a' }),
    ).toEqual({
      __name__: 'seagull,seagull_runs',
      metric_type: 'app_metrics',
      key: 'c3.8xlarge,us-west-2a',
    });
    expect(seriesIdOf({ __name__: 'runs', metric_type: 'app_metrics', key: 'a' })).toEqual({
      type: 'app_metrics',
      key: 'runs',
      dictKey: 'a',
    });
  });

  it('reading back sorts dimensions by name, as clusterman writes keys', () => {
    const labels = labelsOf({ type: 'system_metrics', key: 'cpus|role=x,cluster=c' });
    expect(seriesIdOf(labels)?.key).toBe('cpus|cluster=c,role=x');
  });

  it('refuses reserved dimensions, empty values and empty names, naming the series', () => {
    expect(() => labelsOf({ type: 'system_metrics', key: 'cpus|metric_type=x' })).toThrow(
      new DatastoreKeyError(
        "series 'cpus|metric_type=x' (system_metrics): dimension 'metric_type' is a label the datastore reserves",
      ),
    );
    expect(() => labelsOf({ type: 'system_metrics', key: 'cpus|key=1' })).toThrow(
      /dimension 'key' is a label/,
    );
    expect(() => labelsOf({ type: 'system_metrics', key: 'cpus|cluster' })).toThrow(
      /series 'cpus\|cluster' \(system_metrics\): dimension 'cluster' has no value/,
    );
    expect(() => labelsOf({ type: 'system_metrics', key: '|a=b' })).toThrow(/needs a metric name/);
  });

  it('ignores series this mapping did not write', () => {
    expect(seriesIdOf({ __name__: 'up', job: 'node' })).toBeUndefined();
    expect(seriesIdOf({ __name__: 'up', metric_type: 'other' })).toBeUndefined();
  });

  it('quotes selector values so a quote or backslash cannot change the query', () => {
    expect(selector({ __name__: 'a"b', AZ: 'x\\y' }, ['cluster'])).toBe(
      '{__name__="a\\"b",AZ="x\\\\y",cluster=""}',
    );
  });
});

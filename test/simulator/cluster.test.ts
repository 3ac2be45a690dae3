import { Cluster } from '../../src/simulator/cluster';

const market = { instanceType: 'm5.large', az: 'us-west-2a' };
const spec = { vcpus: 2, weight: 2, spot: true, resources: { memGib: 8, diskGb: 0, gpus: 0 } };

describe('Cluster', () => {
  it('removes the oldest instances first and keeps every instance for billing', () => {
    const cluster = new Cluster();
    cluster.resize(market, 3, 0, spec, () => 0);
    cluster.resize(market, 4, 100, spec, () => 0);
    cluster.resize(market, 2, 200, spec, () => 0);
    expect(cluster.count(market)).toBe(2);
    const endings = cluster.instances().map((i) => [i.id, i.launchedAt, i.ending.kind]);
    expect(endings).toEqual([
      [0, 0, 'terminated'],
      [1, 0, 'terminated'],
      [2, 0, 'running'],
      [3, 100, 'running'],
    ]);
    expect([cluster.launched, cluster.terminated, cluster.outbid]).toEqual([4, 2, 0]);
  });

  it('draws a join delay per launched instance; negative draws join at once', () => {
    const cluster = new Cluster();
    const delays = [30, -5];
    cluster.resize(market, 2, 1000, spec, () => delays.shift() as number);
    expect(cluster.instances().map((i) => i.joinsAt)).toEqual([1030, 1000]);
  });

  it('an outbid market loses every instance at once', () => {
    const cluster = new Cluster();
    cluster.resize(market, 3, 0, spec, () => 0);
    expect(cluster.outbidMarket(market, 50)).toBe(3);
    expect(cluster.size).toBe(0);
    expect(cluster.instances().every((i) => i.ending.kind === 'outbid')).toBe(true);
  });
});

import { Cluster, type ClusterObserver, type EndKind, type Instance } from '../../src/simulator/cluster';

const market = { instanceType: 'm5.large', az: 'us-west-2a' };
const spec = { vcpus: 2, weight: 2, spot: true, resources: { memGib: 8, diskGb: 0, gpus: 0 } };

/** What the cluster told its observer, in order. */
function recorder(): ClusterObserver & { log: Array<[string, number, number]> } {
  const log: Array<[string, number, number]> = [];
  return {
    log,
    launched: (i: Instance) => log.push(['launched', i.id, i.launchedAt]),
    ended: (i: Instance, at: number, kind: EndKind) => log.push([kind, i.id, at]),
  };
}

describe('Cluster', () => {
  it('removes the oldest instances first and tells its observer of every launch and end', () => {
    const seen = recorder();
    const cluster = new Cluster(seen);
    cluster.resize(market, 3, 0, spec, () => 0);
    cluster.resize(market, 4, 100, spec, () => 0);
    cluster.resize(market, 2, 200, spec, () => 0);
    expect(cluster.count(market)).toBe(2);
    expect(seen.log).toEqual([
      ['launched', 0, 0],
      ['launched', 1, 0],
      ['launched', 2, 0],
      ['launched', 3, 100],
      ['terminated', 0, 200],
      ['terminated', 1, 200],
    ]);
    expect([...cluster.instances()].map((i) => i.id)).toEqual([2, 3]);
    expect([cluster.launched, cluster.terminated, cluster.outbid]).toEqual([4, 2, 0]);
  });

  it('keeps only live instances, however many it launched', () => {
    const cluster = new Cluster();
    for (let t = 0; t < 1000; t++) cluster.resize(market, t % 2 === 0 ? 50 : 0, t, spec, () => 0);
    expect(cluster.launched).toBe(500 * 50);
    expect([...cluster.instances()]).toHaveLength(0);
  });

  it('draws a join delay per launched instance; negative draws join at once', () => {
    const cluster = new Cluster();
    const delays = [30, -5];
    cluster.resize(market, 2, 1000, spec, () => delays.shift() as number);
    expect([...cluster.instances()].map((i) => i.joinsAt)).toEqual([1030, 1000]);
  });

  it('an outbid market loses every instance at once', () => {
    const seen = recorder();
    const cluster = new Cluster(seen);
    cluster.resize(market, 3, 0, spec, () => 0);
    expect(cluster.outbidMarket(market, 50)).toBe(3);
    expect(cluster.size).toBe(0);
    expect(seen.log.filter(([kind]) => kind === 'outbid')).toEqual([
      ['outbid', 0, 50],
      ['outbid', 1, 50],
      ['outbid', 2, 50],
    ]);
  });
});

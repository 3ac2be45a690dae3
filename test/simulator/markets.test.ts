import {
  allocatedKey,
  capacityKey,
  marketName,
  parseMarket,
  priceKey,
  priceMarket,
} from '../../src/simulator/markets';

describe('markets and keys', () => {
  const ref = { cluster: 'local-dev', pool: 'default', scheduler: 'mesos' } as const;

  it("spells keys as clusterman's fixtures do", () => {
    expect(capacityKey(ref)).toBe('fulfilled_capacity|cluster=local-dev,pool=default.mesos');
    expect(allocatedKey(ref, 'cpus')).toBe('cpus_allocated|cluster=local-dev,pool=default.mesos');
    expect(allocatedKey({ ...ref, scheduler: 'kubernetes' }, 'mem')).toBe(
      'mem_allocated|cluster=local-dev,pool=default.kubernetes',
    );
    expect(priceKey({ instanceType: 'm3.large', az: 'us-west-2a' })).toBe(
      'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=m3.large',
    );
  });

  it('reads market strings in both spellings and refuses others', () => {
    expect(parseMarket('<m3.large, us-west-2a>')).toEqual({ instanceType: 'm3.large', az: 'us-west-2a' });
    expect(parseMarket('c3.8xlarge,us-west-2c')).toEqual({ instanceType: 'c3.8xlarge', az: 'us-west-2c' });
    for (const bad of ['m3.large', '<m3.large, us-west-2a', 'a,b,c', ''])
      expect(parseMarket(bad)).toBeUndefined();
    expect(marketName({ instanceType: 'm5.large', az: 'us-east-1b' })).toBe('<m5.large, us-east-1b>');
  });

  it('finds the market of a price key in either spelling', () => {
    expect(priceMarket('spot_prices|aws_availability_zone=us-west-2b,aws_instance_type=m3.large')).toEqual({
      instanceType: 'm3.large',
      az: 'us-west-2b',
    });
    expect(priceMarket('spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge')).toEqual({
      instanceType: 'c3.8xlarge',
      az: 'us-west-2a',
    });
    expect(priceMarket('cpus_allocated|cluster=a,pool=b.mesos')).toBeUndefined();
    expect(priceMarket('spot_prices|AZ=us-west-2a')).toBeUndefined();
  });
});

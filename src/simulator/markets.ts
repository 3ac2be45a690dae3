/**
 * Markets (`<instance_type, availability_zone>`) and the metric keys the simulator reads, in clusterman's
 * spelling and, for reading only, its 2017 spelling (`spot_prices|AZ=..,instance_type=..`, markets
 * `type,az`).
 */
import { formatKey, parseKey } from '../metrics/keys';

export interface Market {
  readonly instanceType: string;
  readonly az: string;
}

/** clusterman's market string, the key of capacity dicts: `<m5.large, us-west-2a>`. */
export function marketName(market: Market): string {
  return `<${market.instanceType}, ${market.az}>`;
}

/** `<type, az>`, or the 2017 `type,az`; undefined for anything else. */
export function parseMarket(text: string): Market | undefined {
  const m = /^\s*<?\s*([^<>,\s]+)\s*,\s*([^<>,\s]+)\s*>?\s*$/.exec(text);
  if (!m) return undefined;
  const bracketed = text.trim().startsWith('<');
  if (bracketed !== text.trim().endsWith('>')) return undefined;
  return { instanceType: m[1] as string, az: m[2] as string };
}

export interface PoolRef {
  readonly cluster: string;
  readonly pool: string;
  readonly scheduler: 'mesos' | 'kubernetes';
}

const poolDimensions = (ref: PoolRef): Record<string, string> => ({
  cluster: ref.cluster,
  pool: `${ref.pool}.${ref.scheduler}`,
});

/** `fulfilled_capacity|cluster=C,pool=P.S` (metadata): capacity per market, in weights. */
export const capacityKey = (ref: PoolRef): string => formatKey('fulfilled_capacity', poolDimensions(ref));

/** `<resource>_allocated|cluster=C,pool=P.S` (system_metrics). */
export const allocatedKey = (ref: PoolRef, resource: 'cpus' | 'mem' | 'disk' | 'gpus'): string =>
  formatKey(`${resource}_allocated`, poolDimensions(ref));

/** `target_capacity|cluster=C,pool=P.S` (metadata), the autoscaler's initial target. */
export const targetCapacityKey = (ref: PoolRef): string => formatKey('target_capacity', poolDimensions(ref));

/** The market a `spot_prices|...` key prices, in either spelling; undefined for other keys. */
export function priceMarket(key: string): Market | undefined {
  const { name, dimensions } = parseKey(key);
  if (name !== 'spot_prices') return undefined;
  const az = dimensions.get('aws_availability_zone') ?? dimensions.get('AZ');
  const instanceType = dimensions.get('aws_instance_type') ?? dimensions.get('instance_type');
  return az && instanceType ? { instanceType, az } : undefined;
}

export const priceKey = (market: Market): string =>
  formatKey('spot_prices', { aws_availability_zone: market.az, aws_instance_type: market.instanceType });

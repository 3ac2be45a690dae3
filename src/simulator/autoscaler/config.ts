/**
 * The autoscaler's YAML: resource groups (spot fleets and on-demand groups), the built-in policy's knobs or a
 * custom policy module. clusterman's `configs:` form (LaunchSpecifications with InstanceType, SubnetId,
 * SpotPrice, WeightedCapacity) is read too, with a `subnets:` map from subnet id to availability zone.
 * Every error names the file and the field.
 */
import { describeIoError } from '../../util/io';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseYaml } from '../../design/yaml';
import { parseDuration, TimeError } from '../../time';
import { didYouMean } from '../../util/nearest';
import { SimulationInputError } from '../errors';

export interface LaunchSpec {
  readonly instanceType: string;
  readonly az: string;
  /** USD per hour per unit of weight: the market is available while price <= bid x weight. */
  readonly bidPerWeight: number;
  readonly weight: number;
}

export type ResourceGroup =
  | {
      readonly kind: 'spot_fleet';
      readonly allocation: 'diversified' | 'lowest-price';
      readonly launchSpecs: readonly LaunchSpec[];
    }
  | {
      readonly kind: 'on_demand';
      readonly instanceType: string;
      readonly az: string;
      readonly weight: number;
    };

export interface AutoscalerConfig {
  readonly file: string;
  /** Seconds between runs. */
  readonly period: number;
  readonly setpoint: number;
  readonly setpointMargin: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly maxWeightToAdd: number;
  readonly maxWeightToRemove: number;
  /** Initial target (weights); else the metric target_capacity at the start, else min_capacity. */
  readonly targetCapacity: number | undefined;
  /** Absolute path of a custom policy module. */
  readonly policy: string | undefined;
  readonly groups: readonly ResourceGroup[];
}

type Raw = Record<string, unknown>;

const TOP_KEYS = [
  'period',
  'setpoint',
  'setpoint_margin',
  'min_capacity',
  'max_capacity',
  'max_weight_to_add',
  'max_weight_to_remove',
  'target_capacity',
  'policy',
  'resource_groups',
  'configs',
  'subnets',
  'sfrs',
];

class Fields {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly raw: Raw,
  ) {}

  fail(field: string, detail: string): never {
    throw new SimulationInputError(`${this.file}: ${this.path}${field}: ${detail}`);
  }

  only(keys: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!keys.includes(key)) this.fail(key, `unknown key${didYouMean(key, keys)}`);
    }
  }

  number(field: string, fallback: number | undefined, check?: (x: number) => string | undefined): number {
    const value = this.raw[field];
    if (value === undefined) {
      if (fallback === undefined) this.fail(field, 'is required');
      return fallback;
    }
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(field, `must be a number (got ${JSON.stringify(value)})`);
    const problem = check?.(value);
    if (problem) this.fail(field, problem);
    return value;
  }

  string(field: string): string {
    const value = this.raw[field];
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
    return value;
  }
}

const positive = (x: number): string | undefined => (x > 0 ? undefined : 'must be positive');
const nonNegative = (x: number): string | undefined => (x >= 0 ? undefined : 'must not be negative');

function isRecord(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function list(fields: Fields, field: string): Raw[] {
  const value = fields.raw[field];
  if (!Array.isArray(value) || value.length === 0) fields.fail(field, 'must be a non-empty list');
  return value.map((item, i) => {
    if (!isRecord(item)) fields.fail(`${field}[${i}]`, 'must be a mapping');
    return item;
  });
}

export function loadAutoscalerConfig(file: string): AutoscalerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SimulationInputError(`${file}: cannot read the autoscaler config (${describeIoError(err)})`);
  }
  const raw = parseYaml(text, file);
  if (!isRecord(raw)) throw new SimulationInputError(`${file}: the autoscaler config must be a mapping`);
  return parseAutoscalerConfig(raw, file);
}

export function parseAutoscalerConfig(raw: Raw, file: string): AutoscalerConfig {
  const f: Fields = new Fields(file, '', raw);
  f.only(TOP_KEYS);
  let period = 600;
  if (raw.period !== undefined) {
    try {
      period = parseDuration(raw.period as string | number);
    } catch (err) {
      f.fail('period', err instanceof TimeError ? err.message : String(err));
    }
    if (!(period > 0)) f.fail('period', 'must be positive');
  }
  const setpoint = f.number('setpoint', 0.7, (x) => (x > 0 && x <= 1 ? undefined : 'must be in (0, 1]'));
  const setpointMargin = f.number('setpoint_margin', 0.1, nonNegative);
  const minCapacity = f.number('min_capacity', 0, nonNegative);
  const maxCapacity = f.number('max_capacity', Infinity, nonNegative);
  if (maxCapacity < minCapacity) f.fail('max_capacity', `must not be below min_capacity (${minCapacity})`);
  const maxWeightToAdd = f.number('max_weight_to_add', Infinity, positive);
  const maxWeightToRemove = f.number('max_weight_to_remove', Infinity, positive);
  const targetCapacity =
    raw.target_capacity === undefined ? undefined : f.number('target_capacity', undefined, nonNegative);
  const policy = raw.policy === undefined ? undefined : resolve(dirname(file), f.string('policy'));

  const groups: ResourceGroup[] = [];
  if (raw.resource_groups !== undefined)
    groups.push(...list(f, 'resource_groups').map((g, i) => ourGroup(file, g, i)));
  if (raw.configs !== undefined) groups.push(...clustermanGroups(f));
  if (groups.length === 0 && raw.sfrs !== undefined)
    f.fail(
      'sfrs',
      "spot fleet request ids need AWS to describe them: give the fleets as resource_groups (or clusterman's configs:)",
    );
  if (groups.length === 0)
    f.fail(
      'resource_groups',
      "is required: at least one spot fleet or on-demand group (or clusterman's configs:)",
    );
  return {
    file,
    period,
    setpoint,
    setpointMargin,
    minCapacity,
    maxCapacity,
    maxWeightToAdd,
    maxWeightToRemove,
    targetCapacity,
    policy,
    groups,
  };
}

function ourGroup(file: string, raw: Raw, index: number): ResourceGroup {
  const f: Fields = new Fields(file, `resource_groups[${index}].`, raw);
  const type = raw.type;
  if (type === 'on_demand') {
    f.only(['type', 'instance_type', 'az', 'weight']);
    return {
      kind: 'on_demand',
      instanceType: f.string('instance_type'),
      az: f.string('az'),
      weight: f.number('weight', undefined, positive),
    };
  }
  if (type !== 'spot_fleet') f.fail('type', `must be spot_fleet or on_demand (got ${JSON.stringify(type)})`);
  f.only(['type', 'allocation', 'launch_specs']);
  const allocation = raw.allocation ?? 'diversified';
  if (allocation !== 'diversified' && allocation !== 'lowest-price')
    f.fail('allocation', `must be diversified or lowest-price (got ${JSON.stringify(allocation)})`);
  const launchSpecs = list(f, 'launch_specs').map((spec, i) => {
    const s: Fields = new Fields(file, `resource_groups[${index}].launch_specs[${i}].`, spec);
    s.only(['instance_type', 'az', 'bid', 'weight']);
    return {
      instanceType: s.string('instance_type'),
      az: s.string('az'),
      bidPerWeight: s.number('bid', undefined, positive),
      weight: s.number('weight', undefined, positive),
    };
  });
  return { kind: 'spot_fleet', allocation, launchSpecs };
}

/** clusterman's form: `configs: [{LaunchSpecifications: [...], AllocationStrategy}]` and `subnets: {id: az}`. */
function clustermanGroups(f: Fields): ResourceGroup[] {
  type Allocation = 'diversified' | 'lowest-price';
  const subnets = f.raw.subnets;
  if (subnets !== undefined && !isRecord(subnets))
    f.fail('subnets', 'must map subnet ids to availability zones');
  return list(f, 'configs').map((config, i) => {
    const c: Fields = new Fields(f.file, `configs[${i}].`, config);
    c.only([
      'LaunchSpecifications',
      'AllocationStrategy',
      'TargetCapacity',
      'SpotPrice',
      'IamFleetRole',
      'Type',
    ]);
    const strategy = config.AllocationStrategy ?? 'diversified';
    const allocation: Allocation | undefined =
      strategy === 'lowestPrice' || strategy === 'lowest-price'
        ? 'lowest-price'
        : strategy === 'diversified'
          ? 'diversified'
          : undefined;
    if (allocation === undefined)
      c.fail('AllocationStrategy', `must be diversified or lowestPrice (got ${JSON.stringify(strategy)})`);
    const launchSpecs = list(c, 'LaunchSpecifications').map((spec, j) => {
      const s: Fields = new Fields(f.file, `configs[${i}].LaunchSpecifications[${j}].`, spec);
      const subnet = s.string('SubnetId');
      const az: unknown = (subnets as Raw | undefined)?.[subnet];
      if (typeof az !== 'string')
        s.fail('SubnetId', `'${subnet}' is not in subnets: (map each subnet id to its availability zone)`);
      return {
        instanceType: s.string('InstanceType'),
        az,
        bidPerWeight: s.number('SpotPrice', undefined, positive),
        weight: s.number('WeightedCapacity', 1, positive),
      };
    });
    const group: ResourceGroup = { kind: 'spot_fleet', allocation, launchSpecs };
    return group;
  });
}

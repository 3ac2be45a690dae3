/**
 * One internal model for Imply's three config shapes (v1, v2, v3): what the loader produces and the
 * simulation runs. Every part keeps the JSON path it came from, for messages.
 */
import type { FieldValue } from '../records/formats/types';
import type { HttpBody, Rotation } from '../records/sinks/types';

/** ISO weekday 1 (Monday) .. 7 (Sunday) -> the day's mixture components. */
export type GmmDays = ReadonlyMap<number, readonly GmmComponent[]>;

export interface GmmComponent {
  readonly hour: number;
  readonly sigma: number;
  readonly weight: number;
}

export type DistSpec =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly kind: 'gmm_temporal'; readonly mean: number; readonly days: GmmDays };

/** What every dimension may carry. Rates are fractions in [0, 1] (the config gives percentages). */
export interface DimCommon {
  readonly name: string;
  readonly path: string;
  readonly missing: number;
  readonly nulls: number;
  /** 0 = no pool: every value is a fresh draw. */
  readonly cardinality: number;
  /** Index into the pool; defaults to uniform over it. */
  readonly cardinalityDist: DistSpec | undefined;
}

export type DimSpec = DimCommon &
  (
    | { readonly type: 'clock' }
    | { readonly type: 'enum'; readonly values: readonly FieldValue[]; readonly index: DistSpec }
    | { readonly type: 'int'; readonly dist: DistSpec }
    | { readonly type: 'float'; readonly dist: DistSpec; readonly precision: number | undefined }
    | { readonly type: 'string'; readonly length: DistSpec; readonly chars: string }
    /** The distribution is over epoch seconds (ISO strings converted at load). */
    | { readonly type: 'timestamp'; readonly dist: DistSpec }
    | { readonly type: 'ipaddress'; readonly dist: DistSpec }
    | {
        readonly type: 'counter';
        readonly start: number;
        readonly increment: number;
        readonly scope: 'emitter' | 'worker';
      }
    | { readonly type: 'variable'; readonly variable: string }
    | { readonly type: 'object'; readonly dims: readonly DimSpec[] }
    | {
        readonly type: 'list';
        readonly elements: readonly DimSpec[];
        readonly length: DistSpec;
        readonly selection: DistSpec;
      }
    | { readonly type: 'static'; readonly value: FieldValue }
  );

export type DimType = DimSpec['type'];

export interface EmitterSpec {
  readonly name: string;
  readonly path: string;
  readonly dims: readonly DimSpec[];
}

/** A transition's target: a state index, or STOP. */
export const STOP = -1;

export interface TransitionSpec {
  readonly next: number;
  /** Normalised: the weights of a state sum to 1. */
  readonly probability: number;
}

export interface StateSpec {
  readonly name: string;
  readonly path: string;
  /** Variables set on entry, before the delay (v2 `variables_on_entry`; v1 `variables`). */
  readonly onEntry: readonly DimSpec[];
  /** Seconds to wait; undefined = no wait at all (v3 activities and gateways). */
  readonly delay: DistSpec | undefined;
  /** Variables set after the delay, before emitting (v2 `variables`; v3 activity `variables`). */
  readonly variables: readonly DimSpec[];
  /** Index into emitters, or undefined for a state that emits nothing. */
  readonly emitter: number | undefined;
  /** v1 order: emit on entry, then wait. v2/v3: wait, then emit. */
  readonly emitOnEntry: boolean;
  readonly transitions: readonly TransitionSpec[];
}

export interface TemplateSpec {
  readonly body: string;
  readonly header: string | undefined;
}

export type TargetSpec =
  | { readonly type: 'stdout' }
  | { readonly type: 'file'; readonly path: string; readonly rotation: Rotation }
  | HttpTargetSpec
  | { readonly type: 'kafka' | 'confluent'; readonly topic: string | undefined; readonly servers: string };

/** `{"type": "http", "url": ..., "headers": {...}, "body": "lines", ...}`: see src/events/config/target.ts. */
export interface HttpTargetSpec {
  readonly type: 'http';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: HttpBody;
  readonly batchLines: number | undefined;
  readonly batchBytes: number | undefined;
  readonly retries: number | undefined;
  readonly timeoutMs: number | undefined;
}

export interface EventConfig {
  readonly file: string;
  readonly version: 1 | 2 | 3;
  readonly interarrival: DistSpec;
  readonly emitters: readonly EmitterSpec[];
  readonly states: readonly StateSpec[];
  /** Index of the state every worker starts in (v1/v2: the first; v3: the start timer's next). */
  readonly initial: number;
  readonly target: TargetSpec | undefined;
  readonly templates: ReadonlyMap<string, TemplateSpec>;
  /** The config as read (after %ENV%), for parts other branches interpret (e.g. `aggregate:`). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Things that are allowed but probably wrong (unreachable states, weights not summing to 1). */
  readonly warnings: readonly string[];
}

/**
 * Writing series to VictoriaMetrics so that a write replaces what the datastore held over the write's time
 * range (backfill's --start-time/--end-time, a design metric's start and end): points already stored with
 * the same value are not sent again, and a series whose stored points in that range differ is a
 * replacement, made only after confirmation (VictoriaMetrics cannot overwrite a point: the series is read
 * whole, deleted, and written back merged). If that write-back fails, the merged series are saved to a
 * metrics file, so nothing is lost.
 */
import type { CollectedSeries } from '../metrics/collected';
import { dimensionsId } from '../metrics/keys';
import { writeMetricsFile } from '../metrics/file';
import { MetricsData, type MetricType, type Point } from '../metrics/model';
import type { VictoriaMetrics } from './client';
import { DatastoreDeclined, DatastoreError } from './errors';
import { ImportBatcher } from './import';
import { type Labels, labelsOf, NAME_LABEL, selector, type SeriesId, TYPE_LABEL } from './labels';
import { readStored, type StoredPoints } from './read';
import { someQuoted } from '../util/list';

/** A series to write and the time range it stands for: what was stored in [start, end) is replaced. */
export interface WriteItem {
  readonly series: CollectedSeries;
  /** Epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** One stored series to write: a numeric series, or one key of a dict-valued series. */
interface Outgoing {
  readonly id: SeriesId;
  readonly labels: Labels;
  readonly start: number;
  readonly end: number;
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly size: number;
}

export interface DatastorePlan {
  readonly client: VictoriaMetrics;
  readonly type: MetricType;
  readonly outgoing: readonly Outgoing[];
  /** Per outgoing series: which points to send (false: already stored with that value). */
  readonly send: readonly Uint8Array[];
  /** Indexes of outgoing series whose stored points in their range differ: replaced after confirmation. */
  readonly replace: ReadonlySet<number>;
}

export interface DatastoreWriteResult {
  readonly where: string;
  /** Points sent to the datastore. */
  readonly sent: number;
  /** Points it already held with the same value. */
  readonly unchanged: number;
  /** Keys (metric-file keys) whose stored points were replaced. */
  readonly replaced: readonly string[];
}

/**
 * VictoriaMetrics keeps about 12 significant digits of a value, and stores a block of points as integers with
 * one shared exponent, so a small value next to a huge one keeps only the digits the huge one leaves it
 * (1/3 beside 6e11 comes back as 0.3333333). A value read back is "the same" within either limit.
 */
const SAME_VALUE = 1e-11;
const SAME_IN_BLOCK = 1e-15;

function sameValue(a: number, b: number, floor: number): boolean {
  return a === b || Math.abs(a - b) <= Math.max(SAME_VALUE * Math.max(Math.abs(a), Math.abs(b)), floor);
}

function largest(values: ArrayLike<number>, size: number): number {
  let max = 0;
  for (let i = 0; i < size; i++) {
    const x = Math.abs(values[i] as number);
    if (x > max) max = x;
  }
  return max;
}

/** Labels whose names PromQL can address; others are matched after the export, by comparing label sets. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const addressable = (labels: Labels): Labels =>
  Object.fromEntries(Object.entries(labels).filter(([k]) => LABEL_NAME.test(k)));

function outgoingOf(type: MetricType, items: readonly WriteItem[]): Outgoing[] {
  const out: Outgoing[] = [];
  for (const { series: s, start, end } of items) {
    if (s.kind === 'numbers') {
      const id = { type, key: s.key };
      const { times, values, size } = s.points;
      out.push({ id, labels: labelsOf(id), start, end, times, values, size });
      continue;
    }
    const byKey = new Map<string, { times: number[]; values: number[] }>();
    for (const p of s.points as readonly Point[]) {
      if (typeof p.value === 'number') continue;
      for (const [dictKey, v] of p.value) {
        let k = byKey.get(dictKey);
        if (!k) byKey.set(dictKey, (k = { times: [], values: [] }));
        k.times.push(p.t);
        k.values.push(v);
      }
    }
    for (const [dictKey, k] of byKey) {
      const id = { type, key: s.key, dictKey };
      out.push({
        id,
        labels: labelsOf(id),
        start,
        end,
        times: k.times,
        values: k.values,
        size: k.times.length,
      });
    }
  }
  return out;
}

const keyOf = (o: Outgoing): string => o.id.key;

/**
 * Reads what the datastore holds over each series' range and asks `confirm` with the keys whose points would
 * change; a refusal writes nothing. Nothing is written here.
 */
export async function planDatastoreWrite(
  client: VictoriaMetrics,
  type: MetricType,
  series: readonly WriteItem[],
  confirm: (keys: readonly string[], where: string) => Promise<boolean>,
): Promise<DatastorePlan> {
  const outgoing = outgoingOf(type, series).filter((o) => o.size > 0);
  const byName = new Map<string, number[]>();
  outgoing.forEach((o, i) => {
    const name = o.labels[NAME_LABEL] as string;
    byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  const send = outgoing.map((o) => new Uint8Array(o.size).fill(1));
  const replace = new Set<number>();
  for (const [name, indexes] of byName) {
    const start = Math.min(...indexes.map((i) => (outgoing[i] as Outgoing).start));
    const end = Math.max(...indexes.map((i) => (outgoing[i] as Outgoing).end));
    const stored = await readStored(client, [selector({ [NAME_LABEL]: name, [TYPE_LABEL]: type })], {
      start,
      end,
    });
    for (const i of indexes) {
      const o = outgoing[i] as Outgoing;
      const old = stored.get(dimensionsId(o.labels));
      if (old && !compare(o, old, send[i] as Uint8Array)) replace.add(i);
    }
  }
  const keys = [...new Set([...replace].map((i) => keyOf(outgoing[i] as Outgoing)))];
  if (keys.length > 0 && !(await confirm(keys, client.where)))
    throw new DatastoreDeclined(
      `${client.where}: datastore left unchanged (not replacing ${someQuoted(keys)})`,
    );
  return { client, type, outgoing, send, replace };
}

/**
 * Marks in `send` the new points the store already holds with the same value; returns false when the stored
 * points in the write's range differ from the new ones (a replacement).
 */
function compare(o: Outgoing, old: StoredPoints, send: Uint8Array): boolean {
  let same = true;
  let j = 0;
  const floor = SAME_IN_BLOCK * Math.max(largest(o.values, o.size), largest(old.values, old.values.length));
  for (let k = 0; k < old.times.length; k++) {
    const t = old.times[k] as number;
    if (t < o.start || t >= o.end) continue;
    while (j < o.size && (o.times[j] as number) < t) j++;
    if (j < o.size && o.times[j] === t && sameValue(o.values[j] as number, old.values[k] as number, floor))
      send[j] = 0;
    else same = false;
  }
  return same;
}

export async function commitDatastoreWrite(
  plan: DatastorePlan,
  onSent?: (points: number) => void,
): Promise<DatastoreWriteResult> {
  const { client, outgoing, send, replace } = plan;
  const batcher = new ImportBatcher(client, onSent);
  let unchanged = 0;
  for (const [i, o] of outgoing.entries()) {
    if (replace.has(i)) continue;
    const mask = send[i] as Uint8Array;
    // Runs of points to send, so a partly stored series sends only what is missing.
    for (let a = 0; a < o.size;) {
      if (mask[a] === 0) {
        unchanged++;
        a++;
        continue;
      }
      let b = a;
      while (b < o.size && mask[b] === 1) b++;
      await batcher.add(o.labels, o.times, o.values, a, b);
      a = b;
    }
  }
  await batcher.finish();
  for (const i of replace) await replaceSeries(client, outgoing[i] as Outgoing, batcher);
  await client.flush();
  const replaced = [...new Set([...replace].map((i) => keyOf(outgoing[i] as Outgoing)))];
  return { where: client.where, sent: batcher.sent, unchanged, replaced };
}

/**
 * Stored points outside the write's range, plus the new points: the whole series as it should be, written back
 * after the stored series is deleted.
 */
async function replaceSeries(client: VictoriaMetrics, o: Outgoing, batcher: ImportBatcher): Promise<void> {
  // Every series sharing our nameable labels, all time: ours, and the ones the delete must spare.
  const stored = await readStored(client, [selector(addressable(o.labels))], { start: 0 });
  const match = exactSelector(
    client,
    o,
    [...stored.values()].map((s) => s.labels),
  );
  const old = stored.get(dimensionsId(o.labels)) ?? { times: [], values: [] };
  const times: number[] = [];
  const values: number[] = [];
  const keepOld = (k: number): void => {
    times.push(old.times[k] as number);
    values.push(old.values[k] as number);
  };
  let k = 0;
  for (; k < old.times.length && (old.times[k] as number) < o.start; k++) keepOld(k);
  for (let j = 0; j < o.size; j++) {
    times.push(o.times[j] as number);
    values.push(o.values[j] as number);
  }
  for (; k < old.times.length; k++) if ((old.times[k] as number) >= o.end) keepOld(k);
  await client.deleteSeries([match]);
  try {
    await batcher.add(o.labels, times, values);
    await batcher.finish();
  } catch (err) {
    const rescue = await saveRescue(o, times, values);
    throw new DatastoreError(
      `${(err as Error).message}; series '${o.id.key}' was deleted for its replacement and its points are saved in ${rescue}`,
    );
  }
}

/**
 * A selector matching this series and none of `neighbours` (the stored series sharing its nameable labels):
 * its labels, plus `name=""` for every label only they carry. Refused when a label PromQL cannot name would
 * be needed to tell them apart.
 */
function exactSelector(client: VictoriaMetrics, o: Outgoing, neighbours: readonly Labels[]): string {
  const ours = dimensionsId(o.labels);
  const others = neighbours.filter((labels) => dimensionsId(labels) !== ours);
  const extra = new Set<string>();
  for (const labels of others) for (const k of Object.keys(labels)) if (!(k in o.labels)) extra.add(k);
  const usable = [...extra].filter((k) => LABEL_NAME.test(k));
  const unexcluded = others.filter((labels) => Object.keys(labels).every((k) => !usable.includes(k)));
  if (unexcluded.length > 0)
    throw new DatastoreError(
      `${client.where}: cannot replace '${o.id.key}' alone: another stored series differs from it only in a label PromQL cannot name`,
    );
  return selector(addressable(o.labels), usable);
}

async function saveRescue(o: Outgoing, times: number[], values: number[]): Promise<string> {
  const file = `clusterman-rescue-${new Date().toISOString().replace(/[:.]/g, '-')}.json.gz`;
  const data = new MetricsData();
  const points: Point[] = times.map((t, i) =>
    o.id.dictKey === undefined
      ? { t, value: values[i] as number }
      : { t, value: new Map([[o.id.dictKey, values[i] as number]]) },
  );
  data.set(o.id.type, o.id.key, points);
  await writeMetricsFile(file, data, 'json');
  return file;
}

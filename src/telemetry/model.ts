/**
 * Values per device and slot. `reference` draws scale * min(U, U); an expression sees the slot (t, hour and
 * weekday in the device's time zone), the device (device_factor, model, location and the tables' numeric
 * columns), the other values of the same slot and the device's values in its previous slot (prev_<name>).
 * All draws come from the cell's own stream (streams.ts), so no value depends on other devices or files.
 */
import { DateTime, IANAZone } from 'luxon';
import { compileExpr, type CompiledExpr, type ExprEnv, ExprError, type ExprFunction } from '../expr';
import { bindDistribution, DISTRIBUTION_NAMES, findDistribution } from '../random/distributions';
import { TelemetryError } from './errors';
import type { Device } from './inventory';
import type { MeasurementSet, Quantity } from './measurements';
import { CellStream, type DeviceKey, deviceKey, Purpose } from './streams';
import type { Table } from './tables';

export interface ModelInput {
  readonly set: MeasurementSet;
  readonly devices: readonly Device[];
  readonly types: Table;
  readonly locations: Table;
  readonly seed: bigint;
}

interface Step {
  readonly quantity: Quantity;
  /** Index into the output (measurements, by name), or -1 for a variable. */
  readonly out: number;
  readonly expr?: CompiledExpr;
  readonly scale: number;
  readonly min: number;
  readonly max: number;
}

type MutableEnv = { -readonly [K in keyof ExprEnv]: ExprEnv[K] };

export class DeviceModel {
  readonly keys: readonly DeviceKey[];
  /** Per measurement (by name): how many values were clamped to the range. */
  readonly clamped: number[];
  private readonly steps: readonly Step[];
  private readonly stream = new CellStream();
  private readonly allReference: boolean;
  /** prev[step][device] */
  private readonly prev: Float64Array[];
  private readonly env: MutableEnv;
  private readonly vars: SlotVars;
  /** Device-level names the expressions read (their slot in vars), with their values per device. */
  private readonly deviceSlots: [number, Float64Array][] = [];
  private readonly prevSlots: [number, Float64Array][] = [];
  /** The two lists above, flattened for the per-row copy: slot indexes and their per-device values. */
  private readonly inSlots: Int32Array;
  private readonly inValues: Float64Array[];
  private readonly aliasSlots: Int32Array;
  private readonly zoneOf: Int32Array;
  private readonly zones: readonly string[];
  private readonly zoneObjects: readonly IANAZone[];
  private readonly hourOf: Float64Array;
  /** Per zone: its UTC offset in minutes, known to hold for slot times from offsetFrom to offsetTo. */
  private readonly offsetMinutes: Float64Array;
  private readonly offsetFrom: Float64Array;
  private readonly offsetTo: Float64Array;
  private readonly weekdayOf: Float64Array;
  private zone = 'UTC';

  constructor(private readonly input: ModelInput) {
    const { set, devices, seed } = input;
    this.keys = devices.map((d) => deviceKey(seed, d.sn));
    this.clamped = set.measurements.map(() => 0);
    const attributes = deviceAttributes(input);
    const aliases = [...set.measurements, ...set.variables].map((q) => q.alias);
    for (const a of aliases)
      if (attributes.has(a))
        throw new TelemetryError(
          `${set.file}: the name '${a}' is also a column of the types or locations table`,
        );
    const names = [...attributes.keys(), ...aliases, ...aliases.map((a) => `prev_${a}`)];
    this.vars = new SlotVars(names);
    const functions = distributionFunctions(this.stream);
    // Variables are read by index from the cells (env.cells), not looked up by name per row.
    const slots = new Map(names.map((n) => [n, this.vars.slot(n)]));
    const compiled = new Map<string, CompiledExpr>();
    for (const q of [...set.measurements, ...set.variables]) {
      if (q.model.kind !== 'expression') continue;
      try {
        compiled.set(q.alias, compileExpr(q.model.source, { variables: names, functions, slots }));
      } catch (err) {
        if (err instanceof ExprError) throw new TelemetryError(`${set.file}: ${q.alias}: ${err.message}`);
        throw err;
      }
    }
    this.steps = order(set, compiled).map((q) => {
      const out = set.measurements.findIndex((m) => m.alias === q.alias);
      const m = set.measurements[out];
      return {
        quantity: q,
        out,
        expr: compiled.get(q.alias),
        scale: q.model.kind === 'reference' ? q.model.scale : 0,
        min: m ? m.min : -Infinity,
        max: m ? m.max : Infinity,
      };
    });
    this.allReference = this.steps.every((s) => s.expr === undefined);
    this.prev = this.steps.map(() => new Float64Array(devices.length));
    const used = new Set([...compiled.values()].flatMap((e) => e.variablesUsed));
    for (const [name, values] of attributes)
      if (used.has(name)) this.deviceSlots.push([this.vars.slot(name), values()]);
    this.steps.forEach((s, i) => {
      const name = `prev_${s.quantity.alias}`;
      if (used.has(name)) this.prevSlots.push([this.vars.slot(name), this.prev[i] as Float64Array]);
    });
    this.aliasSlots = Int32Array.from(this.steps, (s) => this.vars.slot(s.quantity.alias));
    const inputs = [...this.deviceSlots, ...this.prevSlots];
    this.inSlots = Int32Array.from(inputs, ([slot]) => slot);
    this.inValues = inputs.map(([, values]) => values);
    const zones = [...new Set(input.locations.rows.map((r) => r.zone)), 'UTC'];
    const byLocation = new Map(input.locations.rows.map((r) => [r.name, zones.indexOf(r.zone)]));
    this.zones = zones;
    this.zoneObjects = zones.map((z) => IANAZone.create(z));
    this.zoneOf = Int32Array.from(devices, (d) => byLocation.get(d.location) ?? zones.length - 1);
    this.hourOf = new Float64Array(zones.length);
    this.offsetMinutes = new Float64Array(zones.length);
    this.offsetFrom = new Float64Array(zones.length).fill(Infinity);
    this.offsetTo = new Float64Array(zones.length).fill(-Infinity);
    this.weekdayOf = new Float64Array(zones.length);
    this.env = {
      vars: this.vars,
      cells: this.vars.cells,
      t: 0,
      hour: 0,
      weekday: 0,
      localParts: (u) => {
        const local = DateTime.fromSeconds(u, { zone: this.zone });
        return { hour: local.hour + local.minute / 60 + local.second / 3600, weekday: local.weekday - 1 };
      },
    };
  }

  /** A file starts: previous values are the initial ones again, so a file never depends on another. */
  startFile(): void {
    this.steps.forEach((s, i) => (this.prev[i] as Float64Array).fill(s.quantity.initial));
  }

  /** A slot starts: its local hour and weekday in every zone. */
  startSlot(t: number): void {
    this.env.t = t;
    if (this.allReference) return;
    this.zoneObjects.forEach((zone, z) => {
      // Local seconds since the epoch: the hour and weekday follow without building a date.
      const local = t + this.offsetAt(z, zone, t) * 60;
      const days = Math.floor(local / 86_400);
      this.hourOf[z] = (local - days * 86_400) / 3600;
      // 1970-01-01 was a Thursday (3 with Monday = 0).
      this.weekdayOf[z] = (((days + 3) % 7) + 7) % 7;
    });
  }

  /**
   * A zone's offset at t. Asking the zone (Intl) is slow, so an offset that is the same at t and an hour later
   * is kept for that hour: time zones change their offset at most once in an hour.
   */
  private offsetAt(z: number, zone: IANAZone, t: number): number {
    if (t >= (this.offsetFrom[z] as number) && t <= (this.offsetTo[z] as number))
      return this.offsetMinutes[z] as number;
    const offset = zone.offset(t * 1000);
    const same = zone.offset((t + 3600) * 1000) === offset;
    this.offsetMinutes[z] = offset;
    this.offsetFrom[z] = t;
    this.offsetTo[z] = same ? t + 3600 : t;
    return offset;
  }

  /** The measurements of device d in the current slot, into out (by name). */
  compute(d: number, out: Float64Array): void {
    const stream = this.stream.start(this.keys[d] as DeviceKey, this.env.t, Purpose.value);
    if (this.allReference) {
      for (const s of this.steps) {
        const a = stream.random();
        const b = stream.random();
        out[s.out] = s.scale * (a < b ? a : b);
      }
      return;
    }
    const env = this.env;
    const vars = this.vars;
    const z = this.zoneOf[d] as number;
    env.hour = this.hourOf[z] as number;
    env.weekday = this.weekdayOf[z] as number;
    this.zone = this.zones[z] as string;
    const slots = vars.cells;
    const inSlots = this.inSlots;
    const inValues = this.inValues;
    for (let j = 0; j < inSlots.length; j++)
      slots[inSlots[j] as number] = (inValues[j] as Float64Array)[d] as number;
    const steps = this.steps;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i] as Step;
      let v: number;
      if (s.expr) {
        try {
          v = s.expr.evaluate(env);
        } catch (err) {
          if (err instanceof ExprError)
            throw new TelemetryError(
              `${this.input.set.file}: ${s.quantity.alias} ${err.message} for device ${this.input.devices[d]?.sn} at t=${env.t}`,
            );
          throw err;
        }
      } else {
        const a = stream.random();
        const b = stream.random();
        v = s.scale * (a < b ? a : b);
      }
      if (v < s.min || v > s.max) {
        v = v < s.min ? s.min : s.max;
        this.clamped[s.out] = (this.clamped[s.out] as number) + 1;
      }
      slots[this.aliasSlots[i] as number] = v;
      (this.prev[i] as Float64Array)[d] = v;
      if (s.out >= 0) out[s.out] = v;
    }
  }
}

/**
 * The expressions' variables, read through Map.get as the compiler does, but held in a Float64Array: setting
 * a double in a Map allocates, and that is per row.
 */
class SlotVars extends Map<string, number> {
  readonly cells: Float64Array;
  private readonly index: Map<string, number>;

  constructor(names: readonly string[]) {
    super();
    this.index = new Map(names.map((n, i) => [n, i]));
    this.cells = new Float64Array(names.length);
  }

  slot(name: string): number {
    return this.index.get(name) as number;
  }

  override get(name: string): number | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.cells[i];
  }
}

/** device_factor, model, location and the tables' numeric columns, each computed only when read. */
function deviceAttributes(input: ModelInput): Map<string, () => Float64Array> {
  const { devices, types, locations, seed } = input;
  const typeRow = new Map(types.rows.map((r) => [r.name, r]));
  const locationRow = new Map(locations.rows.map((r) => [r.name, r]));
  const lookup = (
    table: Table,
    rows: Map<string, (typeof table.rows)[number]>,
    field: 'model' | 'location',
  ) =>
    devices.map((d, i) => {
      const row = rows.get(field === 'model' ? d.model : d.location);
      if (!row)
        throw new TelemetryError(
          `inventory device ${d.sn} (row ${i + 1}): ${field} '${field === 'model' ? d.model : d.location}' is not in ${table.file}, whose columns the measurements read (pass --${table.kind})`,
        );
      return row;
    });
  const out = new Map<string, () => Float64Array>();
  out.set('device_factor', () => {
    const stream = new CellStream();
    return Float64Array.from(devices, (d) => stream.start(deviceKey(seed, d.sn), 0, Purpose.device).random());
  });
  out.set('model', () => Float64Array.from(lookup(types, typeRow, 'model'), (r) => r.id));
  out.set('location', () => Float64Array.from(lookup(locations, locationRow, 'location'), (r) => r.id));
  for (const a of types.attributes)
    out.set(a, () =>
      Float64Array.from(lookup(types, typeRow, 'model'), (r) => r.attributes.get(a) as number),
    );
  for (const a of locations.attributes)
    if (!out.has(a))
      out.set(a, () =>
        Float64Array.from(lookup(locations, locationRow, 'location'), (r) => r.attributes.get(a) as number),
      );
  return out;
}

/** Values in dependency order: a value read in the same slot is computed before its reader. */
function order(set: MeasurementSet, compiled: ReadonlyMap<string, CompiledExpr>): Quantity[] {
  const all = [...set.measurements, ...set.variables];
  const byAlias = new Map(all.map((q) => [q.alias, q]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const out: Quantity[] = [];
  const visit = (q: Quantity) => {
    if (done.has(q.alias)) return;
    if (visiting.includes(q.alias)) {
      const cycle = [...visiting.slice(visiting.indexOf(q.alias)), q.alias].join(' -> ');
      throw new TelemetryError(
        `${set.file}: values depend on each other in the same slot (${cycle}); use prev_<name> for the previous slot's value`,
      );
    }
    visiting.push(q.alias);
    for (const name of compiled.get(q.alias)?.variablesUsed ?? []) {
      const dep = byAlias.get(name);
      if (dep) visit(dep);
    }
    visiting.pop();
    done.add(q.alias);
    out.push(q);
  };
  all.forEach(visit);
  return out;
}

/** The distributions of the random module as expression functions drawing from the cell's stream. */
function distributionFunctions(stream: CellStream): ExprFunction[] {
  return DISTRIBUTION_NAMES.map((name) => {
    const params = findDistribution(name)?.params ?? [];
    // Call sites mostly pass constants: binding (checking) the same arguments again is wasted work.
    const cache: { args: readonly number[]; draw: ReturnType<typeof bindDistribution> }[] = [];
    return {
      name,
      minArgs: params.filter((p) => p.default === undefined).length,
      maxArgs: params.length,
      random: true,
      // Constant arguments (the usual case): checked once, then each call only draws.
      bind(args: readonly number[]) {
        let draw: ReturnType<typeof bindDistribution>;
        try {
          draw = bindDistribution(name, args, 'values');
        } catch {
          return undefined; // reported by call() when (and if) the call happens, as before
        }
        const sample = draw.draw;
        return () => sample(stream);
      },
      call(args: readonly number[]): number {
        let hit = cache.find((c) => c.args.length === args.length && c.args.every((a, i) => a === args[i]));
        if (!hit) {
          hit = { args: [...args], draw: bindDistribution(name, args, 'values') };
          if (cache.length >= 8) cache.shift();
          cache.push(hit);
        }
        return hit.draw.draw(stream);
      },
    };
  });
}

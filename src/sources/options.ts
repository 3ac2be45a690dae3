/** `-o name=value` source options: parsed once, read by name, each value checked with a one-line error. */
import { parseDuration, TimeError } from '../time';
import { didYouMean } from '../util/nearest';
import { SourceOptionError } from './errors';

/** `name=value` pairs; a name may repeat (filters). */
function parseOptionPairs(pairs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SourceOptionError(`-o '${pair}': expected name=value`);
    const name = pair.slice(0, eq).trim();
    out.set(name, [...(out.get(name) ?? []), pair.slice(eq + 1)]);
  }
  return out;
}

export class SourceOptions {
  private readonly pairs: Map<string, string[]>;

  /** Unknown names are refused with a suggestion; `source` names the source in that message. */
  constructor(pairs: readonly string[], known: readonly string[], source: string) {
    this.pairs = parseOptionPairs(pairs);
    for (const name of this.pairs.keys()) {
      if (!known.includes(name))
        throw new SourceOptionError(`-o ${name}: unknown ${source} option${didYouMean(name, known)}`);
    }
  }

  all(name: string): string[] {
    return this.pairs.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.pairs.has(name);
  }

  one(name: string): string | undefined {
    const values = this.pairs.get(name);
    if (values && values.length > 1) throw new SourceOptionError(`-o ${name}: given ${values.length} times`);
    return values?.[0];
  }

  int(name: string, fallback: number, min: number): number {
    const raw = this.one(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min)
      throw new SourceOptionError(`-o ${name}: expected an integer >= ${min} (got '${raw}')`);
    return n;
  }

  /** A positive duration in seconds: `5d`, `12h`, `90` (seconds). */
  seconds(name: string, fallback: number): number {
    const raw = this.one(name);
    if (raw === undefined) return fallback;
    let seconds: number;
    try {
      seconds = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : parseDuration(raw);
    } catch (err) {
      throw new SourceOptionError(`-o ${name}: ${err instanceof TimeError ? err.message : String(err)}`);
    }
    if (!(seconds > 0)) throw new SourceOptionError(`-o ${name}: must be positive (got '${raw}')`);
    return seconds;
  }

  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.one(name);
    if (raw !== undefined && !(allowed as readonly string[]).includes(raw))
      throw new SourceOptionError(`-o ${name}: expected one of ${allowed.join(', ')} (got '${raw}')`);
    return raw as T | undefined;
  }
}

/**
 * Collects the records of one session in time order, and the later records it causes (payments, deliveries,
 * ratings). Ids are (user, day, session, n): the same in every run, and after a resume.
 */
import type { Rng } from '../random/rng';
import type { CatalogItem } from './catalog';
import type { CatalogRecord, LogRecord } from './records';
import type { UserState } from './user';
import { US } from './user';

export type SessionRecord = LogRecord | CatalogRecord;

export const isLog = (r: SessionRecord): r is LogRecord => (r as LogRecord).type !== undefined;

export class SessionBuilder {
  /** now, epoch µs */
  t: number;
  readonly records: SessionRecord[] = [];
  readonly later: LogRecord[] = [];
  private n = 0;
  private m = 0;

  constructor(
    readonly rng: Rng,
    readonly user: UserState,
    readonly key: string,
    readonly ol: boolean,
    start: number,
  ) {
    this.t = start;
  }

  /** Moves time on by `seconds` (fractions kept to the microsecond). */
  wait(seconds: number): void {
    this.t += Math.round(seconds * US);
  }

  log(type: string, block: string, props: unknown, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, JSON.stringify(props), ol, `${this.key}-${this.n++}`));
  }

  /** `log` with the props already as JSON text (hot records build it from cached parts). */
  logJson(type: string, block: string, props: string, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, props, ol, `${this.key}-${this.n++}`));
  }

  catalog(item: CatalogItem): void {
    this.records.push({ ts: this.t, subject: item.subject, data: item.data, id: `${this.key}-${this.n++}` });
  }

  /** A record at `ts`, after the session (a payment, a delivery, a rating). */
  schedule(ts: number, type: string, block: string, props: unknown, ol = this.ol): void {
    this.later.push(this.make(ts, type, block, JSON.stringify(props), ol, `${this.key}-d${this.m++}`));
  }

  private make(ts: number, type: string, block: string, props: string, ol: boolean, id: string): LogRecord {
    const rng = this.rng;
    return {
      ts,
      type,
      block,
      props,
      ol,
      id,
      user: this.user.no,
      up: 1000 + rng.randbelow(99_000),
      dn: 1000 + rng.randbelow(99_000),
    };
  }
}

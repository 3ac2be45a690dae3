/**
 * One session of a user, drawn whole when it starts from the stream (user, day, session): the web or mobile
 * frame (app open, login, activity, background and resume, logout, app close, app rating) around the content
 * blocks, or the purchase flow. Purchase users run their normal block first and then the purchase flow, so
 * logout comes after both (the reference interleaved them, its bug 12). Session length scales with the
 * engagement by `session_engagement_duration_factor` (inert in the reference, bug 11).
 */
import { isLog, SessionBuilder, type SessionRecord } from './builder';
import { runBlock } from './blocks';
import type { Context, ProfileTables } from './context';
import { floatIn, intIn, pickWeighted, Stream, streamRng } from './draw';
import { purchaseFlow } from './purchase';
import { PackedRecords } from './packed';
import type { LogRecord } from './records';
import type { UserState } from './user';
import { US } from './user';

/** The frame's props, one shared text each: sessions hold tens of thousands of them while they run. */
const ACTION = Object.fromEntries(
  ['open', 'login', 'logout', 'close', 'background', 'resume'].map((a) => [a, JSON.stringify({ action: a })]),
) as Readonly<Record<'open' | 'login' | 'logout' | 'close' | 'background' | 'resume', string>>;

export interface Session {
  /** in time order */
  readonly records: PackedRecords;
  /** records after the session: payments, delivery, ratings */
  readonly later: LogRecord[];
  readonly end: number;
}

export function runSession(
  ctx: Context,
  tables: ProfileTables,
  user: UserState,
  start: number,
  day: number,
  index: number,
): Session {
  const p = tables.config;
  const rng = streamRng(ctx.seed, Stream.Session, user.no, day, index);
  const key = `${user.no}-${day}-${index}`;
  if (p.user_type === 'event_per_period') return periodChunk(ctx, tables, user, start, key);
  const b = new SessionBuilder(rng, user, key, rng.random() < p.online_probability, start);
  const scale = 1 - p.session_engagement_duration_factor * (1 - user.se);
  const length =
    (p.session_length_min_seconds +
      Math.floor(rng.random() * (p.session_length_max_seconds - p.session_length_min_seconds))) *
    scale;
  const mobile = p.product_user_type === 'mobile';
  if (mobile) {
    b.logJson('app', 'core', ACTION.open);
    b.wait(floatIn(rng, 0.5, 5));
  }
  b.logJson('identify', 'core', ACTION.login);
  b.wait(floatIn(rng, 2, 5));
  b.wait(intIn(rng, 5, 15));
  const activityFrom = b.records.length;
  const until = start + Math.round(length * US);
  const purchase = p.user_type === 'purchase_engagement';
  if (!purchase || rng.random() < p.behaviour.normal_event_probability) {
    while (b.t < until && tables.eventTypes.length > 0) {
      runBlock(ctx, b, p, tables.eventTypes[pickWeighted(rng, tables.eventCum)] as never);
      b.wait(intIn(rng, 5, 29));
    }
  }
  if (purchase) purchaseFlow(ctx, b, tables);
  let records = b.records;
  if (mobile && p.background_per_minute_probability > 0)
    records = withBackground(b, activityFrom, p.background_per_minute_probability);
  const frame = new SessionBuilder(rng, user, `${key}-f`, b.ol, b.t);
  frame.logJson('identify', 'core', ACTION.logout);
  frame.wait(floatIn(rng, 0.5, 5));
  if (mobile) {
    frame.logJson('app', 'core', ACTION.close);
    frame.wait(floatIn(rng, 0.5, 5));
  }
  if (rng.random() < ctx.config.global.rating_probability) {
    frame.wait(intIn(rng, 5, 30));
    frame.log('rate', 'core', { subject_id: ctx.app, type: 'app', rate_value: 1 + rng.randbelow(5) });
  }
  for (const r of frame.records) records.push(r);
  return { records: new PackedRecords(records, user.no), later: b.later, end: frame.t };
}

/**
 * App background while the user is idle: for each whole minute of a gap of a minute or more between
 * activity records, with probability p, background, resume (+1 s) and login (+2 s).
 */
function withBackground(b: SessionBuilder, from: number, p: number): SessionRecord[] {
  const src = b.records;
  const out: SessionRecord[] = src.slice(0, from + 1);
  const extra = new SessionBuilder(b.rng, b.user, `${b.key}-b`, b.ol, 0);
  for (let i = from + 1; i < src.length; i++) {
    const prev = (src[i - 1] as SessionRecord).ts;
    const next = src[i] as SessionRecord;
    const minutes = Math.floor((next.ts - prev) / (60 * US));
    for (let m = 1; m <= minutes; m++) {
      if (b.rng.random() >= p) continue;
      const at = prev + m * 60 * US - 3 * US;
      if (at <= prev) continue;
      const before = extra.records.length;
      extra.t = at;
      extra.logJson('app', 'core', ACTION.background);
      extra.wait(1);
      extra.logJson('app', 'core', ACTION.resume);
      extra.wait(1);
      extra.logJson('identify', 'core', ACTION.login);
      for (let k = before; k < extra.records.length; k++) out.push(extra.records[k] as SessionRecord);
    }
    out.push(next);
  }
  return out;
}

/** event_per_period users: one block of a weighted type every `seconds_per_event`, for an hour. */
function periodChunk(
  ctx: Context,
  tables: ProfileTables,
  user: UserState,
  start: number,
  key: string,
): Session {
  const p = tables.config;
  const rng = streamRng(ctx.seed, Stream.Session, user.no, Math.floor(start / 3.6e9), 0x7fff);
  const b = new SessionBuilder(rng, user, key, true, start);
  const step = Math.round(p.behaviour.schedule.seconds_per_event * US);
  const end = (Math.floor(start / (3600 * US)) + 1) * 3600 * US;
  for (let t = start; t < end && tables.eventTypes.length > 0; t += step) {
    b.t = t;
    runBlock(ctx, b, p, tables.eventTypes[pickWeighted(rng, tables.eventCum)] as never);
  }
  const records = new PackedRecords(
    b.records.sort((x, y) => x.ts - y.ts),
    user.no,
  );
  return { records, later: [], end: Math.max(b.t, end - 1) };
}

export { isLog };

/**
 * The saved state as text. Version 2 is compact JSON: each user and each later record an array of its fields
 * (no key names, a user's number its place in the list, the profile a number): at 100,000 users 80 MB of
 * text instead of version 1's 112 MB of keyed objects, less to inflate and parse on every resume and to build
 * at every checkpoint. Version 1 (SavedState as plain JSON) is still read. An older clusterman reads the
 * top-level `version` and refuses a version 2 state with its version message.
 */
import { StateWriter } from '../store/codec';
import type { EncodedState } from '../store/types';
import type { LogRecord, CatalogRecord } from './records';
import type { SessionRecord } from './builder';
import { UsersInputError } from './errors';
import type { SavedState, SavedUser, SessionAt } from './snapshot';
import type { Shop, UserState } from './user';

export const STATE_VERSION = 2;

/** A user: id, did, profile number, reg, active (1/0), se, pe, day, starts, sessions, busy, shop, scores, milestones, level[, at]. */
type UserRow = [
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number[],
  number,
  number,
  ShopRow | 0,
  Record<string, number>,
  Record<string, number>,
  number,
  AtRow?,
];
/** balance, remaining, favorites, reminders, credits */
type ShopRow = [number, number[], number[], number[], [number, number][]];
/** start, day, index, se, pe[, due (null: none), deliveries, cancellations] */
type AtRow =
  | [number, number, number, number, number]
  | [number, number, number, number, number, number | null, number, number];
/** A log record: priority, ts, type, block, props, ol (1/0), id, user, up, dn; a catalog row: priority, ts, subject, data, id. */
type LaterRow =
  | [number, number, string, string, string, number, string, number, number, number]
  | [number, number, string, string, string];

function userRow({ s, at }: SavedUser, no: number, profiles: Map<string, number>): UserRow {
  // A user's number is its place in the list (the simulation keeps them so); checked, not assumed.
  if (s.no !== no) throw new Error(`user ${s.no} saved at place ${no}`);
  let profile = profiles.get(s.profile);
  if (profile === undefined) profiles.set(s.profile, (profile = profiles.size));
  const shop: ShopRow | 0 = s.shop
    ? [s.shop.balance, s.shop.remaining, s.shop.favorites, s.shop.reminders, s.shop.credits]
    : 0;
  const row: UserRow = [
    s.id,
    s.did,
    profile,
    s.reg,
    s.active ? 1 : 0,
    s.se,
    s.pe,
    s.day,
    s.starts,
    s.sessions,
    s.busy,
    shop,
    s.scores,
    s.milestones,
    s.level,
  ];
  if (at !== undefined) row.push(atRow(at));
  return row;
}

function atRow(at: SessionAt): AtRow {
  const head: [number, number, number, number, number] = [at.start, at.day, at.index, at.se, at.pe];
  if (at.pending === undefined) return head;
  return [...head, at.due ?? null, at.pending[0], at.pending[1]];
}

function laterRow(p: number, r: SessionRecord): LaterRow {
  if ((r as LogRecord).type === undefined) {
    const c = r as CatalogRecord;
    return [p, c.ts, c.subject, c.data, c.id];
  }
  const l = r as LogRecord;
  return [p, l.ts, l.type, l.block, l.props, l.ol ? 1 : 0, l.id, l.user, l.up, l.dn];
}

/** The last checkpoint's state size: the next, about as big, is cut into parts of about a quarter of it. */
let lastStateBytes = 0;

/**
 * The version 2 text of `state`, handed to `write` in pieces of about `pieceChars` characters: a 100,000-user
 * state is tens of MB of JSON, and neither it as one string nor its bytes need to be held at once.
 */
export function writeStateText(state: SavedState, write: (text: string) => void, pieceChars = 1 << 20): void {
  const { users, later, registrations, ...head } = state;
  // Written as version 2 whatever layout the state was read from.
  let text = JSON.stringify({ ...head, version: STATE_VERSION }).slice(0, -1);
  const add = (piece: string): void => {
    text += piece;
    if (text.length >= pieceChars) {
      write(text);
      text = '';
    }
  };
  const list = <T>(name: string, items: readonly T[], row: (item: T, i: number) => unknown): void => {
    add(`,"${name}":[`);
    items.forEach((item, i) => add((i === 0 ? '' : ',') + JSON.stringify(row(item, i))));
    add(']');
  };
  const profiles = new Map<string, number>();
  list('users', users, (u, i) => userRow(u, i, profiles));
  list('later', later, ({ p, r }) => laterRow(p, r));
  list('registrations', registrations, (reg) => reg);
  // After the users: their profile numbers are handed out as they come.
  write(`${text},"profiles":${JSON.stringify([...profiles.keys()])}}`);
}

/**
 * The version 2 text of `state` as bytes, whole: what `encodedState` compresses, for reading a state back in
 * tests and tools (a run's checkpoint never holds it whole).
 */
export function stateBytes(state: SavedState, pieceChars = 1 << 20): Buffer {
  const pieces: string[] = [];
  writeStateText(state, (text) => pieces.push(text), pieceChars);
  return Buffer.from(pieces.join(''), 'utf8');
}

/**
 * `state` as the store keeps it, deflated as its text is made: the whole text is never held, only a part of it
 * (about a quarter of the last state's size) and the compressed bytes. At 100,000 users a checkpoint held the
 * 80 MB text and its compressed copy at once.
 */
export function encodedState(state: SavedState): EncodedState {
  const writer = new StateWriter(Math.max(lastStateBytes, state.users.length * BYTES_PER_USER));
  writeStateText(state, (text) => writer.write(text));
  lastStateBytes = writer.bytes;
  return { rows: writer.end() };
}

/**
 * A floor of a state's size per user (~800 bytes at 100,000 users, later records included), so that the first
 * checkpoint of a run is cut into a few parts like the later ones, not into many small ones.
 */
const BYTES_PER_USER = 600;

interface StateFileV2 extends Omit<SavedState, 'users' | 'later'> {
  readonly profiles: readonly string[];
  readonly users: readonly UserRow[];
  readonly later: readonly LaterRow[];
}

/** The state in `text`, of version 1 or 2; any other version is refused with one line. */
export function readState(text: string): SavedState {
  const file = JSON.parse(text) as { version: unknown };
  // Version 1 is SavedState as it is kept in memory.
  if (file.version === 1) return file as SavedState;
  if (file.version !== STATE_VERSION)
    throw new UsersInputError(
      `the saved simulation has state version ${String(file.version)}; this clusterman reads ${STATE_VERSION} (and 1)`,
    );
  const { profiles, users, later, ...head } = file as StateFileV2;
  return {
    ...head,
    users: users.map((row, no) => savedUser(row, no, profiles)),
    later: later.map(laterEntry),
  };
}

function savedUser(row: UserRow, no: number, profiles: readonly string[]): SavedUser {
  const [
    id,
    did,
    profile,
    reg,
    active,
    se,
    pe,
    day,
    starts,
    sessions,
    busy,
    shop,
    scores,
    milestones,
    level,
    at,
  ] = row;
  const s: UserState = {
    no,
    id,
    did,
    profile: profiles[profile] as string,
    reg,
    active: active === 1,
    se,
    pe,
    day,
    starts,
    sessions,
    busy,
    shop: shop === 0 ? null : shopOf(shop),
    scores,
    milestones,
    level,
  };
  return at === undefined ? { s } : { s, at: sessionAt(at) };
}

function shopOf([balance, remaining, favorites, reminders, credits]: ShopRow): Shop {
  return { balance, remaining, favorites, reminders, credits };
}

function sessionAt(row: AtRow): SessionAt {
  const [start, day, index, se, pe, due, deliveries, cancellations] = row;
  if (deliveries === undefined || cancellations === undefined) return { start, day, index, se, pe };
  const pending: [number, number] = [deliveries, cancellations];
  return due === null || due === undefined
    ? { start, day, index, se, pe, pending }
    : { start, day, index, se, pe, due, pending };
}

function laterEntry(row: LaterRow): SavedState['later'][number] {
  if (row.length === 5) {
    const [p, ts, subject, data, id] = row;
    return { p, r: { ts, subject, data, id } };
  }
  const [p, ts, type, block, props, ol, id, user, up, dn] = row;
  return { p, r: { ts, type, block, props, ol: ol === 1, id, user, up, dn } };
}

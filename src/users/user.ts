/**
 * A user's state: small, plain JSON, and everything its future depends on. What a user does on a day and in a
 * session is drawn from streams keyed by (user number, day, session), so this state plus the seed decides it.
 */
import { COUNTRIES, EDUCATION, FIRST_NAMES, LAST_NAMES, PROFESSIONS, WORDS } from './words';
import { floatIn, Stream, streamRng, uuid } from './draw';
import type { ProfileConfig } from './types';

/**
 * What a purchase user keeps between sessions. Its fixed traits (interests, probabilities) are drawn from its
 * own stream and rebuilt on resume (see purchase.ts), so only what changes is saved.
 */
export interface Shop {
  balance: number;
  /** views still needed before each interest is bought, in the order of the user's interests */
  remaining: number[];
  favorites: number[];
  reminders: number[];
  /** refunds not yet credited: [epoch µs, amount] pairs, credited at the first session start after them */
  credits: [number, number][];
}

/**
 * A copy of `shop` that shares nothing with it: what a session changes is put back from it on resume. Written
 * out, not structuredClone: ~3x faster, and it runs at every session start and for every running session a
 * resume restores.
 */
export function copyShop(shop: Shop): Shop {
  return {
    balance: shop.balance,
    remaining: shop.remaining.slice(),
    favorites: shop.favorites.slice(),
    reminders: shop.reminders.slice(),
    credits: shop.credits.map(([at, amount]) => [at, amount]),
  };
}

/** The fields of a user that its running session changes (a snapshot saves them as they were at its start). */
export type SessionOwned = Pick<UserState, 'shop' | 'scores' | 'milestones' | 'level' | 'busy'>;

/** `u`'s session-owned fields, copied: what a session start keeps, and a restore puts back for a redraw. */
export function sessionOwned(u: UserState): SessionOwned {
  return {
    shop: u.shop && copyShop(u.shop),
    scores: { ...u.scores },
    milestones: { ...u.milestones },
    level: u.level,
    busy: u.busy,
  };
}

export interface UserState {
  /** creation order: keys the user's random streams and breaks ties between users */
  readonly no: number;
  readonly id: string;
  /** a device id for the user's whole life (the reference's changed at every restart) */
  readonly did: string;
  readonly profile: string;
  /** registration, epoch µs */
  readonly reg: number;
  active: boolean;
  /** session and purchase engagement, in [0, 1] */
  se: number;
  pe: number;
  /** the day (epoch day) `starts` belongs to */
  day: number;
  /** session starts still to come, epoch µs, ascending */
  starts: number[];
  /** sessions begun on `day` (the next one's stream index) */
  sessions: number;
  /** end of the last session, epoch µs: a new one never starts before it */
  busy: number;
  shop: Shop | null;
  /** loyalty: score per block, and the next milestone's number per block */
  scores: Record<string, number>;
  milestones: Record<string, number>;
  level: number;
}

export const US = 1e6;
export const DAY_US = 86_400 * US;

/** A new user of `profile`, registered at `reg` (epoch µs); also its `user` catalog data. */
export function createUser(
  seed: bigint,
  no: number,
  profile: ProfileConfig,
  reg: number,
): { user: UserState; data: string } {
  const rng = streamRng(seed, Stream.UserCreate, no);
  const id = `${profile.name.slice(0, 11)}-${uuid(rng)}`;
  // A signed 53-bit number, like the reference's signed hash, but drawn once and kept.
  const did = String((rng.random() < 0.5 ? -1 : 1) * rng.getrandbits(53));
  const se = floatIn(rng, profile.session_engagement.initial_min, profile.session_engagement.initial_max);
  const pe = floatIn(rng, profile.purchase_engagement.initial_min, profile.purchase_engagement.initial_max);
  const place = COUNTRIES[rng.randbelow(COUNTRIES.length)] as (typeof COUNTRIES)[number];
  const first = FIRST_NAMES[rng.randbelow(FIRST_NAMES.length)] as string;
  const last = LAST_NAMES[rng.randbelow(LAST_NAMES.length)] as string;
  const data = JSON.stringify({
    uuid: id,
    name: `${first} ${last}`,
    email: `${first}.${last}${rng.randbelow(1000)}@example.org`.toLowerCase(),
    ...place,
    profession: PROFESSIONS[rng.randbelow(PROFESSIONS.length)],
    workplace: `${WORDS[rng.randbelow(WORDS.length)]} clinic`,
    experience: rng.randbelow(30),
    education_level: EDUCATION[rng.randbelow(EDUCATION.length)],
    organization: `${WORDS[rng.randbelow(WORDS.length)]} health`,
  });
  const user: UserState = {
    no,
    id,
    did,
    profile: profile.name,
    reg,
    active: true,
    se,
    pe,
    day: Math.floor(reg / DAY_US),
    starts: [],
    sessions: 0,
    busy: 0,
    shop: null,
    scores: {},
    milestones: {},
    level: 0,
  };
  return { user, data };
}

/** A deep copy (plain JSON data), kept while a session runs so a checkpoint can save the state before it. */
export function cloneUser(u: UserState): UserState {
  return {
    ...u,
    starts: [...u.starts],
    shop: u.shop && copyShop(u.shop),
    scores: { ...u.scores },
    milestones: { ...u.milestones },
  };
}

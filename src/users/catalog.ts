/**
 * Catalogs: media, modules, exams, promotions and the medical shop types, each topped up to its target count.
 * An item is drawn from its own stream (type, index), so a catalog is the same in every run of a seed. The
 * state keeps only how many items each type has; the items themselves are rebuilt from the seed on resume.
 */
import type { Rng } from '../random/rng';
import { floatIn, intIn, Stream, streamRng, uuid } from './draw';
import { CATALOG_TYPES } from './schema';
import type { CatalogConfig, CatalogType, UsersConfig } from './types';
import { BLOOD_GROUPS, DRUG_NAMES, EQUIPMENT, WORDS } from './words';

export interface CatalogItem {
  readonly id: string;
  readonly type: CatalogType;
  /** seconds, for media, modules and exams */
  readonly length: number;
  readonly questions: number;
  readonly difficulty: number;
  readonly price: number;
  /** the catalog row's `data`, JSON */
  readonly data: string;
  /** where the catalog csv names it: media_* -> media */
  readonly subject: string;
}

export type Catalogs = Readonly<Record<CatalogType, CatalogItem[]>>;

/** Item `index` of `type`: a pure function of the seed. */
export function catalogItem(
  seed: bigint,
  type: CatalogType,
  index: number,
  config: CatalogConfig,
): CatalogItem {
  const rng = streamRng(seed, Stream.Catalog, CATALOG_TYPES.indexOf(type), index);
  const id = uuid(rng);
  const p = config.properties;
  const word = (r: Rng) => WORDS[r.randbelow(WORDS.length)] as string;
  let length = 0;
  let questions = 0;
  let difficulty = 0;
  let price = 0;
  let data: Record<string, unknown>;
  switch (type) {
    case 'media_video':
    case 'media_audio':
    case 'media_image': {
      const mediaType = type.slice(6);
      length =
        type === 'media_image'
          ? 0
          : floatIn(rng, p.length_min_seconds ?? 1800, p.length_max_seconds ?? 43200);
      data = {
        uuid: id,
        media_type: mediaType,
        title: `${word(rng)} ${word(rng)}`,
        length: Math.round(length * 1000),
        resolution: ['480', '720', '1080'][rng.randbelow(3)],
      };
      break;
    }
    case 'module':
      length = floatIn(rng, p.length_min_seconds ?? 1800, p.length_max_seconds ?? 43200);
      data = { uuid: id, name: `${word(rng)} module`, length: Math.round(length) };
      break;
    case 'exam':
      length = floatIn(rng, p.length_min_seconds ?? 600, p.length_max_seconds ?? 7200);
      questions = intIn(rng, p.question_count_min ?? 5, p.question_count_max ?? 30);
      difficulty = floatIn(rng, p.difficulty_min ?? 0, p.difficulty_max ?? 1);
      data = {
        uuid: id,
        name: `${word(rng)} exam`,
        length: Math.round(length),
        question_count: questions,
        difficulty,
      };
      break;
    case 'promotion': {
      const days = floatIn(rng, p.length_min_days ?? 1, p.length_max_days ?? 14);
      data = {
        uuid: id,
        title: `${word(rng)} week`,
        length_days: days,
        cost_adjustment_ratio: floatIn(
          rng,
          p.cost_adjustment_min_ratio ?? 0.4,
          p.cost_adjustment_max_ratio ?? 0.95,
        ),
        item_count: intIn(rng, p.item_min_count ?? 1, p.item_max_count ?? 10),
      };
      break;
    }
    case 'user':
      data = { uuid: id };
      break;
    default: {
      price = Math.round(floatIn(rng, 5, 500) * 100) / 100;
      const name =
        type === 'drug'
          ? DRUG_NAMES[rng.randbelow(DRUG_NAMES.length)]
          : type === 'blood'
            ? `blood ${BLOOD_GROUPS[rng.randbelow(BLOOD_GROUPS.length)]}`
            : type === 'oxygen'
              ? `oxygen cylinder ${intIn(rng, 1, 50)} l`
              : EQUIPMENT[rng.randbelow(EQUIPMENT.length)];
      data = { uuid: id, name, market_price: price, currency: 'USD', supplier: `${word(rng)} supplies` };
    }
  }
  return {
    id,
    type,
    length,
    questions,
    difficulty,
    price,
    data: JSON.stringify(data),
    subject: type.startsWith('media_') ? 'media' : type,
  };
}

/** Types users refer to (the `user` catalog holds registrations, not items). */
export const ITEM_TYPES = CATALOG_TYPES.filter((t) => t !== 'user');

/** Every catalog at `counts` items per type, rebuilt from the seed. */
export function buildCatalogs(
  seed: bigint,
  config: UsersConfig,
  counts: Readonly<Record<string, number>>,
): Catalogs {
  const out = {} as Record<CatalogType, CatalogItem[]>;
  for (const type of CATALOG_TYPES) {
    const n = type === 'user' ? 0 : (counts[type] ?? 0);
    out[type] = Array.from({ length: n }, (_, i) => catalogItem(seed, type, i, config.catalogs[type]));
  }
  return out;
}

/** Stock status of a shop item on a day: a fixed function of its id and the day of the year. */
export function stockStatus(id: string, dayOfYear: number): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  const k = (((h + dayOfYear) % 7) + 7) % 7;
  return k <= 3 ? 'in_stock' : k <= 5 ? 'low_stock' : 'out_of_stock';
}

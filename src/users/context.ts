/** What every model reads: the config, the seed, the catalogs, and tables derived once from them. */
import type { CatalogItem, Catalogs } from './catalog';
import type { ShopTraits } from './purchase';
import { cumulative } from './draw';
import { EVENT_TYPES, SHOP_TYPES } from './schema';
import type { EventType, ProfileConfig, UsersConfig } from './types';

export interface ProfileTables {
  readonly config: ProfileConfig;
  readonly eventTypes: readonly EventType[];
  readonly eventCum: readonly number[];
  /** shop items this profile's users may take an interest in */
  readonly shopItems: readonly number[];
}

export interface Context {
  readonly seed: bigint;
  readonly config: UsersConfig;
  readonly catalogs: Catalogs;
  /** every shop item, all shop types in catalog order */
  readonly shop: readonly CatalogItem[];
  readonly profiles: ReadonlyMap<string, ProfileTables>;
  /** the app's rating subject, `<organisation>_<project>` */
  readonly app: string;
  /** purchase users' fixed traits by user number, rebuilt from the seed when first needed */
  readonly traits: Map<number, ShopTraits>;
}

export function makeContext(seed: bigint, config: UsersConfig, catalogs: Catalogs): Context {
  const shop = SHOP_TYPES.flatMap((t) => catalogs[t]);
  const profiles = new Map<string, ProfileTables>();
  for (const p of config.profiles) {
    const eventTypes = EVENT_TYPES.filter((t) => p.event_probabilities[t] > 0);
    const weights = p.behaviour.purchase.catalog_type_probabilities;
    const shopItems = shop.flatMap((item, i) => (weights[item.type as keyof typeof weights] > 0 ? [i] : []));
    profiles.set(p.name, {
      config: p,
      eventTypes,
      eventCum: cumulative(eventTypes.map((t) => p.event_probabilities[t])),
      shopItems,
    });
  }
  return {
    seed,
    config,
    catalogs,
    shop,
    profiles,
    app: `${config.global.organisation}_${config.global.project}`,
    traits: new Map(),
  };
}

export function profileOf(ctx: Context, name: string): ProfileTables {
  const p = ctx.profiles.get(name);
  if (!p) throw new Error(`profile '${name}' of a saved user is not in the config`);
  return p;
}

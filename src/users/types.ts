/** The typed config after loading: benshi's keys, every default filled in, times as epoch seconds. */
import type { CATALOG_TYPES, EVENT_TYPES, SHOP_TYPES, SINK_TYPES, USER_TYPES } from './schema';

export type SinkType = (typeof SINK_TYPES)[number];
export type UserType = (typeof USER_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type ShopType = (typeof SHOP_TYPES)[number];
export type CatalogType = (typeof CATALOG_TYPES)[number];

export interface GlobalConfig {
  readonly env: string;
  readonly api_url: string;
  readonly api_key: string | null;
  readonly simulation_profile: string;
  readonly organisation: string;
  readonly project: string;
  readonly sink_types: readonly SinkType[];
  /** epoch seconds */
  readonly start_ts: number;
  /** epoch seconds; null: catch up, then run online */
  readonly end_ts: number | null;
  readonly db_uri: string | null;
  readonly log_events_filename: string | null;
  readonly catalog_events_filename: string | null;
  readonly randomise_registration_times: boolean;
  readonly manage_population_counts_per_profile: boolean;
  readonly rating_probability: number;
  readonly use_promotions: boolean;
  readonly cache_logs_on_failure: boolean;
}

export interface PopulationConfig {
  readonly initial_count: number;
  readonly target_min_count: number;
  readonly target_max_count: number;
  readonly volatility: number;
  readonly resurrection_probability: number;
  readonly prune_oldest_registered_users: boolean;
}

export interface EngagementConfig {
  readonly initial_min: number;
  readonly initial_max: number;
  readonly change_probability: number;
  readonly boost_probability: number;
  readonly decay_probability: number;
  readonly change_min: number;
  readonly change_max: number;
}

export interface PurchaseConfig {
  readonly initial_account_balance_min: number;
  readonly initial_account_balance_max: number;
  readonly top_up_probability: number;
  readonly payment_failure_probability_min: number;
  readonly payment_failure_probability_max: number;
  readonly checkout_failure_probability_min: number;
  readonly checkout_failure_probability_max: number;
  readonly checkout_urgent_probability_min: number;
  readonly checkout_urgent_probability_max: number;
  readonly checkout_cancellation_probability_min: number;
  readonly checkout_cancellation_probability_max: number;
  readonly checkout_promo_probability_min: number;
  readonly checkout_promo_probability_max: number;
  readonly interest_catalog_range_min: number;
  readonly interest_catalog_range_max: number;
  readonly interest_per_item_min: number;
  readonly interest_per_item_max: number;
  readonly views_required_per_purchase_min: number;
  readonly views_required_per_purchase_max: number;
  readonly views_per_session_min: number;
  readonly views_per_session_max: number;
  readonly impression_ratio: number;
  readonly detail_probability: number;
  readonly favorite_probability: number;
  readonly reminder_probability: number;
  readonly auto_reminder_type_probability: number;
  readonly purchase_count_per_item_min: number;
  readonly purchase_count_per_item_max: number;
  readonly update_events_per_checkout_min: number;
  readonly update_events_per_checkout_max: number;
  readonly catalog_type_probabilities: Readonly<Record<ShopType, number>>;
}

export interface BehaviourConfig {
  readonly normal_event_probability: number;
  readonly schedule: { readonly seconds_per_event: number; readonly delivery_delay_max_days: number };
  readonly purchase: PurchaseConfig;
}

/** EventConfig.properties, every key of every type filled in. */
export type EventProperties = Readonly<Record<string, number>>;

export interface ProfileConfig {
  readonly name: string;
  readonly user_type: UserType;
  readonly occurrence_probability: number;
  readonly session_min_count: number;
  readonly session_max_count: number;
  readonly session_length_min_seconds: number;
  readonly session_length_max_seconds: number;
  readonly session_hourly_start_probabilities: readonly number[];
  readonly session_day_of_week_probabilities: readonly number[];
  readonly product_user_type: 'web' | 'mobile';
  readonly background_per_minute_probability: number;
  readonly online_probability: number;
  readonly session_engagement: EngagementConfig;
  readonly purchase_engagement: EngagementConfig;
  readonly session_engagement_count_factor: number;
  readonly session_engagement_duration_factor: number;
  readonly events: Readonly<Record<EventType, EventProperties>>;
  readonly event_probabilities: Readonly<Record<EventType, number>>;
  readonly behaviour: BehaviourConfig;
}

export interface CatalogConfig {
  readonly target_count: number;
  readonly properties: Readonly<Record<string, number>>;
}

export interface UsersConfig {
  /** the file it came from, for messages */
  readonly file: string;
  readonly global: GlobalConfig;
  readonly population: PopulationConfig;
  /** in the file's order, `default` removed */
  readonly profiles: readonly ProfileConfig[];
  readonly catalogs: Readonly<Record<CatalogType, CatalogConfig>>;
}

/**
 * The benshi config format as data: every section's keys with their defaults and checks. The loader walks
 * these tables, so an unknown key, a wrong type or a value out of range is found in one place.
 */

export type Field =
  | { readonly kind: 'prob'; readonly def: number }
  | { readonly kind: 'num'; readonly def: number; readonly min?: number; readonly max?: number }
  | { readonly kind: 'int'; readonly def: number; readonly min?: number }
  | { readonly kind: 'bool'; readonly def: boolean; readonly refuseTrue?: string }
  | { readonly kind: 'str'; readonly def: string | null; readonly options?: readonly string[] }
  | { readonly kind: 'time'; readonly def: string | null }
  | { readonly kind: 'list'; readonly def: readonly string[]; readonly options: readonly string[] }
  | { readonly kind: 'weights'; readonly def: readonly number[]; readonly len: number }
  | {
      readonly kind: 'weightMap';
      readonly def: Readonly<Record<string, number>>;
      readonly keys: readonly string[];
    }
  | { readonly kind: 'section'; readonly fields: Schema }
  | { readonly kind: 'any' }
  /** A key the reference reads but never acts on: accepted only at its default, refused otherwise. */
  | { readonly kind: 'inert'; readonly def: unknown; readonly why: string };

export type Schema = Readonly<Record<string, Field>>;

const prob = (def: number): Field => ({ kind: 'prob', def });
const num = (def: number, min = 0, max?: number): Field =>
  max === undefined ? { kind: 'num', def, min } : { kind: 'num', def, min, max };
const int = (def: number, min = 0): Field => ({ kind: 'int', def, min });
const bool = (def: boolean): Field => ({ kind: 'bool', def });

export const SINK_TYPES = ['csv', 'ndjson', 'http', 'stdout'] as const;
export const USER_TYPES = ['session_engagement', 'purchase_engagement', 'event_per_period'] as const;
export const EVENT_TYPES = ['page', 'video', 'audio', 'image', 'module', 'search', 'exam'] as const;
export const SHOP_TYPES = ['blood', 'drug', 'oxygen', 'medical_equipment'] as const;
export const CATALOG_TYPES = [
  'user',
  'media_video',
  'media_audio',
  'media_image',
  'module',
  'exam',
  'promotion',
  ...SHOP_TYPES,
] as const;

export const GLOBAL: Schema = {
  env: { kind: 'str', def: 'local' },
  api_url: { kind: 'str', def: 'http://www.test.com' },
  api_key: { kind: 'str', def: null },
  notify: { kind: 'bool', def: false, refuseTrue: 'Slack notifications are not supported' },
  simulation_profile: { kind: 'str', def: 'acme' },
  organisation: { kind: 'str', def: 'demo' },
  project: { kind: 'str', def: 'demo' },
  sink_types: { kind: 'list', def: [], options: SINK_TYPES },
  start_ts: { kind: 'time', def: '2020-01-01 00:00:00' },
  end_ts: { kind: 'time', def: '2020-02-01 00:00:00' },
  db_uri: { kind: 'str', def: null },
  log_events_filename: { kind: 'str', def: null },
  catalog_events_filename: { kind: 'str', def: null },
  filter_log_events_for_csv: {
    kind: 'bool',
    def: false,
    refuseTrue: 'the reference writes nothing with it; leave it out',
  },
  randomise_registration_times: bool(false),
  manage_population_counts_per_profile: bool(false),
  rating_probability: prob(0.01),
  use_nudges: { kind: 'bool', def: false, refuseTrue: 'nudges need the benshi backend API' },
  use_promotions: bool(false),
  artificial_nudge_min_registration_delay_days: { kind: 'inert', def: 7, why: 'nudges are not supported' },
  cache_logs_on_failure: bool(true),
};

export const POPULATION: Schema = {
  initial_count: int(0),
  target_min_count: int(100),
  target_max_count: int(300),
  volatility: num(0.05, 0, 1),
  resurrection_probability: prob(0),
  inactive_nudge_check_ratio_per_hour: { kind: 'inert', def: 0, why: 'nudges are not supported' },
  prune_oldest_registered_users: bool(false),
};

export const ENGAGEMENT: Schema = {
  initial_min: prob(0),
  initial_max: prob(1),
  change_probability: prob(0),
  boost_probability: prob(0.25),
  decay_probability: prob(0.75),
  change_min: num(1, 0, 1),
  change_max: num(1, 0, 1),
};

const PURCHASE: Schema = {
  initial_account_balance_min: num(0),
  initial_account_balance_max: num(2000),
  top_up_probability: prob(0.05),
  payment_failure_probability_min: prob(0),
  payment_failure_probability_max: prob(0.2),
  checkout_failure_probability_min: prob(0),
  checkout_failure_probability_max: prob(0.2),
  checkout_urgent_probability_min: prob(0),
  checkout_urgent_probability_max: prob(0.5),
  checkout_cancellation_probability_min: prob(0),
  checkout_cancellation_probability_max: prob(0.2),
  checkout_promo_probability_min: prob(0),
  checkout_promo_probability_max: prob(0.2),
  interest_catalog_range_min: prob(0.1),
  interest_catalog_range_max: prob(0.2),
  interest_per_item_min: prob(0.5),
  interest_per_item_max: prob(1),
  views_required_per_purchase_min: int(2),
  views_required_per_purchase_max: int(5),
  views_per_session_min: int(1),
  views_per_session_max: int(5),
  impression_ratio: num(2),
  detail_probability: prob(0.3),
  favorite_probability: prob(0.05),
  reminder_probability: prob(0.05),
  auto_reminder_type_probability: prob(0.05),
  purchase_count_per_item_min: int(1, 1),
  purchase_count_per_item_max: int(5, 1),
  update_events_per_checkout_min: int(0),
  update_events_per_checkout_max: int(5),
  catalog_type_probabilities: {
    kind: 'weightMap',
    def: { blood: 1, drug: 1, oxygen: 1, medical_equipment: 1 },
    keys: SHOP_TYPES,
  },
};

export const BEHAVIOUR: Schema = {
  normal_event_probability: prob(0),
  schedule: {
    kind: 'section',
    fields: { seconds_per_event: num(60), delivery_delay_max_days: num(10) },
  },
  purchase: { kind: 'section', fields: PURCHASE },
};

export const PROFILE: Schema = {
  user_type: { kind: 'str', def: 'session_engagement', options: USER_TYPES },
  occurrence_probability: num(0),
  session_min_count: int(1, 1),
  session_max_count: int(1, 1),
  session_length_min_seconds: num(60),
  session_length_max_seconds: num(3600),
  session_event_type_changes_min: { kind: 'inert', def: 0, why: 'the reference never reads it' },
  session_event_type_changes_max: { kind: 'inert', def: 3, why: 'the reference never reads it' },
  session_hourly_start_probabilities: { kind: 'weights', def: Array(24).fill(1 / 24), len: 24 },
  session_day_of_week_probabilities: { kind: 'weights', def: Array(7).fill(1), len: 7 },
  product_user_type: { kind: 'str', def: 'web', options: ['web', 'mobile'] },
  background_per_minute_probability: prob(0),
  online_probability: prob(0.2),
  session_engagement: { kind: 'section', fields: ENGAGEMENT },
  purchase_engagement: { kind: 'section', fields: ENGAGEMENT },
  session_engagement_count_factor: prob(0.2),
  session_engagement_duration_factor: prob(0.2),
  events: { kind: 'any' },
  event_probabilities: {
    kind: 'weightMap',
    def: { page: 1, video: 1, audio: 1, image: 1, module: 1, search: 1, exam: 1 },
    keys: EVENT_TYPES,
  },
  nudges: { kind: 'inert', def: null, why: 'nudges need the benshi backend API' },
  behaviour: { kind: 'section', fields: BEHAVIOUR },
};

export const CATALOG: Schema = {
  target_count: int(30),
  properties: { kind: 'any' },
};

/** EventConfig.properties keys per event type, with defaults. */
export const EVENT_PROPERTIES: Readonly<Record<string, Schema>> = {
  page: {
    page_count_per_session_min: int(1, 1),
    page_count_per_session_max: int(5, 1),
    duration_seconds_min: num(30),
    duration_seconds_max: num(60),
  },
  search: {
    page_count_per_session_min: int(1, 1),
    page_count_per_session_max: int(5, 1),
    duration_seconds_min: num(30),
    duration_seconds_max: num(60),
    results_per_page_max: int(10, 1),
  },
  video: { duration_seconds_min: num(30), duration_seconds_max: num(60), pause_probability: prob(0.3) },
  audio: { duration_seconds_min: num(30), duration_seconds_max: num(60), pause_probability: prob(0.3) },
  image: { duration_seconds_min: num(30), duration_seconds_max: num(60) },
  module: {},
  exam: { pass_probability: prob(0.7), skip_probability: prob(0.1), abort_probability: prob(0.3) },
};

/** CatalogConfig.properties keys per catalog type, with defaults. */
export const CATALOG_PROPERTIES: Readonly<Record<string, Schema>> = {
  media_audio: { length_min_seconds: num(1800), length_max_seconds: num(43200) },
  media_video: { length_min_seconds: num(1800), length_max_seconds: num(43200) },
  module: { length_min_seconds: num(1800), length_max_seconds: num(43200) },
  exam: {
    length_min_seconds: num(600),
    length_max_seconds: num(7200),
    question_count_min: int(5, 1),
    question_count_max: int(30, 1),
    difficulty_min: prob(0),
    difficulty_max: prob(1),
  },
  promotion: {
    length_min_days: num(1),
    length_max_days: num(14),
    cost_adjustment_min_ratio: prob(0.4),
    cost_adjustment_max_ratio: prob(0.95),
    item_min_count: int(1, 1),
    item_max_count: int(10, 1),
  },
};

/** Pairs that must satisfy min <= max, in any section that has both. */
export const MIN_MAX: readonly (readonly [string, string])[] = [
  ['initial_count', 'initial_count'],
  ['target_min_count', 'target_max_count'],
  ['initial_min', 'initial_max'],
  ['change_min', 'change_max'],
  ['session_min_count', 'session_max_count'],
  ['session_length_min_seconds', 'session_length_max_seconds'],
  ['duration_seconds_min', 'duration_seconds_max'],
  ['page_count_per_session_min', 'page_count_per_session_max'],
  ['length_min_seconds', 'length_max_seconds'],
  ['length_min_days', 'length_max_days'],
  ['question_count_min', 'question_count_max'],
  ['difficulty_min', 'difficulty_max'],
  ['cost_adjustment_min_ratio', 'cost_adjustment_max_ratio'],
  ['item_min_count', 'item_max_count'],
  ...[
    'initial_account_balance',
    'payment_failure_probability',
    'checkout_failure_probability',
    'checkout_urgent_probability',
    'checkout_cancellation_probability',
    'checkout_promo_probability',
    'interest_catalog_range',
    'interest_per_item',
    'views_required_per_purchase',
    'views_per_session',
    'purchase_count_per_item',
    'update_events_per_checkout',
  ].map((k) => [`${k}_min`, `${k}_max`] as const),
];

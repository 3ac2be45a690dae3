/**
 * The purchase flow of one session: balance and top-ups, impressions, views of the items the user is
 * interested in, details, favorites, reminders, the cart, the checkout, and what follows it (payment,
 * delivery schedule and updates, delivery or cancellation with refund, ratings). Fixes of the reference: a
 * top-up succeeds with probability 1 - payment failure (bug 5); the balance is charged once what was bought,
 * and cancelled orders are refunded (bug 6); update and cancel times spread over whole days (bug 3).
 */
import { flat, type PropsRecipe, type SessionBuilder } from './builder';
import { score } from './blocks';
import { stockStatus } from './catalog';
import type { Context, ProfileTables } from './context';
import { deliveryTime } from './delivery';
import { SharedProps } from './shared-props';
import { floatIn, intIn, roundHalfEven, Stream, streamRng, uuid } from './draw';
import type { Shop } from './user';
import { DAY_US, US } from './user';

const usd = (x: number): number => Math.round(x * 100) / 100;

function itemProps(ctx: Context, b: SessionBuilder, index: number, quantity = 1) {
  const item = ctx.shop[index];
  if (!item) throw new Error(`no shop item ${index}`);
  const day = Math.floor(b.t / DAY_US);
  return {
    id: item.id,
    type: item.type,
    quantity,
    price: item.price,
    currency: 'USD',
    stock_status: stockStatus(item.id, day % 366),
  };
}

/**
 * Per shop item and day (the last odd and even day asked for): `itemProps(…, q)` as JSON around its quantity,
 * and per action the whole props text of an item record. Item records are most records; this way they share
 * their props (and its csv bytes), and a cart record's JSON is joined from the parts.
 */
interface ItemTexts {
  day: number;
  /** `{"id":…,"type":…,"quantity":` */
  readonly head: string;
  /** `,"price":…,"currency":"USD","stock_status":…}` */
  readonly tail: string;
  /** by ITEM_ACTIONS' number */
  readonly byAction: (SharedProps | undefined)[];
}
/** per slot (see textsOf) */
const itemTexts = new WeakMap<Context, (ItemTexts | undefined)[]>();

/** The actions of item records; a record's props are looked up by the action's number, not its text. */
const ITEM_ACTIONS = [
  'impression',
  'view',
  'detail',
  'add_favorite',
  'remove_favorite',
  'add_reminder',
  'remove_reminder',
  'remove_reminder_auto',
] as const;
const action = (name: (typeof ITEM_ACTIONS)[number]): number => ITEM_ACTIONS.indexOf(name);
const IMPRESSION = action('impression');
const VIEW = action('view');
const DETAIL = action('detail');
const ADD_FAVORITE = action('add_favorite');
const REMOVE_FAVORITE = action('remove_favorite');
const ADD_REMINDER = action('add_reminder');
const REMOVE_REMINDER = action('remove_reminder');
const REMOVE_REMINDER_AUTO = action('remove_reminder_auto');

function textsOf(ctx: Context, b: SessionBuilder, index: number): ItemTexts {
  let texts = itemTexts.get(ctx);
  if (!texts) itemTexts.set(ctx, (texts = []));
  const day = Math.floor(b.t / DAY_US);
  // A slot per item for odd and even days: sessions drawn late in a day run into the next, and one slot
  // would be rebuilt back and forth, each time a new copy of the same texts for the records to hold.
  const slot = 2 * index + (day & 1);
  let cached = texts[slot];
  if (!cached || cached.day !== day) {
    const item = itemProps(ctx, b, index);
    // JSON.stringify's own text of the whole object, cut at the quantity (an object's members joined by commas).
    const head = `${JSON.stringify({ id: item.id, type: item.type }).slice(0, -1)},"quantity":`;
    const rest = { price: item.price, currency: item.currency, stock_status: item.stock_status };
    cached = { day, head, tail: `,${JSON.stringify(rest).slice(1)}`, byAction: [] };
    texts[slot] = cached;
  }
  return cached;
}

/** An `item` record: the same JSON as `{ action, item: itemProps(…), usd_rate: 1.0 }` (actions are plain words). */
function logItem(ctx: Context, b: SessionBuilder, act: number, index: number): void {
  const cached = textsOf(ctx, b, index);
  let props = cached.byAction[act];
  if (props === undefined) {
    // Flat once here: the records that share it keep it as it is.
    const name = ITEM_ACTIONS[act] as string;
    props = new SharedProps(flat(`{"action":"${name}","item":${cached.head}1${cached.tail},"usd_rate":1}`));
    cached.byAction[act] = props;
  }
  b.logShared('item', 'e-commerce', props);
}

/**
 * A cart record's props, made when written: the same JSON as
 * `{ id: cartId, action: 'add_item', item: itemProps(…, quantity), cart_price, currency: 'USD', usd_rate: 1.0 }`
 * joined from the item's cached parts (numbers print in JSON as in a template).
 */
class CartProps implements PropsRecipe {
  constructor(
    private readonly cartId: string,
    private readonly item: ItemTexts,
    private readonly quantity: number,
    private readonly total: number,
  ) {}

  text(): string {
    const { head, tail } = this.item;
    return `{"id":${JSON.stringify(this.cartId)},"action":"add_item","item":${head}${this.quantity}${tail},"cart_price":${this.total},"currency":"USD","usd_rate":1}`;
  }
}

/**
 * A checkout record's props, made when written: the same JSON as `{ id, items, cart_price, currency: 'USD',
 * is_successful, usd_rate: 1.0, cart_id }` with each item `itemProps(…, quantity)` from its cached parts.
 */
class CheckoutProps implements PropsRecipe {
  constructor(
    private readonly orderId: string,
    private readonly items: readonly ItemTexts[],
    private readonly quantities: readonly number[],
    private readonly total: number,
    private readonly successful: boolean,
    private readonly cartId: string,
  ) {}

  text(): string {
    let items = '';
    this.items.forEach(({ head, tail }, i) => {
      items += `${i === 0 ? '' : ','}${head}${this.quantities[i] as number}${tail}`;
    });
    return `{"id":${JSON.stringify(this.orderId)},"items":[${items}],"cart_price":${this.total},"currency":"USD","is_successful":${this.successful},"usd_rate":1,"cart_id":${JSON.stringify(this.cartId)}}`;
  }
}

/** A purchase user's fixed traits: one value per probability range, and its interests. */
export interface ShopTraits {
  readonly paymentFailure: number;
  readonly checkoutFailure: number;
  readonly urgent: number;
  readonly cancellation: number;
  readonly promo: number;
  readonly initialBalance: number;
  /** interests: shop item index, interest ratio, views needed at first */
  readonly items: Int32Array;
  readonly ratios: Float64Array;
  readonly needed: readonly number[];
}

/** Drawn from the user's own stream: the same in every run, rebuilt on resume instead of saved. */
export function shopTraits(ctx: Context, tables: ProfileTables, no: number): ShopTraits {
  const cached = ctx.traits.get(no);
  if (cached) return cached;
  const c = tables.config.behaviour.purchase;
  const rng = streamRng(ctx.seed, Stream.UserCreate, no, 1);
  const interested = tables.shopItems;
  const count = Math.min(
    interested.length,
    roundHalfEven(
      interested.length * floatIn(rng, c.interest_catalog_range_min, c.interest_catalog_range_max),
    ),
  );
  const picked = rng.sample(interested, count);
  const traits: ShopTraits = {
    paymentFailure: floatIn(rng, c.payment_failure_probability_min, c.payment_failure_probability_max),
    checkoutFailure: floatIn(rng, c.checkout_failure_probability_min, c.checkout_failure_probability_max),
    urgent: floatIn(rng, c.checkout_urgent_probability_min, c.checkout_urgent_probability_max),
    cancellation: floatIn(
      rng,
      c.checkout_cancellation_probability_min,
      c.checkout_cancellation_probability_max,
    ),
    promo: floatIn(rng, c.checkout_promo_probability_min, c.checkout_promo_probability_max),
    initialBalance: usd(floatIn(rng, c.initial_account_balance_min, c.initial_account_balance_max)),
    items: Int32Array.from(picked),
    ratios: Float64Array.from(picked, () => floatIn(rng, c.interest_per_item_min, c.interest_per_item_max)),
    needed: picked.map(() =>
      intIn(rng, c.views_required_per_purchase_min, c.views_required_per_purchase_max),
    ),
  };
  ctx.traits.set(no, traits);
  return traits;
}

export function purchaseFlow(ctx: Context, b: SessionBuilder, tables: ProfileTables): void {
  const c = tables.config.behaviour.purchase;
  const user = b.user;
  const rng = b.rng;
  if (ctx.shop.length === 0) return;
  const traits = shopTraits(ctx, tables, user.no);
  if (!user.shop) {
    const amount = traits.initialBalance;
    user.shop = { balance: amount, remaining: [...traits.needed], favorites: [], reminders: [], credits: [] };
    b.log('deferred_payment', 'payment', {
      id: uuid(rng),
      action: 'payment_processed',
      type: 'initial',
      account_balance: amount,
      payment_amount: amount,
      currency: 'USD',
      is_successful: true,
      usd_rate: 1.0,
      order_id: null,
    });
  }
  const shop = user.shop;
  // Refunds of orders cancelled since the last session.
  while (shop.credits.length > 0 && (shop.credits[0] as [number, number])[0] <= b.t) {
    shop.balance = usd(shop.balance + (shop.credits.shift() as [number, number])[1]);
  }
  if (shop.balance < c.initial_account_balance_min && rng.random() < c.top_up_probability) {
    const amount =
      (1 +
        roundHalfEven(
          floatIn(rng, c.initial_account_balance_min / 100, c.initial_account_balance_max / 100),
        )) *
      100;
    const ok = rng.random() >= traits.paymentFailure;
    if (ok) shop.balance = usd(shop.balance + amount);
    b.log('deferred_payment', 'payment', {
      id: uuid(rng),
      action: 'top_up',
      type: 'card',
      account_balance: shop.balance,
      payment_amount: amount,
      currency: 'USD',
      is_successful: ok,
      usd_rate: 1.0,
      order_id: null,
    });
    b.wait(intIn(rng, 5, 29));
  }
  const impressions = roundHalfEven(
    intIn(rng, c.views_per_session_min, c.views_per_session_max) * c.impression_ratio,
  );
  for (let i = 0; i < impressions; i++) {
    logItem(ctx, b, IMPRESSION, rng.randbelow(ctx.shop.length));
  }
  // Views: each interest is looked at with its interest ratio scaled by the purchase engagement.
  const views: number[] = [];
  for (let i = 0; i < traits.items.length; i++) {
    if (rng.random() >= (traits.ratios[i] as number) * (0.5 + 0.5 * user.pe)) continue;
    const n = intIn(rng, c.views_per_session_min, c.views_per_session_max);
    shop.remaining[i] = (shop.remaining[i] as number) - n;
    for (let k = 0; k < n; k++) views.push(traits.items[i] as number);
  }
  for (let i = views.length - 1; i > 0; i--) {
    const j = rng.randbelow(i + 1);
    [views[i], views[j]] = [views[j] as number, views[i] as number];
  }
  for (const index of views) {
    b.wait(1);
    logItem(ctx, b, IMPRESSION, index);
    b.wait(1);
    logItem(ctx, b, VIEW, index);
    b.wait(intIn(rng, 5, 29));
    if (rng.random() < c.detail_probability) logItem(ctx, b, DETAIL, index);
    if (rng.random() < c.favorite_probability)
      toggle(ctx, b, shop.favorites, index, ADD_FAVORITE, REMOVE_FAVORITE);
    if (rng.random() < c.reminder_probability)
      toggle(
        ctx,
        b,
        shop.reminders,
        index,
        ADD_REMINDER,
        rng.random() < c.auto_reminder_type_probability ? REMOVE_REMINDER_AUTO : REMOVE_REMINDER,
      );
  }
  if (ctx.config.global.use_promotions && ctx.catalogs.promotion.length > 0 && rng.random() < traits.promo) {
    const promo = ctx.catalogs.promotion[rng.randbelow(ctx.catalogs.promotion.length)];
    if (promo) {
      b.catalog(promo);
      b.log('promo', 'e-commerce', { id: promo.id, type: 'promotion', action: 'view' });
      b.wait(intIn(rng, 5, 29));
    }
  }
  cartAndCheckout(ctx, b, tables, shop, traits);
}

function toggle(
  ctx: Context,
  b: SessionBuilder,
  set: number[],
  index: number,
  add: number,
  remove: number,
): void {
  const at = set.indexOf(index);
  if (at >= 0) set.splice(at, 1);
  else set.push(index);
  logItem(ctx, b, at >= 0 ? remove : add, index);
}

function cartAndCheckout(
  ctx: Context,
  b: SessionBuilder,
  tables: ProfileTables,
  shop: Shop,
  traits: ShopTraits,
): void {
  const c = tables.config.behaviour.purchase;
  const rng = b.rng;
  const due: number[] = [];
  for (let i = 0; i < shop.remaining.length; i++) if ((shop.remaining[i] as number) <= 0) due.push(i);
  if (due.length === 0) return;
  const cartId = uuid(rng);
  const items: ReturnType<typeof itemProps>[] = [];
  const parts: ItemTexts[] = [];
  const quantities: number[] = [];
  let total = 0;
  for (const interest of due) {
    const quantity = intIn(rng, c.purchase_count_per_item_min, c.purchase_count_per_item_max);
    const item = itemProps(ctx, b, traits.items[interest] as number, quantity);
    total = usd(total + item.price * quantity);
    items.push(item);
    // The item's texts of this instant's day, as itemProps drew it.
    const texts = textsOf(ctx, b, traits.items[interest] as number);
    parts.push(texts);
    quantities.push(quantity);
    b.logRecipe('cart', 'e-commerce', new CartProps(cartId, texts, quantity, total));
    b.wait(intIn(rng, 5, 29));
    shop.remaining[interest] = intIn(
      rng,
      c.views_required_per_purchase_min,
      c.views_required_per_purchase_max,
    );
  }
  for (const interest of due)
    b.catalog(ctx.shop[traits.items[interest] as number] as (typeof ctx.shop)[number]);
  const successful = rng.random() >= traits.checkoutFailure;
  const cancelled = rng.random() < traits.cancellation;
  const byCart = cancelled && rng.random() < 0.5;
  const orderId = uuid(rng);
  const brief = items.map((i) => ({ id: i.id, type: i.type }));
  if (byCart) {
    b.log('cancel_checkout', 'e-commerce', { id: orderId, type: 'cart', items: brief, reason: 'Unknown' });
    return;
  }
  b.logRecipe(
    'checkout',
    'e-commerce',
    new CheckoutProps(orderId, parts, quantities, total, successful, cartId),
  );
  if (!successful) return;
  shop.balance = usd(shop.balance - total);
  const checkoutAt = b.t;
  let t = checkoutAt + intIn(rng, 5, 30) * US;
  b.schedule(t, 'payment_method', 'payment', {
    order_id: orderId,
    type: 'balance',
    payment_amount: total,
    currency: 'USD',
    usd_rate: 1.0,
  });
  const urgent = rng.random() < traits.urgent;
  const delivery = deliveryTime(
    rng,
    checkoutAt,
    urgent,
    tables.config.behaviour.schedule.delivery_delay_max_days,
  );
  t += intIn(rng, 5, 30) * US;
  const deliveryIso = new Date(Math.floor(delivery / 1000)).toISOString();
  b.schedule(t, 'schedule_delivery', 'e-commerce', {
    order_id: orderId,
    is_urgent: urgent,
    action: 'schedule',
    delivery_ts: deliveryIso,
  });
  const finish = cancelled ? t + Math.floor(rng.random() * (delivery - t)) : delivery;
  const updates = intIn(rng, c.update_events_per_checkout_min, c.update_events_per_checkout_max);
  const updateTimes: number[] = [];
  for (let i = 0; i < updates; i++) updateTimes.push(t + Math.floor(rng.random() * (finish - t)));
  updateTimes.sort((x, y) => x - y);
  for (const at of updateTimes)
    b.schedule(at, 'schedule_delivery', 'e-commerce', {
      order_id: orderId,
      is_urgent: urgent,
      action: 'update',
      delivery_ts: deliveryIso,
    });
  if (cancelled) {
    b.schedule(finish, 'cancel_checkout', 'e-commerce', {
      id: orderId,
      type: 'order',
      items: brief,
      reason: 'Unknown',
    });
    b.schedule(finish + US, 'deferred_payment', 'payment', {
      id: uuid(rng),
      action: 'refund',
      type: 'balance',
      payment_amount: total,
      currency: 'USD',
      is_successful: true,
      usd_rate: 1.0,
      order_id: orderId,
    });
    shop.credits.push([finish + US, total]);
    shop.credits.sort((x, y) => x[0] - y[0]);
    return;
  }
  b.schedule(delivery, 'delivery', 'e-commerce', { order_id: orderId, action: 'delivered', id: uuid(rng) });
  score(b, 'e-commerce', total);
  const rating = ctx.config.global.rating_probability;
  let r = delivery + intIn(rng, 300, 30_000) * US;
  if (rng.random() < rating)
    b.schedule(r, 'rate', 'e-commerce', {
      subject_id: orderId,
      type: 'order',
      rate_value: 1 + rng.randbelow(5),
    });
  for (const item of items) {
    r += intIn(rng, 5, 30) * US;
    if (rng.random() < rating)
      b.schedule(r, 'rate', 'e-commerce', {
        subject_id: item.id,
        type: item.type,
        rate_value: 1 + rng.randbelow(5),
      });
  }
}

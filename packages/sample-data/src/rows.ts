/**
 * The rows the shop emits, with SPEC.md's canonical column names, and the conversion from
 * generated plans. Timestamps are epoch milliseconds (UTC instants); missing values are null.
 */
import type { ShopContext } from './context.js';
import { SALES_CHANNELS, emailOf, phoneOf, type CustomerAttributes, type CustomerProfile } from './customer.js';
import { PLACE_LIST } from './geography.js';
import type { MessagePlan } from './messages.js';
import type { SessionPlan } from './sessions.js';

/** A row of `customers`. `first_login_date` is the customer action date. */
export type CustomerRow = {
  client: string;
  download_date: number;
  signup_date: number | null;
  first_login_date: number | null;
  gender: string | null;
  birth_date: string | null;
  /** Age in whole years on the last day of the period. */
  age: number | null;
  /** City. */
  location: string | null;
  region: string | null;
  email: string | null;
  phone: string | null;
  email_opt_in: boolean;
  sms_opt_in: boolean;
  push_opt_in: boolean;
};

/** A row of `sessions` (every visit; `has_purchased` marks the orders). */
export type SessionRow = {
  order_id: string;
  client: string;
  session_start: number;
  session_end: number;
  has_purchased: boolean;
  has_basket: boolean;
  order_screen: boolean;
  /** Σ price × quantity of the order's lines − discount; 0 when not a purchase. */
  payment_amount: number;
  discount_amount: number;
  /** Null for organic orders and for every non-purchase session. */
  promotion_id: string | null;
  /** Sales channel: `web`, `app` or `marketplace`. */
  dimension: string;
};

/** A basket line of an order. */
export type LineRow = {
  order_id: string;
  product: string;
  /** Path `Top/Sub` or `Top/Sub/Leaf`. */
  category: string;
  /** Unit price. */
  price: number;
  quantity: number;
};

/** A message sent to a customer. */
export type MessageRow = {
  message_id: string;
  client: string;
  channel: string;
  campaign: string;
  sent_at: number;
  delivered_at: number | null;
  opened_at: number | null;
  clicked_at: number | null;
  unsubscribed_at: number | null;
};

/** The id of the n-th session (0-based) of the shop. */
export function sessionId(n: number): string {
  return 'O' + String(n + 1).padStart(8, '0');
}

/** The id of the n-th message (0-based) of the shop. */
export function messageId(n: number): string {
  return 'M' + String(n + 1).padStart(8, '0');
}

/** Converts a customer profile to its row. */
export function customerRow(ctx: ShopContext, c: CustomerProfile, a: CustomerAttributes): CustomerRow {
  const toUtc = ctx.clock.toUtc;
  const place = a.place >= 0 ? PLACE_LIST[a.place] : null;
  return {
    client: c.client,
    download_date: toUtc(c.downloadWall),
    signup_date: Number.isNaN(c.signupWall) ? null : toUtc(c.signupWall),
    first_login_date: Number.isNaN(c.firstLoginWall) ? null : toUtc(c.firstLoginWall),
    gender: a.gender,
    birth_date: a.birthDate,
    age: a.age,
    location: place ? place.city : null,
    region: place ? place.region : null,
    email: c.hasEmail ? emailOf(c.client) : null,
    phone: c.hasPhone ? phoneOf(c.index) : null,
    email_opt_in: c.emailOptIn,
    sms_opt_in: c.smsOptIn,
    push_opt_in: c.pushOptIn,
  };
}

/** Converts a session plan to its row. */
export function sessionRow(ctx: ShopContext, client: string, id: string, s: SessionPlan): SessionRow {
  const toUtc = ctx.clock.toUtc;
  return {
    order_id: id,
    client,
    session_start: toUtc(s.startWall),
    session_end: toUtc(s.endWall),
    has_purchased: s.purchased,
    has_basket: s.basket,
    order_screen: s.orderScreen,
    payment_amount: s.purchased ? (s.subtotalCents - s.discountCents) / 100 : 0,
    discount_amount: s.discountCents / 100,
    promotion_id: s.promotion >= 0 ? ctx.promotions[s.promotion].id : null,
    dimension: SALES_CHANNELS[s.channel],
  };
}

/** Converts a message plan to its row. */
export function messageRow(ctx: ShopContext, client: string, id: string, m: MessagePlan): MessageRow {
  const toUtc = ctx.clock.toUtc;
  const campaign = ctx.campaigns[m.campaign];
  const at = (wall: number) => (Number.isNaN(wall) ? null : toUtc(wall));
  return {
    message_id: id,
    client,
    channel: campaign.channel,
    campaign: campaign.id,
    sent_at: toUtc(m.sentWall),
    delivered_at: at(m.deliveredWall),
    opened_at: at(m.openedWall),
    clicked_at: at(m.clickedWall),
    unsubscribed_at: at(m.unsubscribedWall),
  };
}

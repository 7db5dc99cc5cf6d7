/**
 * One customer's sessions and orders. Order times come from the group's renewal process on
 * the intensity timeline, plus extra orders driven by messages; then, in time order, each
 * purchase attempt gets browsing sessions before it, meets the broken checkout (if it falls
 * on that day), picks a promotion, and the effective promotion lifts spend for a week after
 * its first use. Baskets are drawn last from their own stream, so counting sessions and
 * orders never needs them.
 */
import { basketCents, basketTaste, drawBasket } from './basket.js';
import { DAY, HOUR, MINUTE } from './clock.js';
import type { ShopContext } from './context.js';
import { STREAM, type CustomerProfile } from './customer.js';
import type { MessagePlan } from './messages.js';
import { EFFECT_WINDOW, EFFECTIVE_EXTRA_ORDER_CHANCE, EFFECTIVE_SPEND_LIFT } from './promotions.js';
import { Rng } from './random.js';
import { intensityAt, intensityEnd, wallAtIntensity, wallOnDay } from './timeline.js';

/** Chance that a checkout on the broken day fails. */
export const BROKEN_CHECKOUT_FAILURE = 0.97;
/** Chance that a customer whose checkout failed comes back within two days and buys. */
export const BROKEN_CHECKOUT_RETRY = 0.6;
/** Mean number of browsing sessions before each purchase attempt. */
const BROWSES_PER_ORDER = 0.75;

/** A session as generated (wall times). */
export interface SessionPlan {
  readonly startWall: number;
  readonly endWall: number;
  readonly purchased: boolean;
  readonly basket: boolean;
  readonly orderScreen: boolean;
  /** Index into `SALES_CHANNELS`. */
  readonly channel: number;
  /** Index into `ctx.promotions`, or -1 (organic, and every non-purchase). */
  readonly promotion: number;
  /** True when the effective promotion's spend lift applies. */
  readonly lifted: boolean;
  /** Basket lines of a purchase as `[product, quantity, ...]` (null when baskets were not drawn or not a purchase). */
  lines: number[] | null;
  subtotalCents: number;
  discountCents: number;
}

/** A customer's sessions in time order, and their number of purchases. */
export interface SessionsOfCustomer {
  readonly sessions: SessionPlan[];
  readonly orders: number;
}

/** Generates a customer's sessions; at most `cap` purchases (the last customer is cut to hit the order target). */
export function customerSessions(
  ctx: ShopContext,
  customer: CustomerProfile,
  messages: readonly MessagePlan[],
  cap: number,
  withBaskets: boolean,
): SessionsOfCustomer {
  const rng = new Rng(ctx.options.seed, customer.index, STREAM.orders);
  const group = customer.profile;
  const { clock } = ctx;
  const end = clock.endWall;
  const attempts: number[] = [];
  // Churners stop for good: nothing (not even a campaign) brings them back after this.
  let lifetimeEnd = Infinity;

  if (!Number.isNaN(customer.firstOrderWall)) {
    attempts.push(customer.firstOrderWall);
    if (group.meanGapDays !== null) {
      const personalGap = group.meanGapDays * rng.logNormal(1, 0.3);
      if (group.lifetimeDays) lifetimeEnd = customer.firstOrderWall + rng.uniform(group.lifetimeDays[0], group.lifetimeDays[1]) * DAY;
      const last = intensityEnd(ctx);
      let x = intensityAt(ctx, customer.firstOrderWall);
      for (;;) {
        if (rng.chance(group.stopChance)) break;
        x += rng.gamma(group.gapShape, personalGap);
        if (x >= last) break;
        const wall = wallAtIntensity(ctx, x, rng);
        if (wall > lifetimeEnd) break;
        attempts.push(wall);
      }
    }
  }

  if (respondsToMessages(customer)) {
    for (const message of messages) {
      const drive = ctx.campaigns[message.campaign].drive;
      const trigger = !Number.isNaN(message.clickedWall) ? message.clickedWall : !Number.isNaN(message.openedWall) ? message.openedWall : message.deliveredWall;
      const chance = !Number.isNaN(message.clickedWall) ? drive.clicked : !Number.isNaN(message.openedWall) ? drive.opened : !Number.isNaN(message.deliveredWall) ? drive.delivered : 0;
      if (chance > 0 && rng.chance(chance)) {
        const wall = roundSecond(trigger + MINUTE + Math.min(rng.exponential(1.2 * DAY), 6.5 * DAY));
        if (wall < end && wall <= lifetimeEnd) attempts.push(wall);
      }
    }
  }
  attempts.sort((a, b) => a - b);

  const sessions: SessionPlan[] = [];
  const channelOf = () => (rng.chance(0.8) ? customer.channel : (customer.channel + 1 + rng.int(2)) % 3);
  const browse = (startWall: number, basketChance: number, screenChance: number) => {
    const basket = rng.chance(basketChance);
    const orderScreen = basket && rng.chance(screenChance);
    const minutes = rng.logNormal(4, 0.8) + (basket ? 3 : 0) + (orderScreen ? 2 : 0);
    sessions.push(plan(startWall, roundSecond(startWall + minutes * MINUTE), false, basket, orderScreen, channelOf(), -1, false));
  };

  if (rng.chance(0.85)) {
    // The onboarding visit right after first contact.
    const wall = roundSecond(customer.downloadWall + rng.uniform(0.5, 20) * MINUTE);
    if (wall < end) browse(wall, 0.2, 0.3);
  }
  if (group.name === 'browser') {
    const count = rng.poisson(1.5);
    for (let k = 0; k < count; k++) {
      const wall = roundSecond(customer.downloadWall + rng.exponential(20 * DAY));
      if (wall < end) browse(wall, 0.3, 0.3);
    }
  }

  let orders = 0;
  let firstEffectiveUse = NaN;
  let cutoff = Infinity;
  for (let k = 0; k < attempts.length; k++) {
    if (orders >= cap) break;
    const wall = attempts[k];
    const day = clock.dayOf(wall);
    const browses = rng.poisson(BROWSES_PER_ORDER);
    for (let b = 0; b < browses; b++) {
      const back = Math.min(6, Math.floor(rng.exponential(1.5)));
      const at = back === 0 ? roundSecond(wall - rng.uniform(10 * MINUTE, 4 * HOUR)) : wallOnDay(ctx, day - back, rng);
      if (at > customer.downloadWall && at < wall) browse(at, 0.35, 0.4);
    }
    const channel = channelOf();
    const minutes = 1 + rng.logNormal(10, 0.5);
    const endWall = roundSecond(wall + minutes * MINUTE);
    if (day === ctx.brokenDay && rng.chance(BROKEN_CHECKOUT_FAILURE)) {
      sessions.push(plan(wall, endWall, false, true, true, channel, -1, false));
      if (rng.chance(BROKEN_CHECKOUT_RETRY)) {
        const retry = roundSecond(Math.max(wall + rng.uniform(16, 40) * HOUR, clock.dayStart(day + 1) + rng.uniform(7, 22) * HOUR));
        if (retry < end) insertSorted(attempts, retry, k + 1);
      }
      continue;
    }
    const promotion = pickPromotion(ctx, rng, wall, orders === 0);
    if (promotion >= 0 && ctx.promotions[promotion].kind === 'effective' && Number.isNaN(firstEffectiveUse)) {
      firstEffectiveUse = wall;
      if (group.name !== 'one-timer' && rng.chance(EFFECTIVE_EXTRA_ORDER_CHANCE)) {
        const extra = roundSecond(wall + rng.uniform(1, 6.5) * DAY);
        if (extra < end) insertSorted(attempts, extra, k + 1);
      }
    }
    const lifted = wall >= firstEffectiveUse && wall < firstEffectiveUse + EFFECT_WINDOW;
    sessions.push(plan(wall, endWall, true, true, true, channel, promotion, lifted));
    orders++;
    if (orders >= cap) cutoff = wall;
  }

  const kept = cutoff === Infinity ? sessions : sessions.filter((s) => s.startWall <= cutoff);
  kept.sort((a, b) => a.startWall - b.startWall || Number(a.purchased) - Number(b.purchased));
  if (withBaskets) drawBaskets(ctx, customer, kept);
  return { sessions: kept, orders };
}

/** Whether messages can bring this customer extra orders (browsers never buy, one-timers buy once). */
export function respondsToMessages(customer: CustomerProfile): boolean {
  return customer.profile.name !== 'browser' && customer.profile.name !== 'one-timer';
}

/** Draws the baskets of the purchases, in time order, from the customer's basket stream. */
function drawBaskets(ctx: ShopContext, customer: CustomerProfile, sessions: SessionPlan[]): void {
  const rng = new Rng(ctx.options.seed, customer.index, STREAM.baskets);
  const regular = customer.profile.meanGapDays !== null && customer.profile.meanGapDays <= 30;
  const taste = basketTaste(ctx.catalog, rng, regular ? 3 : 1);
  for (const session of sessions) {
    if (!session.purchased) continue;
    const extraLines = customer.profile.basketLines * (session.lifted ? EFFECTIVE_SPEND_LIFT : 1);
    const lines = drawBasket(ctx.catalog, taste, rng, extraLines);
    const subtotal = basketCents(ctx.catalog, lines);
    const rate = session.promotion >= 0 ? ctx.promotions[session.promotion].discountRate : 0;
    session.lines = lines;
    session.subtotalCents = subtotal;
    session.discountCents = Math.round(subtotal * rate);
  }
}

/** The promotion an order uses (planted ones are checked first, the welcome code only on a first order), or -1. */
function pickPromotion(ctx: ShopContext, rng: Rng, wall: number, firstOrder: boolean): number {
  const promotions = ctx.promotions;
  for (let p = 0; p < promotions.length; p++) {
    const promotion = promotions[p];
    if (wall < promotion.startWall || wall >= promotion.endWall) continue;
    if (promotion.kind === 'welcome' && !firstOrder) continue;
    if (rng.chance(promotion.useChance)) return p;
  }
  return -1;
}

function plan(
  startWall: number,
  endWall: number,
  purchased: boolean,
  basket: boolean,
  orderScreen: boolean,
  channel: number,
  promotion: number,
  lifted: boolean,
): SessionPlan {
  return { startWall, endWall, purchased, basket, orderScreen, channel, promotion, lifted, lines: null, subtotalCents: 0, discountCents: 0 };
}

function insertSorted(values: number[], value: number, from: number): void {
  let at = values.length;
  while (at > from && values[at - 1] > value) at--;
  values.splice(at, 0, value);
}

function roundSecond(wall: number): number {
  return Math.round(wall / 1000) * 1000;
}

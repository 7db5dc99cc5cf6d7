/**
 * What the generator planted, so tests (and detectors) can check that analyses find it.
 * Dates are local calendar dates of the shop's time zone; `...Ms` fields are UTC instants.
 */
import type { ProductPair } from './catalog.js';
import { DAY } from './clock.js';
import type { Channel, OrderDrive } from './campaigns.js';
import type { ShopContext } from './context.js';
import { customerIndex } from './customer.js';
import { GROUPS, type CustomerGroup, type GroupProfile } from './groups.js';
import { EFFECTIVE_EXTRA_ORDER_CHANCE, EFFECTIVE_SPEND_LIFT, type Promotion, type PromotionKind } from './promotions.js';
import type { Holiday } from './seasonality.js';
import { BROKEN_CHECKOUT_FAILURE, BROKEN_CHECKOUT_RETRY } from './sessions.js';

/** A planted promotion. */
export interface PlantedPromotion {
  readonly id: string;
  /** First and last local date it runs (inclusive). */
  readonly start: string;
  readonly end: string;
  /** UTC instants: first instant, and the instant after the last. */
  readonly startMs: number;
  readonly endMs: number;
  readonly discountRate: number;
  /** Chance that an order placed while it runs uses it. */
  readonly useChance: number;
  /** Multiplier on basket lines of a customer's orders in the `windowDays` from their first use (1: no effect). */
  readonly spendLift: number;
  /** Chance that the first use brings one extra order within `windowDays`. */
  readonly extraOrderChance: number;
  readonly windowDays: number;
}

/** The day checkout was broken: sessions reach the order screen, almost none purchase. */
export interface PlantedBrokenCheckout {
  /** Local date. */
  readonly date: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Chance that a checkout failed that day. */
  readonly failureChance: number;
  /** Chance that a customer whose checkout failed bought within the next two days. */
  readonly retryChance: number;
}

/** The campaign that drives orders within a week of the message. */
export interface PlantedCampaign {
  readonly id: string;
  readonly channels: readonly Channel[];
  /** Local date of the send. */
  readonly date: string;
  readonly sentMs: number;
  readonly windowDays: number;
  /** Chance of an extra order within the window, by how far the recipient engaged. */
  readonly drive: OrderDrive;
}

/** An ordinary campaign to compare the planted one with (no planted effect). */
export interface BaselineCampaign {
  readonly id: string;
  readonly channel: Channel;
  readonly sentMs: number;
}

/** A customer group and how many customers it has in this shop. */
export interface PlantedGroup extends GroupProfile {
  readonly customers: number;
}

/** Any promotion of the shop's calendar. */
export interface PromotionInfo {
  readonly id: string;
  readonly kind: PromotionKind;
  readonly startMs: number;
  readonly endMs: number;
  readonly discountRate: number;
}

/** Everything planted in a shop. */
export interface PlantedEffects {
  /** Raises spend: order value in the week after a customer's first use is higher than before. */
  readonly effectivePromotion: PlantedPromotion;
  /** Changes nothing but a small discount. */
  readonly neutralPromotion: PlantedPromotion;
  readonly brokenCheckout: PlantedBrokenCheckout;
  readonly drivingCampaign: PlantedCampaign;
  readonly baselineCampaign: BaselineCampaign;
  /** The groups, indexed like `customerGroups`. */
  readonly groups: readonly PlantedGroup[];
  /** Group index of each customer, by customer index (client `C000001` is index 0). */
  readonly customerGroups: Uint8Array;
  /** Products bought together. */
  readonly productPairs: readonly ProductPair[];
  /** The ten most popular products, most popular first. */
  readonly popularProducts: readonly string[];
  /** Holidays inside the period (order and arrival peaks and dips). */
  readonly holidays: readonly Holiday[];
  /** The full promotion calendar (welcome, seasonal and planted). */
  readonly promotions: readonly PromotionInfo[];
}

/** The group of a client of this shop, or null for an unknown client. */
export function groupOfClient(planted: PlantedEffects, client: string): CustomerGroup | null {
  const index = customerIndex(client);
  if (index < 0 || index >= planted.customerGroups.length) return null;
  return planted.groups[planted.customerGroups[index]].name;
}

/** Describes what `ctx` planted for a population with these group codes. */
export function describePlanted(ctx: ShopContext, customerGroups: Uint8Array): PlantedEffects {
  const { clock } = ctx;
  const counts = new Array<number>(GROUPS.length).fill(0);
  for (const g of customerGroups) counts[g]++;
  const promotion = (kind: 'effective' | 'neutral'): PlantedPromotion => {
    const p = ctx.promotions.find((q) => q.kind === kind) as Promotion;
    const effective = kind === 'effective';
    return {
      id: p.id,
      start: clock.isoDate(clock.dayOf(p.startWall)),
      end: clock.isoDate(clock.dayOf(p.endWall) - 1),
      startMs: clock.toUtc(p.startWall),
      endMs: clock.toUtc(p.endWall),
      discountRate: p.discountRate,
      useChance: p.useChance,
      spendLift: effective ? EFFECTIVE_SPEND_LIFT : 1,
      extraOrderChance: effective ? EFFECTIVE_EXTRA_ORDER_CHANCE : 0,
      windowDays: 7,
    };
  };
  const planted = ctx.campaigns.filter((c) => c.planted);
  const target = clock.dayStart(ctx.campaignDay) - 35 * DAY;
  const baseline = ctx.campaigns
    .filter((c) => c.id.startsWith('newsletter-'))
    .reduce((best, c) => (Math.abs(c.sentWall - target) < Math.abs(best.sentWall - target) ? c : best));
  const products = [...ctx.catalog.products].sort((a, b) => b.weight - a.weight || a.index - b.index);
  return {
    effectivePromotion: promotion('effective'),
    neutralPromotion: promotion('neutral'),
    brokenCheckout: {
      date: clock.isoDate(ctx.brokenDay),
      startMs: clock.toUtc(clock.dayStart(ctx.brokenDay)),
      endMs: clock.toUtc(clock.dayStart(ctx.brokenDay + 1)),
      failureChance: BROKEN_CHECKOUT_FAILURE,
      retryChance: BROKEN_CHECKOUT_RETRY,
    },
    drivingCampaign: {
      id: planted[0].id,
      channels: planted.map((c) => c.channel),
      date: clock.isoDate(ctx.campaignDay),
      sentMs: clock.toUtc(planted[0].sentWall),
      windowDays: 7,
      drive: planted[0].drive,
    },
    baselineCampaign: { id: baseline.id, channel: baseline.channel, sentMs: clock.toUtc(baseline.sentWall) },
    groups: GROUPS.map((g, i) => ({ ...g, customers: counts[i] })),
    customerGroups,
    productPairs: pairs(ctx),
    popularProducts: products.slice(0, 10).map((p) => p.name),
    holidays: ctx.season.holidays,
    promotions: ctx.promotions.map((p) => ({ id: p.id, kind: p.kind, startMs: clock.toUtc(p.startWall), endMs: clock.toUtc(p.endWall), discountRate: p.discountRate })),
  };
}

function pairs(ctx: ShopContext): ProductPair[] {
  const out: ProductPair[] = [];
  ctx.catalog.partner.forEach((second, first) => {
    if (second >= 0) {
      out.push({ first: ctx.catalog.products[first].name, second: ctx.catalog.products[second].name, probability: ctx.catalog.partnerProbability[first] });
    }
  });
  return out;
}

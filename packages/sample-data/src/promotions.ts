/**
 * The promotion calendar: a welcome code on first orders, seasonal codes (summer, Black
 * Friday, Christmas, new year), and the two planted promotions, one that truly raises spend
 * and one that changes nothing but the discount.
 */
import { DAY, HOUR, type PeriodClock } from './clock.js';
import type { Holiday } from './seasonality.js';

/** What a promotion does to the customers who use it. */
export type PromotionKind = 'welcome' | 'seasonal' | 'effective' | 'neutral';

/** A promotion code and when and how it is used. */
export interface Promotion {
  readonly id: string;
  readonly kind: PromotionKind;
  /** Wall ms of the first instant it can be used. */
  readonly startWall: number;
  /** Wall ms after the last instant (exclusive). */
  readonly endWall: number;
  /** Share of the basket given back as `discount_amount`. */
  readonly discountRate: number;
  /** Chance that an order placed while it runs uses it. */
  readonly useChance: number;
}

/** Spend multiplier (more basket lines) on a customer's orders in the 7 days from their first use of the effective promotion. */
export const EFFECTIVE_SPEND_LIFT = 1.8;
/** Chance that the first use of the effective promotion brings one extra order within a week. */
export const EFFECTIVE_EXTRA_ORDER_CHANCE = 0.35;
/** The window of the effective promotion's lift. */
export const EFFECT_WINDOW = 7 * DAY;

/** The ids of the planted promotions. */
export const EFFECTIVE_PROMOTION_ID = 'BUNDLEUP';
export const NEUTRAL_PROMOTION_ID = 'THANKYOU';
export const WELCOME_PROMOTION_ID = 'WELCOME10';

/** The promotions of the period: planted ones first, so an order checks them first. */
export function promotionCalendar(clock: PeriodClock, holidays: readonly Holiday[]): Promotion[] {
  const days = clock.days;
  const length = Math.max(14, Math.round(days * 0.06));
  const effectiveStart = Math.round(days * 0.3);
  const neutralStart = Math.round(days * 0.62);
  const out: Promotion[] = [
    { id: EFFECTIVE_PROMOTION_ID, kind: 'effective', startWall: clock.dayStart(effectiveStart), endWall: clock.dayStart(effectiveStart + length), discountRate: 0.1, useChance: 0.45 },
    { id: NEUTRAL_PROMOTION_ID, kind: 'neutral', startWall: clock.dayStart(neutralStart), endWall: clock.dayStart(neutralStart + length), discountRate: 0.02, useChance: 0.35 },
  ];
  const firstYear = new Date(clock.startWall).getUTCFullYear();
  const lastYear = new Date(clock.endWall - 1).getUTCFullYear();
  const seasonal = (id: string, start: number, end: number, discountRate: number, useChance: number) => {
    if (end > clock.startWall && start < clock.endWall) out.push({ id, kind: 'seasonal', startWall: start, endWall: end, discountRate, useChance });
  };
  for (let year = firstYear; year <= lastYear; year++) {
    const yy = String(year % 100).padStart(2, '0');
    seasonal(`NEWYEAR${yy}`, Date.UTC(year, 0, 2), Date.UTC(year, 0, 8), 0.2, 0.25);
    seasonal(`SUMMER${yy}`, Date.UTC(year, 6, 15), Date.UTC(year, 7, 16), 0.15, 0.15);
    const blackFriday = holidays.find((h) => h.name === 'Black Friday' && h.start.startsWith(String(year)));
    const cyberMonday = holidays.find((h) => h.name === 'Cyber Monday' && h.start.startsWith(String(year)));
    if (blackFriday && cyberMonday) {
      seasonal(`BF${yy}`, wallOf(blackFriday.start) - 24 * HOUR, wallOf(cyberMonday.start) + DAY, 0.25, 0.4);
    }
    seasonal(`XMAS${yy}`, Date.UTC(year, 11, 1), Date.UTC(year, 11, 21), 0.1, 0.2);
  }
  out.push({ id: WELCOME_PROMOTION_ID, kind: 'welcome', startWall: clock.startWall, endWall: clock.endWall, discountRate: 0.1, useChance: 0.3 });
  return out;
}

function wallOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/**
 * Everything shared by all customers of one shop: the options, the clock, seasonality, the
 * catalogue and the promotion and campaign calendars, and the planted days. Built once per
 * `generateShop`; customers are then generated from it one at a time.
 */
import { catalog, type Catalog } from './catalog.js';
import { createClock, type PeriodClock } from './clock.js';
import { campaignCalendar, type Campaign } from './campaigns.js';
import type { ResolvedShopOptions } from './options.js';
import { promotionCalendar, type Promotion } from './promotions.js';
import { createSeasonality, type Seasonality } from './seasonality.js';

/** Shared, read-only state of one shop. */
export interface ShopContext {
  readonly options: ResolvedShopOptions;
  readonly clock: PeriodClock;
  readonly season: Seasonality;
  readonly catalog: Catalog;
  readonly promotions: readonly Promotion[];
  readonly campaigns: readonly Campaign[];
  /** `campaigns[k].sentWall`, for a binary search of a customer's first campaign. */
  readonly campaignWalls: Float64Array;
  /** Day index of the broken checkout. */
  readonly brokenDay: number;
  /** Day index of the planted campaign. */
  readonly campaignDay: number;
}

/** Builds the shared state of a shop. */
export function createContext(options: ResolvedShopOptions): ShopContext {
  const clock = createClock(options.start, options.days, options.timeZone);
  const season = createSeasonality(clock);
  const campaignDay = quietDay(clock, season, Math.round(options.days * 0.45));
  const brokenDay = quietDay(clock, season, Math.round(options.days * 0.55));
  const campaigns = campaignCalendar(clock, season.holidays, campaignDay);
  return {
    options,
    clock,
    season,
    catalog: catalog(),
    promotions: promotionCalendar(clock, season.holidays),
    campaigns,
    campaignWalls: Float64Array.from(campaigns.map((c) => c.sentWall)),
    brokenDay,
    campaignDay,
  };
}

/** The first Tuesday, Wednesday or Thursday from `target` on that is not a holiday, so planted effects are not confounded. */
function quietDay(clock: PeriodClock, season: Seasonality, target: number): number {
  for (let day = target; day < clock.days; day++) {
    const weekday = clock.weekday(day);
    if (weekday >= 2 && weekday <= 4 && season.holidayFactor[day] === 1) return day;
  }
  return target;
}

/**
 * Customer time runs on "intensity days": a customer's gaps are drawn in intensity units and
 * mapped back to calendar days through the cumulative ordering intensity, so busy days
 * (weekends, Black Friday) get more orders without any customer being special.
 */
import { DAY, HOUR } from './clock.js';
import type { ShopContext } from './context.js';
import type { Rng } from './random.js';

/** Intensity position of a wall time. */
export function intensityAt(ctx: ShopContext, wall: number): number {
  const { cumulativeIntensity, orderIntensity } = ctx.season;
  const day = ctx.clock.dayOf(wall);
  if (day < 0) return 0;
  if (day >= orderIntensity.length) return cumulativeIntensity[orderIntensity.length];
  const fraction = (wall - ctx.clock.dayStart(day)) / DAY;
  return cumulativeIntensity[day] + orderIntensity[day] * fraction;
}

/** Total intensity of the period (positions at or beyond it are after the end). */
export function intensityEnd(ctx: ShopContext): number {
  return ctx.season.cumulativeIntensity[ctx.season.orderIntensity.length];
}

/** The day at intensity position `x`, with a time of day from the hour profile. */
export function wallAtIntensity(ctx: ShopContext, x: number, rng: Rng): number {
  const cum = ctx.season.cumulativeIntensity;
  const last = cum.length - 2;
  // Intensity averages 1 per day, so day ≈ x: walk from there (a few steps at most).
  let day = Math.min(last, Math.max(0, Math.floor(x)));
  while (day > 0 && cum[day] > x) day--;
  while (day < last && cum[day + 1] <= x) day++;
  return wallOnDay(ctx, day, rng);
}

/** A time on day `day`, its hour drawn from the local hour-of-day profile. */
export function wallOnDay(ctx: ShopContext, day: number, rng: Rng): number {
  const weekday = ctx.clock.weekday(day);
  const hours = weekday === 0 || weekday === 6 ? ctx.season.hourCumulativeWeekend : ctx.season.hourCumulativeWeekday;
  const hour = rng.pickCumulative(hours);
  return ctx.clock.dayStart(day) + hour * HOUR + Math.floor(rng.next() * HOUR / 1000) * 1000;
}

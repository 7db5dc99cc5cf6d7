/**
 * When things happen: the weekly rhythm, the yearly swing, holidays, the hour-of-day profile,
 * and the growth of new customers over the period. Order intensity is normalised to a mean of
 * 1 per day, so a customer's "gap in intensity days" is a gap in ordinary days on average.
 */
import { cumulative } from './random.js';
import type { PeriodClock } from './clock.js';

/** A calendar event that changes how much people buy (and how many new customers arrive). */
export interface Holiday {
  readonly name: string;
  /** First local date, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last local date (inclusive). */
  readonly end: string;
  /** Multiplier on ordering intensity on those days. */
  readonly orderFactor: number;
  /** Multiplier on new-customer arrivals on those days. */
  readonly acquisitionFactor: number;
}

/** Per-day intensities and per-hour profiles of one period. */
export interface Seasonality {
  /** Ordering intensity per day (mean 1 over the period). */
  readonly orderIntensity: Float64Array;
  /** `cumulativeIntensity[d]` = sum of intensity of days before d (length days + 1). */
  readonly cumulativeIntensity: Float64Array;
  /** Holiday multiplier per day (1 on ordinary days). */
  readonly holidayFactor: Float64Array;
  /** Cumulative weights of the day a new customer arrives. */
  readonly arrivalCumulative: Float64Array;
  /** Cumulative weights of the local hour of a session, Monday to Friday. */
  readonly hourCumulativeWeekday: Float64Array;
  /** Cumulative weights of the local hour of a session, Saturday and Sunday. */
  readonly hourCumulativeWeekend: Float64Array;
  /** The holidays inside the period. */
  readonly holidays: readonly Holiday[];
}

/** Sunday .. Saturday. Weekends buy a little more, Tuesdays least. */
const ORDER_WEEKDAY = [1.12, 0.97, 0.93, 0.95, 0.98, 1.0, 1.08];
/** New customers arrive more at weekends (app downloads, browsing). */
const ARRIVAL_WEEKDAY = [1.2, 0.95, 0.92, 0.93, 0.95, 0.98, 1.15];
/** Hour 0 .. 23, local time: quiet nights, a lunch bump, an evening peak. */
const HOURS_WEEKDAY = [0.9, 0.5, 0.3, 0.2, 0.2, 0.35, 0.9, 1.9, 2.9, 3.4, 3.7, 4.0, 4.7, 4.6, 4.0, 3.8, 3.9, 4.3, 4.9, 5.7, 6.3, 5.9, 4.4, 2.3];
const HOURS_WEEKEND = [1.3, 0.8, 0.45, 0.3, 0.25, 0.3, 0.5, 1.0, 2.0, 3.2, 4.3, 4.9, 5.1, 5.0, 4.8, 4.6, 4.5, 4.6, 4.9, 5.4, 5.8, 5.3, 4.1, 2.5];
/** New-customer arrivals grow linearly to this multiple of the first day's rate. */
const ARRIVAL_GROWTH = 2.5;

/** Builds the seasonality of the clock's period. */
export function createSeasonality(clock: PeriodClock): Seasonality {
  const days = clock.days;
  const holidays = holidaysIn(clock);
  const holidayFactor = new Float64Array(days).fill(1);
  const holidayArrival = new Float64Array(days).fill(1);
  for (const holiday of holidays) {
    const from = dayOfIso(clock, holiday.start);
    const to = dayOfIso(clock, holiday.end);
    for (let day = Math.max(0, from); day <= Math.min(days - 1, to); day++) {
      holidayFactor[day] *= holiday.orderFactor;
      holidayArrival[day] *= holiday.acquisitionFactor;
    }
  }
  const raw = new Float64Array(days);
  const arrivals = new Float64Array(days);
  let total = 0;
  for (let day = 0; day < days; day++) {
    const date = new Date(clock.dayStart(day));
    const dayOfYear = (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
    // Winter (December) buys about 14 % more than June.
    const yearly = 1 + 0.07 * Math.cos((2 * Math.PI * (dayOfYear - 345)) / 365.25);
    const weekday = clock.weekday(day);
    raw[day] = ORDER_WEEKDAY[weekday] * yearly * holidayFactor[day];
    total += raw[day];
    const growth = 1 + ((ARRIVAL_GROWTH - 1) * day) / Math.max(1, days - 1);
    arrivals[day] = growth * ARRIVAL_WEEKDAY[weekday] * holidayArrival[day];
  }
  const mean = total / days;
  const orderIntensity = raw.map((v) => v / mean);
  const cumulativeIntensity = new Float64Array(days + 1);
  for (let day = 0; day < days; day++) cumulativeIntensity[day + 1] = cumulativeIntensity[day] + orderIntensity[day];
  return {
    orderIntensity,
    cumulativeIntensity,
    holidayFactor,
    arrivalCumulative: cumulative(arrivals),
    hourCumulativeWeekday: cumulative(HOURS_WEEKDAY),
    hourCumulativeWeekend: cumulative(HOURS_WEEKEND),
    holidays,
  };
}

function dayOfIso(clock: PeriodClock, iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return clock.dayOf(Date.UTC(y, m - 1, d));
}

function iso(y: number, month: number, day: number): string {
  return new Date(Date.UTC(y, month - 1, day)).toISOString().slice(0, 10);
}

/** Day of November of Black Friday: the day after the fourth Thursday (US Thanksgiving). */
function blackFriday(year: number): number {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  return 1 + ((4 - firstWeekday + 7) % 7) + 21 + 1;
}

/** The retail calendar of every year the period touches, clipped to the period. */
function holidaysIn(clock: PeriodClock): Holiday[] {
  const firstYear = new Date(clock.startWall).getUTCFullYear();
  const lastYear = new Date(clock.endWall - 1).getUTCFullYear();
  const first = clock.isoDate(0);
  const last = clock.isoDate(clock.days - 1);
  const out: Holiday[] = [];
  const add = (name: string, start: string, end: string, orderFactor: number, acquisitionFactor: number) => {
    if (end < first || start > last) return;
    out.push({ name, start, end, orderFactor, acquisitionFactor });
  };
  for (let year = firstYear; year <= lastYear; year++) {
    add('New Year', iso(year, 1, 1), iso(year, 1, 1), 0.6, 1.3);
    add('New-year resolutions', iso(year, 1, 2), iso(year, 1, 7), 1.0, 1.2);
    add("Valentine's week", iso(year, 2, 7), iso(year, 2, 13), 1.12, 1.0);
    const bf = blackFriday(year);
    add('Black Friday', iso(year, 11, bf), iso(year, 11, bf), 2.6, 1.8);
    add('Black Friday weekend', iso(year, 11, bf + 1), iso(year, 11, bf + 2), 1.5, 1.5);
    add('Cyber Monday', iso(year, 11, bf + 3), iso(year, 11, bf + 3), 2.0, 1.4);
    add('Christmas shopping', iso(year, 12, 1), iso(year, 12, 20), 1.25, 1.1);
    add('Last delivery days', iso(year, 12, 21), iso(year, 12, 23), 1.1, 1.0);
    add('Christmas Eve', iso(year, 12, 24), iso(year, 12, 24), 0.7, 1.0);
    add('Christmas Day', iso(year, 12, 25), iso(year, 12, 25), 0.35, 1.9);
    add('Boxing Day sales', iso(year, 12, 26), iso(year, 12, 26), 1.5, 1.4);
    add("New Year's Eve", iso(year, 12, 31), iso(year, 12, 31), 0.8, 1.0);
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

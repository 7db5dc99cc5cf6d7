/**
 * The messaging calendar: a fortnightly email newsletter, push reminders every three weeks,
 * SMS flash offers every six weeks, a Black Friday blast on all channels, and the planted
 * flash sale (email + push) that really drives orders within a week.
 */
import { HOUR, type PeriodClock } from './clock.js';
import type { Holiday } from './seasonality.js';

/** A message channel. */
export type Channel = 'email' | 'sms' | 'push';

/** Chance that a message leads to an extra order within a week, by how far the customer engaged. */
export interface OrderDrive {
  readonly clicked: number;
  readonly opened: number;
  readonly delivered: number;
}

/** One send of one campaign on one channel. */
export interface Campaign {
  readonly id: string;
  readonly channel: Channel;
  /** Wall ms the send starts. */
  readonly sentWall: number;
  /** Share of contactable customers in the audience. */
  readonly audience: number;
  readonly drive: OrderDrive;
  readonly planted: boolean;
}

const NEWSLETTER_DRIVE: OrderDrive = { clicked: 0.25, opened: 0.03, delivered: 0 };
const REMINDER_DRIVE: OrderDrive = { clicked: 0.3, opened: 0.05, delivered: 0.005 };
const SEASONAL_DRIVE: OrderDrive = { clicked: 0.35, opened: 0.08, delivered: 0.02 };
/** The planted campaign's drive: most clickers and many openers order within the week. */
export const PLANTED_DRIVE: OrderDrive = { clicked: 0.9, opened: 0.6, delivered: 0.3 };

/** The campaigns of the period, sorted by send time. */
export function campaignCalendar(clock: PeriodClock, holidays: readonly Holiday[], plantedDay: number): Campaign[] {
  const out: Campaign[] = [];
  const every = (channel: Channel, prefix: string, weekday: number, firstDay: number, stepDays: number, hour: number, audience: number, drive: OrderDrive) => {
    let day = firstDay;
    while (clock.weekday(day) !== weekday) day++;
    for (; day < clock.days; day += stepDays) {
      out.push({ id: `${prefix}-${clock.isoDate(day)}`, channel, sentWall: clock.dayStart(day) + hour * HOUR, audience, drive, planted: false });
    }
  };
  every('email', 'newsletter', 4, 3, 14, 10, 0.55, NEWSLETTER_DRIVE);
  every('push', 'push-weekend', 6, 5, 21, 11, 0.6, REMINDER_DRIVE);
  every('sms', 'sms-flash', 2, 10, 42, 18, 0.5, REMINDER_DRIVE);
  for (const holiday of holidays) {
    if (holiday.name !== 'Black Friday') continue;
    const [y, m, d] = holiday.start.split('-').map(Number);
    const sentWall = Date.UTC(y, m - 1, d) + 8 * HOUR;
    for (const channel of ['email', 'sms', 'push'] as const) {
      out.push({ id: `black-friday-${y}`, channel, sentWall, audience: 1, drive: SEASONAL_DRIVE, planted: false });
    }
  }
  const plantedId = `flash-sale-${clock.isoDate(plantedDay)}`;
  for (const channel of ['email', 'push'] as const) {
    out.push({ id: plantedId, channel, sentWall: clock.dayStart(plantedDay) + 10 * HOUR, audience: 1, drive: PLANTED_DRIVE, planted: true });
  }
  return out.sort((a, b) => a.sentWall - b.sentWall || (a.channel < b.channel ? -1 : 1));
}

import type { Calendar } from '@clvkit/core';

/**
 * An instant as "wall-clock epoch": the local time in the calendar's zone read as if it were
 * UTC. Charts place and label time on this axis with UTC scales and formatters, so ticks fall
 * on local midnights and month starts whatever zone the browser is in.
 */
export function wallTime(ms: number, calendar: Calendar): number {
  return ms + calendar.offset(ms);
}

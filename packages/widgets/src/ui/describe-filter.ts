import type { Filter } from '@clvkit/core';

/**
 * Why a widget has nothing to show, e.g. "No orders in the selected range": names the time
 * range when the filter has one on `session_start`, the other filters otherwise.
 */
export function emptyReason(filter: Filter, noun: string): string {
  const predicates = filter.predicates;
  if (predicates.length === 0) return `No ${noun} in the data`;
  const ranged = predicates.some((p) => p.type === 'interval' && (p.field === 'session_start' || p.field === 'sessions.session_start'));
  const others = predicates.length - (ranged ? 1 : 0);
  if (ranged && others === 0) return `No ${noun} in the selected range`;
  if (ranged) return `No ${noun} in the selected range with the selected filters`;
  return `No ${noun} match the selected filters`;
}

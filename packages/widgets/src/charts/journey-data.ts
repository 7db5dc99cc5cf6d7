import type { Row } from '@clvkit/core';
import { readNumber, type Accessor } from './accessor.js';

/** One order position of the journey: the k-th order's mean value and the mean gap to the next. */
export interface JourneyStep {
  /** k, the order's position (1 = first order). */
  readonly order: number;
  readonly value: number | null;
  /** Mean time to the (k+1)-th order among customers who made it (null for the last). */
  readonly gap: number | null;
  /** Customers who made a k-th order, when the rows carry it. */
  readonly count: number | null;
  /** Mean time from the first order to this one: the sum of the earlier gaps. */
  readonly at: number;
  readonly datum: Row;
}

/** The journey steps of result rows, sorted by k, each placed at the sum of the earlier gaps. */
export function journeySteps(rows: readonly Row[], step: Accessor<Row>, value: Accessor<Row>, gap: Accessor<Row>, count: Accessor<Row>): JourneyStep[] {
  const parsed = rows
    .map((datum, i) => ({ order: readNumber(datum, step, i), value: readNumber(datum, value, i), gap: readNumber(datum, gap, i), count: readNumber(datum, count, i), datum }))
    .filter((s): s is Omit<JourneyStep, 'at'> & { order: number } => s.order !== null)
    .sort((a, b) => a.order - b.order);
  let at = 0;
  return parsed.map((s) => {
    const placed = { ...s, at };
    at += s.gap ?? 0;
    return placed;
  });
}

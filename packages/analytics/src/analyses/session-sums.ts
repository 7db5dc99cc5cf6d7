import type { AnalysisContext } from '../types.js';
import { sessionsKept } from './masks.js';

/** Per group slot: sessions, orders and revenue of the sessions passing the filter. */
export interface SessionSums {
  /** Sessions in the slot (the aggregate's group size). */
  readonly sessions: Int32Array;
  /** Sessions with has_purchased. */
  readonly orders: Float64Array;
  /** Σ payment_amount of those orders (missing amounts left out). */
  readonly revenue: Float64Array;
}

/**
 * `sessions`, `orders` and `revenue` of the sessions passing the context's filter, grouped by
 * two keys at once: slot = a × (cardinalityB + 1) + b, where a = `codesA[i]` and b =
 * `codesB[i]`, a missing code (-1) taking the last value of its key (cardinality).
 *
 * The same numbers as the plain aggregate grouped by the two keys, bit for bit (revenue added
 * in row order), in one pass without its per-row group and row arrays.
 */
export function sessionSums(context: AnalysisContext, codesA: Int32Array, cardinalityA: number, codesB: Int32Array, cardinalityB: number): SessionSums {
  const width = cardinalityB + 1;
  const slots = (cardinalityA + 1) * width;
  const mask = sessionsKept(context);
  const purchased = context.derived.purchased();
  const pay = context.derived.numbers('sessions', 'payment_amount', 0);
  const sessions = new Int32Array(slots);
  const orders = new Float64Array(slots);
  const revenue = new Float64Array(slots);
  for (let i = 0; i < codesA.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const a = codesA[i];
    const b = codesB[i];
    const g = (a < 0 ? cardinalityA : a) * width + (b < 0 ? cardinalityB : b);
    sessions[g]++;
    if (purchased[i] === 0) continue;
    orders[g]++;
    const p = pay[i];
    if (p === p) revenue[g] += p;
  }
  return { sessions, orders, revenue };
}

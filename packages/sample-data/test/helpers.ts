/** Test helpers: read a generated shop into plain arrays (small shops only) and small statistics. */
import type { CustomerRow, LineRow, MessageRow, SessionRow, ShopData } from '../src/index.js';

/** All rows of a shop, materialised. */
export interface ShopRows {
  readonly customers: CustomerRow[];
  readonly sessions: SessionRow[];
  readonly lines: LineRow[];
  readonly messages: MessageRow[];
}

/** Materialises every table of `shop`. */
export function rowsOf(shop: ShopData): ShopRows {
  return {
    customers: [...shop.input.customers.data],
    sessions: [...shop.input.sessions.data],
    lines: [...shop.input.lines.data],
    messages: [...shop.input.messages.data],
  };
}

export const DAY = 86_400_000;

/** Median of numbers (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Mean of numbers. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** UTC calendar date of an instant. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Purchases of each client, sorted by time: [time, payment]. */
export function ordersByClient(sessions: Iterable<SessionRow>): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const s of sessions) {
    if (!s.has_purchased) continue;
    let list = out.get(s.client);
    if (!list) out.set(s.client, (list = []));
    list.push([s.session_start, s.payment_amount]);
  }
  for (const list of out.values()) list.sort((a, b) => a[0] - b[0]);
  return out;
}

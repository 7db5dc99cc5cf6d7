import { seededRandom } from './dashboard.js';

/**
 * The generated shop has basket lines for orders only. Real shops also keep the lines of
 * abandoned baskets (sessions with has_basket but no purchase), and the aggregate's rules
 * differ for them (line measures count lines of orders only; a lines clause still selects the
 * session). This adds one to three lines, copied from real lines, to every abandoned basket,
 * deterministically, so the comparison exercises those rules.
 */

/** The raw input of a generated shop, as far as this needs it. */
export interface ShopRows {
  readonly input: {
    readonly sessions: { readonly data: Iterable<Record<string, unknown>> };
    readonly lines: { readonly data: Iterable<Record<string, unknown>> };
  };
}

/** `raw` with lines added to abandoned baskets (the other tables unchanged). */
export function withAbandonedBaskets<T extends ShopRows>(raw: T, seed: number): T {
  const random = seededRandom(seed);
  const lines = [...raw.input.lines.data];
  const added: Record<string, unknown>[] = [];
  for (const s of raw.input.sessions.data) {
    if (!s.has_basket || s.has_purchased) continue;
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const model = lines[Math.floor(random() * lines.length)];
      added.push({ ...model, order_id: s.order_id, quantity: 1 + Math.floor(random() * 3) });
    }
  }
  return { ...raw, input: { ...raw.input, lines: { ...raw.input.lines, data: [...lines, ...added] } } };
}

import type { Column, Dataset } from '@clvkit/core';
import type { BasketLine, OrderDocument } from '../../src/documents.js';

/**
 * The order documents of a dataset for the parity tests, read straight from its columns (kept
 * here, apart from the ingest code, so the parity tests do not depend on it).
 */
export function datasetOrderDocuments(dataset: Dataset): OrderDocument[] {
  const s = dataset.sessions;
  const c = s.columns;
  const str = (col: Column | undefined, row: number): string | null => {
    if (!col || col.type !== 'string') return null;
    const code = col.codes[row];
    return code < 0 ? null : col.dictionary[code];
  };
  const num = (col: Column | undefined, row: number): number | null => {
    if (!col || (col.type !== 'number' && col.type !== 'time')) return null;
    const v = col.values[row];
    return v === v ? v : null;
  };
  const baskets: BasketLine[][] = Array.from({ length: s.length }, () => []);
  const lines = dataset.lines;
  if (lines) {
    const l = lines.columns;
    const order = l.order;
    if (order?.type !== 'ref') throw new Error('lines.order must be a ref column');
    for (let i = 0; i < lines.length; i++) {
      const o = order.rows[i];
      if (o < 0) continue;
      // Each line carries its order's client and session start (the line-level copies of the index).
      baskets[o].push({ client: str(c.client, o)!, session_start: num(c.session_start, o)!, product: str(l.product, i)!, category: str(l.category, i), description: str(l.description, i), price: num(l.price, i) ?? 0, quantity: num(l.quantity, i) ?? 1 });
    }
  }
  const out: OrderDocument[] = [];
  for (let row = 0; row < s.length; row++) {
    const actions: Record<string, boolean> = {};
    for (const name of dataset.sessionActions) {
      const col = c[name];
      actions[name] = col?.type === 'boolean' && col.values[row] === 1;
    }
    const purchased = c.has_purchased;
    const pay = num(c.payment_amount, row) ?? 0;
    const off = num(c.discount_amount, row) ?? 0;
    out.push({
      order_id: str(c.order_id, row)!,
      client: str(c.client, row)!,
      session_start: num(c.session_start, row)!,
      session_end: num(c.session_end, row),
      has_purchased: purchased?.type !== 'boolean' || purchased.values[row] === 1,
      payment_amount: pay,
      discount_amount: off,
      // The per-order share written independently of the ingest code (same definition).
      discount_share: pay + off > 0 ? Math.min(1, Math.max(0, off / (pay + off))) : 0,
      promotion_id: str(c.promotion_id, row),
      dimension: str(c.dimension, row),
      actions,
      basket: baskets[row],
    });
  }
  return out;
}

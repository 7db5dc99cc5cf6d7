import type { TableName } from '@clvkit/core';
import type { IndexLayout } from '../layout.js';

/**
 * The allow-list: which tables (and so which indices) and which fields of each the browser may
 * name. A field is named as the engine names it: unqualified (`payment_amount`, looked up in
 * sessions, lines, customers, messages, in that order) or qualified by its table
 * (`customers.gender`).
 */

/** Fields the browser may name, per table. A table left out cannot be queried at all. */
export type FieldAllowList = Partial<Record<TableName, readonly string[]>>;

/** The tables of a clvkit dataset, in the engine's lookup order. */
export const TABLES: readonly TableName[] = Object.freeze(['sessions', 'lines', 'customers', 'messages'] as const);

/**
 * Every field of the clvkit documents for `layout` (canonical fields plus the layout's actions
 * and attributes), per table: a starting point for `allow.fields` that a host trims.
 */
export function standardFields(layout: IndexLayout): Required<FieldAllowList> {
  return {
    sessions: ['order_id', 'client', 'session_start', 'session_end', 'has_purchased', 'payment_amount', 'discount_amount', 'promotion_id', 'dimension', ...layout.orderActions],
    lines: ['order_id', 'product', 'category', 'description', 'price', 'quantity'],
    customers: ['client', 'download_date', 'signup_date', ...layout.customerActions, ...layout.customerAttributes],
    messages: ['message_id', 'client', 'channel', 'campaign', 'sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'],
  };
}

/** A checker of field names against an allow-list. */
export class AllowList {
  readonly #tables: Map<TableName, Set<string>>;

  constructor(fields: FieldAllowList) {
    this.#tables = new Map();
    for (const table of TABLES) {
      const list = fields[table];
      if (list) this.#tables.set(table, new Set(list));
    }
  }

  /** Whether `table` may be queried. */
  hasTable(table: string): table is TableName {
    return this.#tables.has(table as TableName);
  }

  /** Whether `field` (qualified or not) is on the list. */
  allows(field: string): boolean {
    const dot = field.indexOf('.');
    if (dot > 0) {
      const table = field.slice(0, dot) as TableName;
      return this.#tables.get(table)?.has(field.slice(dot + 1)) ?? false;
    }
    for (const set of this.#tables.values()) if (set.has(field)) return true;
    return false;
  }
}

import type { IndexLayout } from '../layout.js';
import { UnsupportedQueryError } from './errors.js';

/**
 * Where a clvkit field lives in the orders index. Session fields are top-level properties of an
 * order document; basket-line fields live in the nested `basket` objects; session actions in the
 * `actions` object. Fields are resolved like `resolveField` in @clvkit/core: `sessions.x` /
 * `lines.x` qualified, an unqualified name looked up in sessions, then lines. Customer and
 * message fields, and derived fields (first order time, status, ...), are not in order
 * documents, so they are refused with `UnsupportedQueryError`.
 */
export interface EsField {
  /** The clvkit field as written in the request. */
  readonly field: string;
  readonly table: 'sessions' | 'lines';
  /** The Elasticsearch field path, e.g. `payment_amount`, `basket.category`, `actions.has_basket`. */
  readonly path: string;
  readonly type: 'keyword' | 'date' | 'number' | 'boolean';
}

/** The nested path of basket lines in order documents. */
export const BASKET = 'basket';

const SESSION_TYPES: Readonly<Record<string, EsField['type']>> = {
  order_id: 'keyword',
  client: 'keyword',
  session_start: 'date',
  session_end: 'date',
  has_purchased: 'boolean',
  payment_amount: 'number',
  discount_amount: 'number',
  promotion_id: 'keyword',
  dimension: 'keyword',
};

const LINE_TYPES: Readonly<Record<string, EsField['type']>> = {
  product: 'keyword',
  category: 'keyword',
  price: 'number',
  quantity: 'number',
};

/**
 * Session fields copied onto every basket line at ingest (`basket.client`,
 * `basket.session_start`, see `BasketLine`): a nested aggregation sees only the line's own
 * fields, so these are the session fields a basket-lines composite can group by together with
 * line fields.
 */
export const LINE_COPIES: ReadonlySet<string> = new Set(['client', 'session_start']);

/**
 * The line-level copy of a session field (same field, type and row name; path under `basket`),
 * or null when the field is not copied onto lines (see `LINE_COPIES`).
 */
export function lineCopy(field: EsField): EsField | null {
  if (field.table !== 'sessions' || !LINE_COPIES.has(field.path)) return null;
  return { ...field, table: 'lines', path: `${BASKET}.${field.path}` };
}

/**
 * Resolves `field` to its place in the orders index.
 * @throws UnsupportedQueryError for customer, message, derived or unknown fields.
 */
export function esField(layout: IndexLayout, field: string): EsField {
  if (typeof field !== 'string' || field === '') throw new UnsupportedQueryError(`field ${JSON.stringify(field)}`, 'a field name must be a non-empty string');
  const dot = field.indexOf('.');
  const table = dot > 0 ? field.slice(0, dot) : '';
  const column = dot > 0 ? field.slice(dot + 1) : field;
  if (table === 'sessions' || table === '') {
    const found = sessionField(layout, field, column);
    if (found) return found;
    if (table === 'sessions') throw unknown(layout, field);
  }
  if (table === 'lines' || table === '') {
    const type = own(LINE_TYPES, column);
    if (type) return { field, table: 'lines', path: `${BASKET}.${column}`, type };
    if (column === 'description') {
      throw new UnsupportedQueryError(`field "${field}"`, 'basket-line descriptions are full text in the orders index (no exact values to filter or group on); use product or category');
    }
    if (table === 'lines') throw unknown(layout, field);
  }
  if (table === 'customers' || table === 'messages') {
    throw new UnsupportedQueryError(`field "${field}"`, `${table} fields are not in the orders index, so they cannot filter or group orders on Elasticsearch; filter on session or basket-line fields, or use executeSummaries for per-customer analyses`);
  }
  throw unknown(layout, field);
}

function sessionField(layout: IndexLayout, field: string, column: string): EsField | null {
  const type = own(SESSION_TYPES, column);
  if (type) return { field, table: 'sessions', path: column, type };
  if (layout.orderActions.includes(column)) return { field, table: 'sessions', path: `actions.${column}`, type: 'boolean' };
  return null;
}

function own(map: Readonly<Record<string, EsField['type']>>, key: string): EsField['type'] | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function unknown(layout: IndexLayout, field: string): UnsupportedQueryError {
  const available = [...Object.keys(SESSION_TYPES), ...layout.orderActions, ...Object.keys(LINE_TYPES).map((c) => `lines.${c}`)];
  return new UnsupportedQueryError(`field "${field}"`, `not a field of the orders index (derived and customer fields are computed in the browser only). Available: ${available.join(', ')}`);
}

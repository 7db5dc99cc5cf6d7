import { ClvDataError } from './errors.js';
import type { TableName } from './table.js';

/**
 * The canonical input schema (SPEC.md "Inputs") and the host's mapping onto it. A mapping
 * names, for each canonical field, the host's column that holds it; a field the mapping
 * leaves out is looked up under its canonical name, so no mapping at all means "my columns
 * already have the canonical names".
 */

/** How a field's cells are read. `promotion` is a string where "", "-", "None", null mean organic. */
export type FieldType = 'string' | 'number' | 'time' | 'boolean' | 'promotion';

/** One canonical field of an input table. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** A required field must be mapped (or present under its name) and non-empty in every row. */
  readonly required: boolean;
  /** Value used for an empty cell of an optional number field (e.g. quantity 1, discount 0). */
  readonly defaultValue?: number;
  /** Numbers below 0 are rejected with rule `negative`. */
  readonly nonNegative?: boolean;
  readonly description: string;
}

/** Input tables: the four dataset tables plus the "one row per order line" export. */
export type InputTableName = TableName | 'line-items';

const f = (name: string, type: FieldType, required: boolean, description: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  Object.freeze({ name, type, required, description, ...extra });

/** Canonical fields of the sessions (or orders) table. */
export const SESSION_FIELDS: readonly FieldSpec[] = Object.freeze([
  f('order_id', 'string', true, 'unique id of the session or order'),
  f('client', 'string', true, 'customer id'),
  f('session_start', 'time', true, 'when the session started (the order time for orders)'),
  f('session_end', 'time', false, 'when the session ended'),
  f('has_purchased', 'boolean', false, 'whether the session is an order; an absent column means every row is an order'),
  f('payment_amount', 'number', true, 'amount paid, >= 0 for an order, 0 for a session without purchase', { nonNegative: true }),
  f('discount_amount', 'number', false, 'discount granted, >= 0', { nonNegative: true, defaultValue: 0 }),
  f('promotion_id', 'promotion', false, 'promotion used; empty, "-", "None" and null mean organic'),
  f('dimension', 'string', false, 'a grouping such as region, store or channel'),
]);

/** Canonical fields of the customers table (actions and attributes are named by the host). */
export const CUSTOMER_FIELDS: readonly FieldSpec[] = Object.freeze([
  f('client', 'string', true, 'customer id, unique'),
  f('download_date', 'time', true, 'first contact (app download, first visit)'),
  f('signup_date', 'time', false, 'sign-up date'),
]);

/** Canonical fields of the basket lines table. */
export const LINE_FIELDS: readonly FieldSpec[] = Object.freeze([
  f('order_id', 'string', true, 'the order (sessions.order_id) this line belongs to'),
  f('product', 'string', true, 'product id or name'),
  f('category', 'string', false, 'category, may be a path "a/b/c"'),
  f('description', 'string', false, 'product description'),
  f('price', 'number', true, 'unit price, >= 0', { nonNegative: true }),
  f('quantity', 'number', false, 'units, >= 0 (default 1)', { nonNegative: true, defaultValue: 1 }),
]);

/** Canonical fields of the messages table. */
export const MESSAGE_FIELDS: readonly FieldSpec[] = Object.freeze([
  f('message_id', 'string', true, 'unique message id'),
  f('client', 'string', true, 'recipient customer id'),
  f('channel', 'string', true, 'email, sms, push, ...'),
  f('campaign', 'string', true, 'campaign name or id'),
  f('sent_at', 'time', true, 'when the message was sent'),
  f('delivered_at', 'time', false, 'when it was delivered'),
  f('opened_at', 'time', false, 'when it was opened'),
  f('clicked_at', 'time', false, 'when it was clicked'),
  f('unsubscribed_at', 'time', false, 'when the recipient unsubscribed'),
]);

/**
 * Canonical fields of a line-item export (one row per order line, e.g. UCI Online Retail).
 * Price and quantity signs are checked by the line-item importer itself (returns, adjustments).
 */
export const LINE_ITEM_FIELDS: readonly FieldSpec[] = Object.freeze([
  f('order_id', 'string', true, 'invoice / order id'),
  f('client', 'string', true, 'customer id; rows without one cannot be attributed'),
  f('session_start', 'time', true, 'invoice date'),
  f('product', 'string', true, 'product id (e.g. StockCode)'),
  f('category', 'string', false, 'category'),
  f('description', 'string', false, 'product description'),
  f('price', 'number', true, 'unit price'),
  f('quantity', 'number', false, 'units (default 1); negative means a return', { defaultValue: 1 }),
  f('dimension', 'string', false, 'a grouping of the order such as country'),
]);

/** The canonical fields of every input table. */
export const SCHEMA: Readonly<Record<InputTableName, readonly FieldSpec[]>> = Object.freeze({
  sessions: SESSION_FIELDS,
  customers: CUSTOMER_FIELDS,
  lines: LINE_FIELDS,
  messages: MESSAGE_FIELDS,
  'line-items': LINE_ITEM_FIELDS,
});

/** Sessions: canonical field -> host column. */
export interface SessionsMapping {
  order_id?: string;
  client?: string;
  session_start?: string;
  session_end?: string;
  has_purchased?: string;
  payment_amount?: string;
  discount_amount?: string;
  promotion_id?: string;
  dimension?: string;
  /** Host boolean columns (has_basket, order_screen, ...) in funnel order; kept under their own names. */
  actions?: readonly string[];
}

/** Customers: canonical field -> host column. */
export interface CustomersMapping {
  client?: string;
  download_date?: string;
  signup_date?: string;
  /** Host date columns of customer actions in funnel order; kept as time columns under their own names. */
  actions?: readonly string[];
  /** Host columns kept as string columns under their own names: gender, age or birth_date, location, email, phone, consents, ... */
  attributes?: readonly string[];
}

/** Basket lines: canonical field -> host column. */
export interface LinesMapping {
  order_id?: string;
  product?: string;
  category?: string;
  description?: string;
  price?: string;
  quantity?: string;
}

/** Messages: canonical field -> host column. */
export interface MessagesMapping {
  message_id?: string;
  client?: string;
  channel?: string;
  campaign?: string;
  sent_at?: string;
  delivered_at?: string;
  opened_at?: string;
  clicked_at?: string;
  unsubscribed_at?: string;
}

/**
 * Line-item export: canonical field -> host column, plus the rule that marks cancelled
 * invoices (whose lines become returns). `isCancelled` is a prefix of the order id
 * (default `"C"`, as in Online Retail), a RegExp tested on the order id, `false` for "no
 * invoice is cancelled", or a function. A function does not survive the trip into a
 * worker (structured clone); use a prefix or RegExp there.
 */
export interface LineItemsMapping {
  order_id?: string;
  client?: string;
  session_start?: string;
  product?: string;
  category?: string;
  description?: string;
  price?: string;
  quantity?: string;
  dimension?: string;
  isCancelled?: string | RegExp | false | ((orderId: string) => boolean);
}

/** A canonical field bound to the host column that holds it in one input. */
export interface MappedField {
  readonly spec: FieldSpec;
  /** The host's column name. */
  readonly column: string;
}

/** The outcome of checking a mapping against the columns an input actually has. */
export interface ResolvedMapping {
  readonly table: InputTableName;
  /** Canonical fields present in the input (absent optional fields are left out). */
  readonly fields: readonly MappedField[];
  /** Sessions: boolean action columns; customers: action date columns. Funnel order. */
  readonly actions: readonly string[];
  /** Customers: attribute columns kept as strings. */
  readonly attributes: readonly string[];
}

const EXTRA_KEYS: Readonly<Record<InputTableName, readonly string[]>> = {
  sessions: ['actions'],
  customers: ['actions', 'attributes'],
  lines: [],
  messages: [],
  'line-items': ['isCancelled'],
};

/**
 * Binds a mapping to the columns of an input. Throws `ClvDataError` with rule `mapping` for a
 * malformed mapping (unknown field, non-string column) and rule `missing-column` for a mapped
 * or required column that the input does not have, naming the table, field and column and
 * listing the columns that are there. Optional fields neither mapped nor present are dropped.
 *
 * @param columns the input's column names (CSV header, or keys of the first object rows).
 */
export function resolveMapping(table: InputTableName, mapping: object | undefined, columns: readonly string[]): ResolvedMapping {
  const specs = SCHEMA[table];
  const map = (mapping ?? {}) as Record<string, unknown>;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new ClvDataError('mapping', { table }, 'the mapping must be an object of canonical field -> column name');
  }
  const known = new Set([...specs.map((s) => s.name), ...EXTRA_KEYS[table]]);
  for (const key of Object.keys(map)) {
    if (map[key] === undefined) continue;
    if (!known.has(key)) {
      throw new ClvDataError('mapping', { table, field: key }, `"${key}" is not a field of ${table}`, {
        hint: `known fields: ${[...known].join(', ')}`,
      });
    }
    if (!EXTRA_KEYS[table].includes(key) && (typeof map[key] !== 'string' || map[key] === '')) {
      throw new ClvDataError('mapping', { table, field: key }, 'a mapped column must be a non-empty string', { value: map[key] });
    }
  }
  for (const key of ['actions', 'attributes']) {
    const list = map[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string' || c === ''))) {
      throw new ClvDataError('mapping', { table, field: key }, `${key} must be an array of column names`);
    }
    if (list !== undefined && new Set(list as string[]).size !== (list as string[]).length) {
      throw new ClvDataError('mapping', { table, field: key }, `${key} lists a column twice`, { value: (list as string[]).join(', ') });
    }
  }
  const available = new Set(columns);
  const fields: MappedField[] = [];
  for (const spec of specs) {
    const mapped = map[spec.name];
    const column = (mapped as string | undefined) ?? spec.name;
    if (available.has(column)) {
      fields.push({ spec, column });
    } else if (mapped !== undefined || spec.required) {
      throw missingColumn(table, spec.name, column, columns, mapped === undefined);
    }
  }
  for (const { spec, column } of fields) ambiguousColumn(table, spec.name, column, columns);
  const actions = columnList(table, 'actions', map.actions, available, columns);
  const attributes = columnList(table, 'attributes', map.attributes, available, columns);
  return { table, fields, actions, attributes };
}

function columnList(table: InputTableName, key: string, value: unknown, available: Set<string>, columns: readonly string[]): string[] {
  if (value === undefined) return [];
  const list = value as string[];
  for (const column of list) {
    if (!available.has(column)) throw missingColumn(table, key, column, columns, false);
    ambiguousColumn(table, key, column, columns);
  }
  return [...list];
}

/** A used column whose name the header has twice: which one holds the field is a guess, so it is an error. */
function ambiguousColumn(table: InputTableName, field: string, column: string, columns: readonly string[]): void {
  if (columns.indexOf(column) !== columns.lastIndexOf(column)) {
    throw new ClvDataError('mapping', { table, field, column }, `column "${column}" appears more than once in the header`, {
      hint: 'rename the repeated columns so each name is unique, then map the field to the one that holds it',
    });
  }
}

function missingColumn(table: InputTableName, field: string, column: string, columns: readonly string[], byDefault: boolean): ClvDataError {
  const lower = column.toLowerCase();
  const near = columns.find((c) => c.toLowerCase() === lower || c.trim() === column);
  const list = columns.length ? columns.map((c) => `"${c}"`).join(', ') : '(none)';
  const how = byDefault ? `required field "${field}" looked for column "${column}" (its canonical name)` : `column "${column}" mapped to "${field}" is not in the input`;
  return new ClvDataError('missing-column', { table, field, column }, `${how}; available columns: ${list}`, {
    hint: near ? `did you mean "${near}"?` : `map ${field} to one of the available columns`,
  });
}

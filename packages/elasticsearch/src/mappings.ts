import type { IndexLayout } from './layout.js';

/**
 * Index settings and mappings of the three clvkit indices for Elasticsearch 8, as functions of
 * the layout (the host's action and attribute names become fields). Field by field they match
 * `documents.ts`:
 *
 * - ids, clients, products, categories, promotions, dimensions, channels, campaigns: `keyword`
 *   (exact terms for `term`/`terms` filters and `terms`/`composite` aggregations; never analysed).
 * - times: `date` with format `epoch_millis`, so what ingest writes and what a date_histogram
 *   key reads back is the same epoch-ms number the in-memory engine uses.
 * - money (payment_amount, discount_amount, price), quantity and discount_share: `double`, not `scaled_float`.
 *   A scaled_float rounds each value to its scaling factor at index time (`round(v × 100)`), and
 *   clvkit's amounts are not always whole cents: a line-item import derives an order's payment
 *   as Σ price × quantity (e.g. 2.55 × 6 = 15.299999999999999), and a CSV may carry tenths of a
 *   cent. Rounded values would make the pushed-down sums differ from the in-memory engine's on
 *   the same data; `double` keeps the importer's float64 exactly. (scaled_float would save doc
 *   values space; at the sizes the browser cannot hold it is still small next to the keywords.)
 * - `basket`: `nested`, so a filter on product AND category matches both on the same line and
 *   `nested`/`reverse_nested` aggregations count lines and their orders separately. Its
 *   `description` is `text` (searchable words, not aggregated). `basket.client` (keyword) and
 *   `basket.session_start` (date) copy the order's: a nested aggregation sees only the line's
 *   fields, so grouping lines by customer or session time with product or category in one
 *   `composite` needs them on the line. Indices written before these copies need a re-ingest.
 * - `actions` (orders): an object of `boolean` fields named by `layout.orderActions`;
 *   customers' `actions` are `date` fields (`layout.customerActions`) and `attributes` are
 *   `keyword` fields (`layout.customerAttributes`).
 * - `dynamic: "strict"` everywhere: a document with a field the mapping does not know is
 *   rejected by the cluster (a per-item bulk error) instead of silently growing the mapping.
 */

/** Settings a host may tune per index. */
export interface IndexSettingsOptions {
  /** Primary shards. Default 1 (a shard holds tens of millions of these small documents). */
  readonly shards?: number;
  /** Replicas per primary. Default 1 (Elasticsearch's default; 0 for a single-node cluster). */
  readonly replicas?: number;
  /** `index.refresh_interval`, e.g. `"30s"` during a big ingest. Default: the cluster's (1s). */
  readonly refreshInterval?: string;
}

/** A mapping property (the subset clvkit uses). */
export type MappingProperty =
  | { readonly type: 'keyword' | 'boolean' | 'double' | 'text' }
  | { readonly type: 'date'; readonly format: 'epoch_millis' }
  | { readonly type: 'nested' | 'object'; readonly dynamic: 'strict'; readonly properties: Readonly<Record<string, MappingProperty>> };

/** The body of `PUT /<index>`: settings and mappings. */
export interface IndexDefinition {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly mappings: {
    readonly dynamic: 'strict';
    readonly properties: Readonly<Record<string, MappingProperty>>;
  };
}

const KEYWORD = Object.freeze({ type: 'keyword' as const });
const BOOLEAN = Object.freeze({ type: 'boolean' as const });
const DOUBLE = Object.freeze({ type: 'double' as const });
const TEXT = Object.freeze({ type: 'text' as const });
const DATE = Object.freeze({ type: 'date' as const, format: 'epoch_millis' as const });

/** Names the host gives (actions, attributes) become field names: they must be safe ones. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/**
 * Settings and mappings of the orders index (`layout.orders`): one document per session, its
 * basket lines nested, its host actions as booleans under `actions`.
 */
export function ordersIndex(layout: IndexLayout, options: IndexSettingsOptions = {}): IndexDefinition {
  return {
    settings: settings(options),
    mappings: {
      dynamic: 'strict',
      properties: {
        order_id: KEYWORD,
        client: KEYWORD,
        session_start: DATE,
        session_end: DATE,
        has_purchased: BOOLEAN,
        payment_amount: DOUBLE,
        discount_amount: DOUBLE,
        discount_share: DOUBLE,
        promotion_id: KEYWORD,
        dimension: KEYWORD,
        actions: object(names('orderActions', layout.orderActions), BOOLEAN),
        basket: {
          type: 'nested',
          dynamic: 'strict',
          // client and session_start: line-level copies of the order's (see the module comment).
          properties: { client: KEYWORD, session_start: DATE, product: KEYWORD, category: KEYWORD, description: TEXT, price: DOUBLE, quantity: DOUBLE },
        },
      },
    },
  };
}

/**
 * Settings and mappings of the customers index (`layout.customers`, the original platform's
 * `downloads`): one document per customer, action dates under `actions`, string attributes under
 * `attributes`.
 */
export function customersIndex(layout: IndexLayout, options: IndexSettingsOptions = {}): IndexDefinition {
  return {
    settings: settings(options),
    mappings: {
      dynamic: 'strict',
      properties: {
        client: KEYWORD,
        download_date: DATE,
        signup_date: DATE,
        actions: object(names('customerActions', layout.customerActions), DATE),
        attributes: object(names('customerAttributes', layout.customerAttributes), KEYWORD),
      },
    },
  };
}

/** Settings and mappings of the messages index (`layout.messages`): one document per message. */
export function messagesIndex(_layout: IndexLayout, options: IndexSettingsOptions = {}): IndexDefinition {
  return {
    settings: settings(options),
    mappings: {
      dynamic: 'strict',
      properties: {
        message_id: KEYWORD,
        client: KEYWORD,
        channel: KEYWORD,
        campaign: KEYWORD,
        sent_at: DATE,
        delivered_at: DATE,
        opened_at: DATE,
        clicked_at: DATE,
        unsubscribed_at: DATE,
      },
    },
  };
}

/** The three indices by name, for creating them in one go. */
export function clvkitIndices(layout: IndexLayout, options: IndexSettingsOptions = {}): Record<string, IndexDefinition> {
  return {
    [layout.orders]: ordersIndex(layout, options),
    [layout.customers]: customersIndex(layout, options),
    [layout.messages]: messagesIndex(layout, options),
  };
}

function settings(options: IndexSettingsOptions): Record<string, unknown> {
  const shards = options.shards ?? 1;
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`index settings: shards must be an integer >= 1, got ${shards}`);
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`index settings: replicas must be an integer >= 0, got ${replicas}`);
  return {
    number_of_shards: shards,
    number_of_replicas: replicas,
    ...(options.refreshInterval !== undefined && { refresh_interval: options.refreshInterval }),
  };
}

function names(option: keyof IndexLayout, list: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  for (const name of list) {
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      throw new RangeError(`layout.${option}: ${JSON.stringify(name)} is not a usable field name (letters, digits, "_" and "-", starting with a letter or "_", at most 128 characters)`);
    }
    if (seen.has(name)) throw new RangeError(`layout.${option}: "${name}" is listed twice`);
    seen.add(name);
  }
  return list;
}

function object(fields: readonly string[], type: MappingProperty): MappingProperty {
  const properties: Record<string, MappingProperty> = {};
  for (const name of fields) properties[name] = type;
  return { type: 'object', dynamic: 'strict', properties };
}

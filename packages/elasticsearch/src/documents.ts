/**
 * The documents clvkit keeps in Elasticsearch (seed 003: indices `orders` with the basket and
 * actions objects, `downloads` for customers). One document per session of the sessions table
 * (an order when `has_purchased`), its basket lines nested inside it; one per customer; one
 * per message. Times are epoch milliseconds (mapped as `date` with format `epoch_millis`), so a
 * bucket key read back is the same number the in-memory engine uses.
 */
import type { MessageRecord } from '@clvkit/analytics';

/**
 * One basket line, nested in its order (`basket` is a `nested` field). `client` and
 * `session_start` are copies of its order's: inside a `nested` aggregation only the line's own
 * fields are visible, so these copies let one nested `composite` group lines by customer or
 * session time together with product or category (one request instead of one per product).
 */
export interface BasketLine {
  /** The order's `client` (a line-level copy, see above). */
  readonly client: string;
  /** The order's `session_start`, epoch ms (a line-level copy, see above). */
  readonly session_start: number;
  readonly product: string;
  readonly category: string | null;
  readonly description: string | null;
  readonly price: number;
  readonly quantity: number;
}

/** One session (an order when `has_purchased`) of the orders index. Its id is `orderDocumentId`. */
export interface OrderDocument {
  readonly order_id: string;
  readonly client: string;
  readonly session_start: number;
  readonly session_end: number | null;
  readonly has_purchased: boolean;
  readonly payment_amount: number;
  readonly discount_amount: number;
  /**
   * discount / (payment + discount) of this session, clamped to [0, 1], 0 when payment +
   * discount <= 0 (`discountShare` of @clvkit/analytics), stored at ingest so the per-customer
   * Σ of shares (basket_sensitivity's discount sensitivity) is a plain `sum`, without scripts.
   */
  readonly discount_share: number;
  /** null for an organic session ("", "-", "None" on input). */
  readonly promotion_id: string | null;
  readonly dimension: string | null;
  /** The host's boolean action columns (has_basket, order_screen, ...), by their own names. */
  readonly actions: Readonly<Record<string, boolean>>;
  readonly basket: readonly BasketLine[];
}

/** One customer of the customers index (the original platform's `downloads`). Id: `client`. */
export interface CustomerDocument {
  readonly client: string;
  readonly download_date: number;
  readonly signup_date: number | null;
  /** The host's customer action dates, by their own names. */
  readonly actions: Readonly<Record<string, number | null>>;
  /** The host's string attributes (gender, location, consents, ...), by their own names. */
  readonly attributes: Readonly<Record<string, string | null>>;
}

/**
 * One message of the messages index. Id: `message_id`. The record the worker's analyses read
 * (`MessageRecord` of @clvkit/analytics): the proxy pages the documents as they are.
 */
export type MessageDocument = MessageRecord;

/**
 * The id of an order document: order id and client, so re-ingesting the same input replaces
 * documents instead of duplicating them (the bulk `index` action is idempotent per id).
 */
export function orderDocumentId(order: Pick<OrderDocument, 'order_id' | 'client'>): string {
  return `${order.client}\u001f${order.order_id}`;
}

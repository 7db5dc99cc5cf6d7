import type { Column, Dataset, StringColumn, Table } from '@clvkit/core';
import { discountShare } from '@clvkit/analytics';
import { orderDocumentId, type BasketLine, type CustomerDocument, type MessageDocument, type OrderDocument } from '../documents.js';

/**
 * Documents from an imported `Dataset`: the core importer (`importDataset`, `importLineItems`)
 * has already parsed and validated every row, so this only reads its columns back out, row by
 * row, as the documents of `documents.ts`. Generators, so a caller pulls one batch at a time and
 * never holds every document at once (the dataset itself stays columnar).
 */

/** A document with the id the bulk `index` action gives it. */
export interface IdentifiedDocument<D> {
  readonly id: string;
  readonly document: D;
}

/** Order documents, one per session row, their basket lines nested. Id: `orderDocumentId`. */
export function* orderDocuments(dataset: Dataset): Generator<IdentifiedDocument<OrderDocument>> {
  const sessions = dataset.sessions;
  const c = sessions.columns;
  const orderId = stringReader(c.order_id);
  const client = stringReader(c.client);
  const start = numberReader(c.session_start);
  const end = numberReader(c.session_end);
  const purchased = c.has_purchased?.type === 'boolean' ? c.has_purchased.values : null;
  const payment = numberReader(c.payment_amount);
  const discount = numberReader(c.discount_amount);
  const promotion = stringReader(c.promotion_id);
  const dimension = stringReader(c.dimension);
  const actions = dataset.sessionActions.map((name) => {
    const column = c[name];
    return [name, column?.type === 'boolean' ? column.values : null] as const;
  });
  const basket = basketIndex(dataset);
  for (let row = 0; row < sessions.length; row++) {
    const orderClient = client(row)!;
    const orderStart = start(row)!;
    const actionValues: Record<string, boolean> = {};
    for (const [name, values] of actions) actionValues[name] = values !== null && values[row] === 1;
    const paid = payment(row) ?? 0;
    const off = discount(row) ?? 0;
    const document: OrderDocument = {
      order_id: orderId(row)!,
      client: orderClient,
      session_start: orderStart,
      session_end: end(row),
      has_purchased: purchased === null || purchased[row] === 1,
      payment_amount: paid,
      discount_amount: off,
      discount_share: discountShare(paid, off),
      promotion_id: promotion(row),
      dimension: dimension(row),
      actions: actionValues,
      basket: basket(row, orderClient, orderStart),
    };
    yield { id: orderDocumentId(document), document };
  }
}

/** Customer documents, one per customers row. Id: `client`. */
export function* customerDocuments(dataset: Dataset): Generator<IdentifiedDocument<CustomerDocument>> {
  const customers = dataset.customers;
  if (!customers) return;
  const c = customers.columns;
  const client = stringReader(c.client);
  const download = numberReader(c.download_date);
  const signup = numberReader(c.signup_date);
  const actions = dataset.customerActions.map((name) => [name, numberReader(c[name])] as const);
  const reserved = new Set(['client', 'download_date', 'signup_date', ...dataset.customerActions]);
  const attributes = Object.keys(c)
    .filter((name) => !reserved.has(name) && c[name].type === 'string')
    .map((name) => [name, stringReader(c[name])] as const);
  for (let row = 0; row < customers.length; row++) {
    const actionValues: Record<string, number | null> = {};
    for (const [name, read] of actions) actionValues[name] = read(row);
    const attributeValues: Record<string, string | null> = {};
    for (const [name, read] of attributes) attributeValues[name] = read(row);
    const document: CustomerDocument = {
      client: client(row)!,
      download_date: download(row)!,
      signup_date: signup(row),
      actions: actionValues,
      attributes: attributeValues,
    };
    yield { id: document.client, document };
  }
}

/** Message documents, one per messages row. Id: `message_id`. */
export function* messageDocuments(dataset: Dataset): Generator<IdentifiedDocument<MessageDocument>> {
  const messages = dataset.messages;
  if (!messages) return;
  const c = messages.columns;
  const text = (name: string) => stringReader(c[name]);
  const time = (name: string) => numberReader(c[name]);
  const [id, client, channel, campaign] = ['message_id', 'client', 'channel', 'campaign'].map(text);
  const [sent, delivered, opened, clicked, unsubscribed] = ['sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'].map(time);
  for (let row = 0; row < messages.length; row++) {
    const document: MessageDocument = {
      message_id: id(row)!,
      client: client(row)!,
      channel: channel(row)!,
      campaign: campaign(row)!,
      sent_at: sent(row)!,
      delivered_at: delivered(row),
      opened_at: opened(row),
      clicked_at: clicked(row),
      unsubscribed_at: unsubscribed(row),
    };
    yield { id: document.message_id, document };
  }
}

/** The attribute names of a customers table (string columns other than client), for the layout. */
export function customerAttributeNames(dataset: Dataset): string[] {
  const customers = dataset.customers;
  if (!customers) return [];
  const reserved = new Set(['client', ...dataset.customerActions]);
  return Object.keys(customers.columns).filter((name) => !reserved.has(name) && customers.columns[name].type === 'string');
}

/**
 * Row -> the basket lines of that session (lines point at their session through `order`), each
 * with its order's client and session start copied in (see `BasketLine`).
 */
function basketIndex(dataset: Dataset): (row: number, client: string, sessionStart: number) => BasketLine[] {
  const lines: Table | undefined = dataset.lines;
  if (!lines) return () => [];
  const ref = lines.columns.order;
  if (ref?.type !== 'ref') return () => [];
  // Counting sort by order row: offsets[row]..offsets[row + 1] index `byOrder`.
  const sessions = dataset.sessions.length;
  const offsets = new Int32Array(sessions + 1);
  for (let k = 0; k < lines.length; k++) if (ref.rows[k] >= 0) offsets[ref.rows[k] + 1]++;
  for (let r = 0; r < sessions; r++) offsets[r + 1] += offsets[r];
  const cursor = offsets.slice(0, sessions);
  const byOrder = new Int32Array(offsets[sessions]);
  for (let k = 0; k < lines.length; k++) if (ref.rows[k] >= 0) byOrder[cursor[ref.rows[k]]++] = k;
  const c = lines.columns;
  const product = stringReader(c.product);
  const category = stringReader(c.category);
  const description = stringReader(c.description);
  const price = numberReader(c.price);
  const quantity = numberReader(c.quantity);
  return (row, client, sessionStart) => {
    const out: BasketLine[] = [];
    for (let k = offsets[row]; k < offsets[row + 1]; k++) {
      const line = byOrder[k];
      out.push({ client, session_start: sessionStart, product: product(line)!, category: category(line), description: description(line), price: price(line) ?? 0, quantity: quantity(line) ?? 1 });
    }
    return out;
  };
}

/** Reads a string column (null where missing or where the column is absent). */
function stringReader(column: Column | undefined): (row: number) => string | null {
  if (!column || column.type !== 'string') return () => null;
  const { codes, dictionary } = column as StringColumn;
  return (row) => (codes[row] < 0 ? null : dictionary[codes[row]]);
}

/** Reads a number or time column (null for NaN or an absent column). */
function numberReader(column: Column | undefined): (row: number) => number | null {
  if (!column || (column.type !== 'number' && column.type !== 'time')) return () => null;
  const values = column.values;
  return (row) => {
    const value = values[row];
    return value === value ? value : null;
  };
}

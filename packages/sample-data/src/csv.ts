/**
 * The shop as CSV text, the way a host's export would hand it over: sessions, basket lines and
 * (optionally) customers, with wall-clock timestamps in the shop's zone (`YYYY-MM-DD HH:mm:ss`,
 * no zone suffix, so an import reads them in that zone). One pass over the customers writes
 * every table at once: each customer is generated once, with its baskets, instead of once per
 * table as iterating `generateShop`'s tables does.
 */
import type { CustomersMapping, LinesMapping, SessionsMapping } from '@clvkit/core';
import { createContext, type ShopContext } from './context.js';
import { customerAttributes, emailOf, phoneOf, SALES_CHANNELS, type CustomerProfile } from './customer.js';
import { PLACE_LIST } from './geography.js';
import { resolveShopOptions, type ShopOptions } from './options.js';
import { CsvWriter } from './csv-writer.js';
import { customerData } from './shop.js';
import { customerMessages } from './messages.js';

/** Receivers of CSV text; each gets its table's header first, then rows in chunks. Leave one out to skip the table. */
export interface ShopCsvSinks {
  sessions?(chunk: string): void;
  lines?(chunk: string): void;
  customers?(chunk: string): void;
  /** The messages table (campaign sends; `sampleDataset`'s messages), written only when given. */
  messages?(chunk: string): void;
}

/** What `writeShopCsv` wrote: row counts, the time options and the mappings to import with. */
export interface ShopCsvInfo {
  readonly summary: { readonly customers: number; readonly sessions: number; readonly orders: number; readonly lines: number };
  readonly options: { readonly timeZone: string; readonly weekStart: number };
  readonly mappings: { readonly sessions: SessionsMapping; readonly lines: LinesMapping; readonly customers: CustomersMapping };
}

/** A CSV table ready for `importDataset`. */
export interface ShopCsvTable<M> {
  readonly data: string;
  readonly format: 'csv';
  readonly mapping: M;
}

/** `shopCsv`'s result: `importDataset(csv.input, csv.options)` gives the same dataset as `sampleDataset` (without messages). */
export interface ShopCsv extends ShopCsvInfo {
  readonly input: {
    readonly sessions: ShopCsvTable<SessionsMapping>;
    readonly lines: ShopCsvTable<LinesMapping>;
    readonly customers: ShopCsvTable<CustomersMapping>;
  };
}

const SESSION_HEADER = ['order_id', 'client', 'session_start', 'session_end', 'has_purchased', 'has_basket', 'order_screen', 'payment_amount', 'discount_amount', 'promotion_id', 'dimension'];
const LINE_HEADER = ['order_id', 'product', 'category', 'price', 'quantity'];
const CUSTOMER_ATTRIBUTES = ['gender', 'birth_date', 'age', 'location', 'region', 'email', 'phone', 'email_opt_in', 'sms_opt_in', 'push_opt_in'];
const CUSTOMER_HEADER = ['client', 'download_date', 'signup_date', 'first_login_date', ...CUSTOMER_ATTRIBUTES];
const MESSAGE_HEADER = ['message_id', 'client', 'channel', 'campaign', 'sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'];

/**
 * Writes the shop of `options` (see `generateShop`) as CSV into `sinks`, in one pass over the
 * customers, and returns the counts, time options and mappings. Memory stays flat: text is
 * handed over in chunks of about 1 MB. The rows are exactly those of `generateShop` (same ids,
 * times, amounts), so importing the CSV gives the same dataset as `sampleDataset`.
 */
export function writeShopCsv(options: ShopOptions, sinks: ShopCsvSinks): ShopCsvInfo {
  const resolved = resolveShopOptions(options);
  const ctx = createContext(resolved);
  const sessions = sinks.sessions ? new CsvWriter(sinks.sessions, SESSION_HEADER) : null;
  const lines = sinks.lines ? new CsvWriter(sinks.lines, LINE_HEADER) : null;
  const customers = sinks.customers ? new CsvWriter(sinks.customers, CUSTOMER_HEADER) : null;
  const messages = sinks.messages ? new CsvWriter(sinks.messages, MESSAGE_HEADER) : null;
  let messageCount = 0;
  const products = ctx.catalog.products;
  const promotions = ctx.promotions.map((p) => p.id);
  const target = resolved.orders;

  let orders = 0;
  let sessionCount = 0;
  let lineCount = 0;
  let customerCount = 0;
  // The same walk as generateShop's first pass: customers until the orders reach the target,
  // the last one capped to hit it exactly.
  while (orders < target) {
    const index = customerCount;
    let data = customerData(ctx, index, Infinity, false);
    if (orders + data.sessions.orders >= target) data = customerData(ctx, index, target - orders, false);
    orders += data.sessions.orders;
    const { profile } = data;
    if (customers) customerLine(customers, ctx, index, profile);
    if (messages) {
      for (const m of customerMessages(ctx, profile)) {
        const campaign = ctx.campaigns[m.campaign];
        messages.id('M', ++messageCount, 8).text(profile.client).text(campaign.channel).text(campaign.id);
        messages.wall(m.sentWall).wall(m.deliveredWall).wall(m.openedWall).wall(m.clickedWall).wall(m.unsubscribedWall).end();
      }
    }
    const list = data.sessions.sessions;
    for (let k = 0; k < list.length; k++) {
      const s = list[k];
      const id = sessionCount + k + 1;
      if (sessions) {
        sessions.id('O', id, 8).text(profile.client).wall(s.startWall).wall(s.endWall);
        sessions.int(s.purchased ? 1 : 0).int(s.basket ? 1 : 0).int(s.orderScreen ? 1 : 0);
        sessions.cents(s.purchased ? s.subtotalCents - s.discountCents : 0).cents(s.discountCents);
        if (s.promotion >= 0) sessions.text(promotions[s.promotion]);
        else sessions.empty();
        sessions.text(SALES_CHANNELS[s.channel]).end();
      }
      const basket = s.lines;
      if (basket) {
        lineCount += basket.length / 2;
        if (lines) {
          for (let j = 0; j < basket.length; j += 2) {
            const product = products[basket[j]];
            lines.id('O', id, 8).text(product.name).text(product.category).cents(product.priceCents).int(basket[j + 1]).end();
          }
        }
      }
    }
    sessionCount += list.length;
    customerCount++;
  }
  sessions?.flush();
  lines?.flush();
  customers?.flush();
  messages?.flush();
  return {
    summary: { customers: customerCount, sessions: sessionCount, orders, lines: lineCount },
    options: { timeZone: resolved.timeZone, weekStart: 1 },
    mappings: mappings(),
  };
}

/**
 * The shop of `options` as three CSV strings (sessions, lines, customers) ready for
 * `importDataset(csv.input, csv.options)`. Holds the whole text in memory (about 190 MB per
 * million orders): for 10M orders stream `writeShopCsv` into files instead.
 */
export function shopCsv(options: ShopOptions = {}): ShopCsv {
  const parts: Record<'sessions' | 'lines' | 'customers', string[]> = { sessions: [], lines: [], customers: [] };
  const info = writeShopCsv(options, {
    sessions: (chunk) => parts.sessions.push(chunk),
    lines: (chunk) => parts.lines.push(chunk),
    customers: (chunk) => parts.customers.push(chunk),
  });
  const table = <M>(data: string[], mapping: M): ShopCsvTable<M> => ({ data: data.join(''), format: 'csv', mapping });
  return {
    ...info,
    input: {
      sessions: table(parts.sessions, info.mappings.sessions),
      lines: table(parts.lines, info.mappings.lines),
      customers: table(parts.customers, info.mappings.customers),
    },
  };
}

function mappings(): ShopCsvInfo['mappings'] {
  return {
    sessions: { actions: ['has_basket', 'order_screen'] },
    lines: {},
    customers: { actions: ['first_login_date'], attributes: [...CUSTOMER_ATTRIBUTES] },
  };
}

function customerLine(out: CsvWriter, ctx: ShopContext, index: number, c: CustomerProfile): void {
  const a = customerAttributes(ctx, index);
  const place = a.place >= 0 ? PLACE_LIST[a.place] : null;
  out.text(c.client).wall(c.downloadWall).wall(c.signupWall).wall(c.firstLoginWall);
  optional(out, a.gender);
  optional(out, a.birthDate);
  if (a.age === null) out.empty();
  else out.int(a.age);
  optional(out, place?.city ?? null);
  optional(out, place?.region ?? null);
  optional(out, c.hasEmail ? emailOf(c.client) : null);
  optional(out, c.hasPhone ? phoneOf(index) : null);
  out.text(String(c.emailOptIn)).text(String(c.smsOptIn)).text(String(c.pushOptIn)).end();
}

function optional(out: CsvWriter, value: string | null): void {
  if (value === null) out.empty();
  else out.text(value);
}

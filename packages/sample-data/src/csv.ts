/**
 * The shop as CSV text, the way a host's export would hand it over: sessions, basket lines and
 * (optionally) customers, with wall-clock timestamps in the shop's zone (`YYYY-MM-DD HH:mm:ss`,
 * no zone suffix, so an import reads them in that zone). One pass over the customers writes
 * every table at once: each customer is generated once, with its baskets, instead of once per
 * table as iterating `generateShop`'s tables does.
 */
import type { CustomersMapping, LinesMapping, SessionsMapping } from '@clvkit/core';
import { DAY } from './clock.js';
import { createContext, type ShopContext } from './context.js';
import { customerAttributes, emailOf, phoneOf, SALES_CHANNELS, type CustomerProfile } from './customer.js';
import { PLACE_LIST } from './geography.js';
import { resolveShopOptions, type ShopOptions } from './options.js';
import { sessionId } from './rows.js';
import { customerData } from './shop.js';

/** Receivers of CSV text; each gets its table's header first, then rows in chunks. Leave one out to skip the table. */
export interface ShopCsvSinks {
  sessions?(chunk: string): void;
  lines?(chunk: string): void;
  customers?(chunk: string): void;
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

const SESSION_HEADER = 'order_id,client,session_start,session_end,has_purchased,has_basket,order_screen,payment_amount,discount_amount,promotion_id,dimension\n';
const LINE_HEADER = 'order_id,product,category,price,quantity\n';
const CUSTOMER_HEADER = 'client,download_date,signup_date,first_login_date,gender,birth_date,age,location,region,email,phone,email_opt_in,sms_opt_in,push_opt_in\n';
const CUSTOMER_ATTRIBUTES = ['gender', 'birth_date', 'age', 'location', 'region', 'email', 'phone', 'email_opt_in', 'sms_opt_in', 'push_opt_in'];

/** Rows per chunk handed to a sink (about 1-2 MB of text). */
const CHUNK_ROWS = 16_384;

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Writes the shop of `options` (see `generateShop`) as CSV into `sinks`, in one pass over the
 * customers, and returns the counts, time options and mappings. Memory stays flat: rows are
 * handed over in chunks of about 16k rows. The rows are exactly those of `generateShop`
 * (same ids, times, amounts), so importing the CSV gives the same dataset as `sampleDataset`.
 */
export function writeShopCsv(options: ShopOptions, sinks: ShopCsvSinks): ShopCsvInfo {
  const resolved = resolveShopOptions(options);
  const ctx = createContext(resolved);
  const sessions = sinks.sessions ? new ChunkWriter(sinks.sessions, SESSION_HEADER) : null;
  const lines = sinks.lines ? new ChunkWriter(sinks.lines, LINE_HEADER) : null;
  const customers = sinks.customers ? new ChunkWriter(sinks.customers, CUSTOMER_HEADER) : null;
  const time = new WallFormatter();
  const products = ctx.catalog.products.map((p) => `${csvField(p.name)},${csvField(p.category)},${cents(p.priceCents)},`);
  const promotions = ctx.promotions.map((p) => csvField(p.id));
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
    const client = profile.client;
    if (customers) customers.row(customerLine(ctx, index, profile, time));
    const list = data.sessions.sessions;
    for (let k = 0; k < list.length; k++) {
      const s = list[k];
      const id = sessionId(sessionCount + k);
      if (sessions) {
        const payment = s.purchased ? cents(s.subtotalCents - s.discountCents) : '0';
        sessions.row(
          `${id},${client},${time.format(s.startWall)},${time.format(s.endWall)},${s.purchased ? 1 : 0},${s.basket ? 1 : 0},${s.orderScreen ? 1 : 0},` +
            `${payment},${cents(s.discountCents)},${s.promotion >= 0 ? promotions[s.promotion] : ''},${SALES_CHANNELS[s.channel]}\n`,
        );
      }
      const basket = s.lines;
      if (basket) {
        lineCount += basket.length / 2;
        if (lines) for (let j = 0; j < basket.length; j += 2) lines.row(`${id},${products[basket[j]]}${basket[j + 1]}\n`);
      }
    }
    sessionCount += list.length;
    customerCount++;
  }
  sessions?.end();
  lines?.end();
  customers?.end();
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

/** Collects rows and hands them to a sink in chunks (one join per chunk, not one string per row). */
class ChunkWriter {
  #rows: string[] = [];
  constructor(
    private readonly sink: (chunk: string) => void,
    header: string,
  ) {
    sink(header);
  }

  row(text: string): void {
    this.#rows.push(text);
    if (this.#rows.length === CHUNK_ROWS) this.#flush();
  }

  end(): void {
    if (this.#rows.length) this.#flush();
  }

  #flush(): void {
    this.sink(this.#rows.join(''));
    this.#rows = [];
  }
}

/** Formats wall ms as `YYYY-MM-DD HH:mm:ss` (the date part memoised per day). */
class WallFormatter {
  readonly #dates = new Map<number, string>();

  format(wall: number): string {
    const day = Math.floor(wall / DAY);
    let date = this.#dates.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 10);
      this.#dates.set(day, date);
    }
    const seconds = Math.floor((wall - day * DAY) / 1000);
    const hour = Math.floor(seconds / 3600);
    const minute = Math.floor(seconds / 60) % 60;
    return `${date} ${PAD2[hour]}:${PAD2[minute]}:${PAD2[seconds % 60]}`;
  }

  /** Empty for a missing (NaN) time. */
  optional(wall: number): string {
    return Number.isNaN(wall) ? '' : this.format(wall);
  }
}

/** A non-negative whole number of cents as a decimal amount (`1250` -> `12.50`); parses to exactly `cents / 100`. */
function cents(value: number): string {
  if (value === 0) return '0';
  return `${Math.floor(value / 100)}.${PAD2[value % 100]}`;
}

/** A CSV field, quoted when it holds a delimiter, a quote or a line end. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function customerLine(ctx: ShopContext, index: number, c: CustomerProfile, time: WallFormatter): string {
  const a = customerAttributes(ctx, index);
  const place = a.place >= 0 ? PLACE_LIST[a.place] : null;
  const email = c.hasEmail ? emailOf(c.client) : '';
  const phone = c.hasPhone ? phoneOf(index) : '';
  return (
    `${c.client},${time.format(c.downloadWall)},${time.optional(c.signupWall)},${time.optional(c.firstLoginWall)},` +
    `${a.gender ?? ''},${a.birthDate ?? ''},${a.age ?? ''},${place ? csvField(place.city) : ''},${place ? csvField(place.region) : ''},` +
    `${email},${phone},${c.emailOptIn},${c.smsOptIn},${c.pushOptIn}\n`
  );
}

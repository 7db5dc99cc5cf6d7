/**
 * Writes the browser benchmark's CSV files from @clvkit/sample-data's generateShop: the
 * sessions (every visit, timestamps as ISO-8601 UTC text, as a host's export would have them)
 * and the basket lines. Bundled by bench/lib/bundle.mjs and run from run.mjs; the files are
 * cached in bench/.cache by size and seed.
 */
import { createWriteStream } from 'node:fs';
import { generateShop } from '@clvkit/sample-data';

/** What `writeShopCsv` wrote. */
export interface ShopCsv {
  readonly sessions: number;
  readonly lines: number;
  readonly timeZone: string;
  readonly weekStart: number;
  readonly sessionActions: readonly string[];
}

const SESSION_COLUMNS = ['order_id', 'client', 'session_start', 'session_end', 'has_purchased', 'has_basket', 'order_screen', 'payment_amount', 'discount_amount', 'promotion_id', 'dimension'] as const;
const LINE_COLUMNS = ['order_id', 'product', 'category', 'price', 'quantity'] as const;
const TIME_COLUMNS = new Set<string>(['session_start', 'session_end']);

/** A CSV cell: quoted only when it must be. */
function cell(value: unknown, time: boolean): string {
  if (value === null || value === undefined) return '';
  if (time && typeof value === 'number') return new Date(value).toISOString().replace('.000Z', 'Z');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams `rows` as CSV to `path`, buffering about 1 MB per write; resolves with the row count. */
async function writeCsv(path: string, columns: readonly string[], rows: Iterable<Record<string, unknown>>): Promise<number> {
  const out = createWriteStream(path);
  const times = columns.map((c) => TIME_COLUMNS.has(c));
  let buffer = columns.join(',') + '\n';
  let count = 0;
  for (const row of rows) {
    let line = '';
    for (let j = 0; j < columns.length; j++) line += (j ? ',' : '') + cell(row[columns[j]], times[j]);
    buffer += line + '\n';
    count++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return count;
}

/** Generates the shop of `orders` orders and writes `sessionsPath` and `linesPath`. */
export async function writeShopCsv(orders: number, seed: number, sessionsPath: string, linesPath: string): Promise<ShopCsv> {
  const shop = generateShop({ orders, seed });
  const sessions = await writeCsv(sessionsPath, SESSION_COLUMNS, shop.input.sessions.data as Iterable<Record<string, unknown>>);
  const lines = await writeCsv(linesPath, LINE_COLUMNS, shop.input.lines.data as Iterable<Record<string, unknown>>);
  return { sessions, lines, timeZone: shop.options.timeZone, weekStart: shop.options.weekStart, sessionActions: shop.sessionActions };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OrderRecord } from '../../src/models/clv/index.js';

/**
 * The CDNOW 1/10 sample (Fader & Hardie; 6 919 purchases of 2 357 customers), found beside the
 * repository at ../shared/data/cdnow (never copied into it). Tests skip when it is absent.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CDNOW_SAMPLE = resolve(REPO, '../shared/data/cdnow/CDNOW_sample.txt');
export const cdnowPresent = existsSync(CDNOW_SAMPLE);

/** Raw purchases: columns master_id sample_id date(YYYYMMDD) cds dollars, CRLF, no header. */
export function cdnowPurchases(): { client: string; date: string; dollars: number }[] {
  return readFileSync(CDNOW_SAMPLE, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length === 5)
    .map(([client, , date, , dollars]) => ({ client, date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, dollars: Number(dollars) }));
}

/** The purchases as `customerSummary` orders. */
export function cdnowOrders(): OrderRecord[] {
  return cdnowPurchases().map((p) => ({ client: p.client, at: p.date, amount: p.dollars }));
}

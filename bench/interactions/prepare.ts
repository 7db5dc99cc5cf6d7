/**
 * Step 1 of the cross-filter benchmark, in its own process: generates the sample shop
 * (@clvkit/sample-data), imports it with @clvkit/core (timed: that is clvkit's load from rows),
 * and saves the columns the widgets use (sessions, lines, customers; not messages) to a cache
 * directory, with the interaction sequence and its domain. Each library then runs from these
 * files in a fresh process.
 *
 * Also checks that the peers' independent `customer_status` (peer-fields.mjs) matches clvkit's
 * derived field, since both peers filter on it.
 *
 * Usage (bundled by run.mjs): node prepare.mjs --orders=N --seed=S --interactions=K --out=DIR
 */
import { importDataset } from '@clvkit/core';
import { generateShop } from '@clvkit/sample-data';
import { withDerivedFields } from '@clvkit/analytics';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore plain .mjs modules of the benchmark
import { writeDataset } from '../lib/columns-file.mjs';
// @ts-ignore
import { interactionSequence } from './sequence.mjs';
// @ts-ignore
import { BIN } from './widgets.mjs';
// @ts-ignore
import { DAY, extentOf, sessionStatuses, STATUSES } from './peer-fields.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const orders = Number(args.orders);
const seed = Number(args.seed);
const count = Number(args.interactions);
const out = String(args.out);

const t0 = performance.now();
const shop = generateShop({ orders, seed });
const { sessions, customers, lines } = shop.input;
// Generation is lazy (rows are regenerated from the seed while they are read), so the import
// time below includes generating the rows.
const { dataset, report } = await importDataset({ sessions, customers, lines }, shop.options);
const importMs = performance.now() - t0;
if (dataset.time.timeZone !== 'UTC') throw new Error(`the peers assume UTC days; the shop is in ${dataset.time.timeZone}`);

const s = dataset.sessions.columns as any;
const l = dataset.lines!.columns as any;
const start: Float64Array = s.session_start.values;
const purchased: Uint8Array = s.has_purchased.values;
const pay: Float64Array = s.payment_amount.values;

// The domain of the clicks and brushes.
const extent = extentOf(start);
const days: number[] = [];
for (let d = Math.floor(extent[0] / DAY) * DAY; d <= extent[1]; d += DAY) days.push(d);
days.push(days[days.length - 1] + DAY);
const binSet = new Set<number>();
for (let i = 0; i < pay.length; i++) if (purchased[i] && pay[i] === pay[i]) binSet.add(Math.floor(pay[i] / BIN) * BIN);
const domain = {
  days,
  products: [...l.product.dictionary],
  categories: [...l.category.dictionary],
  dimensions: [...s.dimension.dictionary],
  statuses: [...STATUSES],
  bins: [...binSet].sort((a, b) => a - b),
};
const sequence = interactionSequence(domain, count, seed);

// The peers' status field against clvkit's derived one.
const clients = s.client.dictionary.length;
const peerStatus = sessionStatuses(start, purchased, s.client.codes, clients);
const derived = (withDerivedFields(dataset).sessions.columns as any).customer_status;
let statusMismatches = 0;
for (let i = 0; i < peerStatus.length; i++) if (peerStatus[i] !== derived.codes[i]) statusMismatches++;

// Facts the peers' layouts rely on (printed, and recorded with the results).
const orderOf: Int32Array = l.order.rows;
let linesOfBrowsing = 0;
let repeatedProduct = 0;
let current = -1;
let inOrder = new Set<number>();
for (let k = 0; k < orderOf.length; k++) {
  const o = orderOf[k];
  if (!purchased[o]) linesOfBrowsing++;
  if (o !== current) {
    current = o;
    inOrder = new Set();
  }
  if (inOrder.has(l.product.codes[k])) repeatedProduct++;
  inOrder.add(l.product.codes[k]);
}
let ordersCount = 0;
for (let i = 0; i < purchased.length; i++) ordersCount += purchased[i];

const facts = {
  orders: ordersCount,
  sessions: dataset.sessions.length,
  lines: dataset.lines!.length,
  customers: dataset.customers?.length ?? 0,
  clients,
  products: domain.products.length,
  categories: domain.categories.length,
  days: days.length - 1,
  linesOfBrowsingSessions: linesOfBrowsing,
  repeatedProductInOrder: repeatedProduct,
  rejectedRows: Object.values(report).reduce((n: number, t: any) => n + Object.values((t && t.rejected) || {}).reduce((a: number, b: any) => a + Number(b), 0), 0),
  statusMismatches,
  importMs,
};
writeFileSync(join(out, 'sequence.json'), JSON.stringify({ seed, count, domain, sequence }));
writeDataset(out, dataset, ['sessions', 'lines', 'customers'], facts);
console.log(JSON.stringify(facts));

import type { DerivedColumns } from '../derived.js';
import { addLine, type MeasureArrays, type StoredMeasure } from '../measures.js';
import type { Base } from './clause-bits.js';

/** Measures a fused cube pass computes: row sums of sessions, and line sums and per-order counts of lines. */
const SESSION_SUMS: ReadonlySet<StoredMeasure> = new Set<StoredMeasure>(['sessions', 'orders', 'revenue', 'discount']);
const LINE_SUMS: ReadonlySet<StoredMeasure> = new Set<StoredMeasure>(['lines', 'quantity', 'lineRevenue', 'orders', 'sessions', 'revenue', 'discount']);

/** The cells a cube pass fills: per (bin + 1, slot), row counts and the stored measures. */
export interface FusedCells {
  readonly size: Int32Array;
  readonly arrays: MeasureArrays;
}

/**
 * The cube's cells in one pass over the rows, without group ids or row lists, for the common
 * queries (a sessions query of orders, sessions, revenue, discount; a lines query of line sums
 * and per-order counts when the lines of an order are stored together). The same arithmetic
 * as `measureSessions` / `measureLines`; null where it does not apply (the caller then uses
 * those). `slotOf` per row: the group slot (`keyCodes` < 0 = missing = `slots - 1`).
 */
export function fusedCells(
  derived: DerivedColumns,
  target: 'sessions' | 'lines',
  stored: Set<StoredMeasure>,
  base: Base,
  binOf: Int32Array,
  bins: number,
  keyCodes: Int32Array | null,
  slots: number,
): FusedCells | null {
  const allowed = target === 'sessions' ? SESSION_SUMS : LINE_SUMS;
  for (const m of stored) if (!allowed.has(m)) return null;
  if (target === 'lines' && !derived.linesGroupedByOrder()) return null;
  const count = (bins + 1) * slots;
  const missing = slots - 1;
  const { bits, mask } = base;
  const purchased = derived.purchased();
  const pay = derived.numbers('sessions', 'payment_amount', 0);
  const disc = derived.numbers('sessions', 'discount_amount', 0);
  const size = new Int32Array(count);
  const orders = new Float64Array(count);
  const revenue = new Float64Array(count);
  const discount = new Float64Array(count);
  const arrays: MeasureArrays = {};
  if (target === 'sessions') {
    for (let i = 0; i < bits.length; i++) {
      if ((bits[i] & mask) !== 0) continue;
      const b = binOf[i];
      if (b < 0) continue;
      let s = 0;
      if (keyCodes !== null) {
        s = keyCodes[i];
        if (s < 0) s = missing;
      }
      const cell = (b + 1) * slots + s;
      size[cell]++;
      if (purchased[i] === 0) continue;
      addOrder(i, cell, pay, disc, orders, revenue, discount);
    }
    Object.assign(arrays, { orders, revenue, discount, sessions: Float64Array.from(size) });
  } else {
    const orderOf = derived.lineOrders();
    const qty = derived.numbers('lines', 'quantity', 1);
    const price = derived.numbers('lines', 'price', 0);
    const lines = new Float64Array(count);
    const quantity = new Float64Array(count);
    const lineRevenue = new Float64Array(count);
    const sessions = new Float64Array(count);
    const lastOrder = new Int32Array(count).fill(-1);
    for (let l = 0; l < bits.length; l++) {
      if ((bits[l] & mask) !== 0) continue;
      const b = binOf[l];
      if (b < 0) continue;
      let s = 0;
      if (keyCodes !== null) {
        s = keyCodes[l];
        if (s < 0) s = missing;
      }
      const cell = (b + 1) * slots + s;
      size[cell]++;
      const o = orderOf[l];
      if (o < 0) continue;
      const bought = purchased[o] === 1;
      if (bought) addLine(l, cell, qty, price, lines, quantity, lineRevenue);
      // An order counts once per cell: its lines are stored together.
      if (lastOrder[cell] === o) continue;
      lastOrder[cell] = o;
      sessions[cell]++;
      if (!bought) continue;
      addOrder(o, cell, pay, disc, orders, revenue, discount);
    }
    Object.assign(arrays, { lines, quantity, lineRevenue, orders, sessions, revenue, discount });
  }
  return { size, arrays };
}

/**
 * The cells of a sessions cube over a line field (a click on a product or a category): each
 * session in `base` counts once in every bin one of its lines is in, as the filter passes a
 * session when ANY of its lines passes. So cells hold for one bin at a time (the cube answers
 * single-code clicks only). With the scan's arithmetic (`measureSessions`): session sums;
 * visitors and buyers once per client and bin (no group key); line measures over the bin's own
 * lines of orders, among those `lineMask` keeps (the other line clauses; null = all).
 * `lineBins` per line, `keyCodes` per session.
 */
export function sessionCellsViaLines(
  derived: DerivedColumns,
  stored: Set<StoredMeasure>,
  base: Base,
  lineBins: Int32Array,
  bins: number,
  keyCodes: Int32Array | null,
  slots: number,
  lineMask: Uint8Array | null,
): FusedCells {
  const count = (bins + 1) * slots;
  const missing = slots - 1;
  const { bits, mask } = base;
  const purchased = derived.purchased();
  const pay = derived.numbers('sessions', 'payment_amount', 0);
  const disc = derived.numbers('sessions', 'discount_amount', 0);
  const qty = derived.numbers('lines', 'quantity', 1);
  const price = derived.numbers('lines', 'price', 0);
  const clients = derived.sessionClients().codes;
  const { rows: lineRows, starts } = derived.linesOfOrders();
  const distinct = stored.has('visitors') || stored.has('buyers');
  const lineSums = stored.has('quantity') || stored.has('lineRevenue') || stored.has('lines');
  const size = new Int32Array(count);
  const orders = new Float64Array(count);
  const revenue = new Float64Array(count);
  const discount = new Float64Array(count);
  const visitors = new Float64Array(count);
  const buyers = new Float64Array(count);
  const lines = new Float64Array(count);
  const quantity = new Float64Array(count);
  const lineRevenue = new Float64Array(count);
  const lastSession = new Int32Array(count).fill(-1);
  const lastVisitor = distinct ? new Int32Array(count).fill(-1) : lastSession;
  const lastBuyer = distinct ? new Int32Array(count).fill(-1) : lastSession;
  const visit = (o: number): void => {
    if ((bits[o] & mask) !== 0 || starts[o] === starts[o + 1]) return;
    let s = 0;
    if (keyCodes !== null) {
      s = keyCodes[o];
      if (s < 0) s = missing;
    }
    const bought = purchased[o] === 1;
    const client = clients[o];
    for (let j = starts[o]; j < starts[o + 1]; j++) {
      const l = lineRows[j];
      const b = lineBins[l];
      if (b < 0) continue;
      const cell = (b + 1) * slots + s;
      if (bought && lineSums && (lineMask === null || lineMask[l] === 1)) addLine(l, cell, qty, price, lines, quantity, lineRevenue);
      if (lastSession[cell] === o) continue;
      lastSession[cell] = o;
      size[cell]++;
      if (distinct && client >= 0) {
        if (lastVisitor[cell] !== client) {
          lastVisitor[cell] = client;
          visitors[cell]++;
        }
        if (bought && lastBuyer[cell] !== client) {
          lastBuyer[cell] = client;
          buyers[cell]++;
        }
      }
      if (!bought) continue;
      addOrder(o, cell, pay, disc, orders, revenue, discount);
    }
  };
  if (distinct) {
    // Client by client, so each client is counted once per bin; then the sessions without one.
    const byClient = derived.sessionsByClient();
    for (let k = 0; k < byClient.length; k++) visit(byClient[k]);
    for (let o = 0; o < bits.length; o++) if (clients[o] < 0) visit(o);
  } else {
    for (let o = 0; o < bits.length; o++) visit(o);
  }
  return { size, arrays: { orders, revenue, discount, sessions: Float64Array.from(size), visitors, buyers, lines, quantity, lineRevenue } };
}

/** Adds order row `o` to `cell` as `measureSessions` does: one order, its payment and discount (missing ones add nothing). */
function addOrder(o: number, cell: number, pay: Float64Array, disc: Float64Array, orders: Float64Array, revenue: Float64Array, discount: Float64Array): void {
  orders[cell]++;
  const p = pay[o];
  if (p === p) revenue[cell] += p;
  const d = disc[o];
  if (d === d) discount[cell] += d;
}

import type { DerivedColumns } from '../derived.js';
import type { Base } from './clause-bits.js';

/**
 * Distinct clients (visitors: any session; buyers: an order) among the sessions in a run of
 * time bins [from, to), in O(1) per query. A client is counted in [from, to) exactly once, at
 * its first bin there, which is the bin whose previous bin of the same client lies before
 * `from`. So with C[b][p] = clients whose bin b follows their bin p - 1 (p = 0: no earlier
 * bin), distinct(from, to) = Σ_{from <= b < to} Σ_{p <= from} C[b][p], read from 2-D prefix
 * sums Q[x][y] = Σ_{b < x, p < y} C[b][p] as Q[to][from + 1] - Q[from][from + 1].
 */
export interface DistinctCube {
  readonly kind: 'runs';
  visitors(from: number, to: number): number;
  buyers(from: number, to: number): number;
  readonly bytes: number;
}

/**
 * Builds the distinct-client tables over the sessions in `base`, binned by `binOf`
 * (per session, -1 = no bin) into `bins` bins.
 */
export function buildDistinctCube(derived: DerivedColumns, base: Base, binOf: Int32Array, bins: number): DistinctCube {
  const { bits, mask } = base;
  const purchased = derived.purchased();
  const clients = derived.sessionClients().codes;
  const byClient = derived.sessionsByClient();
  const width = bins + 2;
  const visitors = new Int32Array((bins + 1) * width);
  const buyers = new Int32Array((bins + 1) * width);
  let visits = new Int32Array(64);
  let orders = new Int32Array(64);
  for (let k = 0; k < byClient.length; ) {
    const client = clients[byClient[k]];
    let v = 0;
    let o = 0;
    for (; k < byClient.length && clients[byClient[k]] === client; k++) {
      const i = byClient[k];
      if ((bits[i] & mask) !== 0) continue;
      const b = binOf[i];
      if (b < 0) continue;
      if (v === visits.length) visits = grow(visits);
      visits[v++] = b;
      if (purchased[i] === 1) {
        if (o === orders.length) orders = grow(orders);
        orders[o++] = b;
      }
    }
    countFollowers(visits, v, visitors, width);
    countFollowers(orders, o, buyers, width);
  }
  integrate(visitors, bins + 1, width);
  integrate(buyers, bins + 1, width);
  const read = (table: Int32Array) => (from: number, to: number) =>
    to <= from ? 0 : table[to * width + from + 1] - table[from * width + from + 1];
  return { kind: 'runs', visitors: read(visitors), buyers: read(buyers), bytes: visitors.byteLength + buyers.byteLength };
}

/** Adds, for one client's bins (unsorted, with repeats), C[b][previous distinct bin + 1] += 1 at row b + 1. */
function countFollowers(binsOfClient: Int32Array, n: number, table: Int32Array, width: number): void {
  if (n === 0) return;
  const sorted = binsOfClient.subarray(0, n).sort();
  let previous = -1;
  for (let j = 0; j < n; j++) {
    const b = sorted[j];
    if (b === previous) continue;
    // Stored shifted by one row so that row 0 stays zero for the prefix sums.
    table[(b + 1) * width + previous + 1]++;
    previous = b;
  }
}

/** In place: the counts become Q[x][y] = Σ_{row < x, column < y} of the counts (row 0 and column 0 zero). */
function integrate(table: Int32Array, rows: number, width: number): void {
  // The counts of bin b sit at row b + 1, column p; shift columns by one as well.
  for (let x = 0; x < rows; x++) {
    const row = x * width;
    for (let y = width - 1; y >= 1; y--) table[row + y] = table[row + y - 1];
    table[row] = 0;
  }
  for (let x = 1; x < rows; x++) {
    const row = x * width;
    const above = row - width;
    let running = 0;
    for (let y = 0; y < width; y++) {
      running += table[row + y];
      table[row + y] = table[above + y] + running;
    }
  }
}

function grow(values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(values.length * 2);
  next.set(values);
  return next;
}

/**
 * Distinct clients per bin: for a click on ONE code of a sessions field (a channel, a histogram
 * bin), the visitors and buyers among the sessions in `base` with that code. Distinct counts
 * do not add up over bins, so a cube holding these answers single-code clicks only.
 */
export interface DistinctPerBin {
  readonly kind: 'bins';
  readonly visitors: Float64Array;
  readonly buyers: Float64Array;
  readonly bytes: number;
}

/** Builds the per-bin distinct-client counts over the sessions in `base`, binned by `binOf`. */
export function buildDistinctPerBin(derived: DerivedColumns, base: Base, binOf: Int32Array, bins: number): DistinctPerBin {
  const { bits, mask } = base;
  const purchased = derived.purchased();
  const clients = derived.sessionClients().codes;
  const byClient = derived.sessionsByClient();
  const visitors = new Float64Array(bins);
  const buyers = new Float64Array(bins);
  // Per bin, the last client counted there: sessions come grouped by client, so a client is
  // counted once per bin without sorting its sessions.
  const lastVisitor = new Int32Array(bins).fill(-1);
  const lastBuyer = new Int32Array(bins).fill(-1);
  for (let k = 0; k < byClient.length; k++) {
    const i = byClient[k];
    if ((bits[i] & mask) !== 0) continue;
    const b = binOf[i];
    if (b < 0) continue;
    const client = clients[i];
    if (lastVisitor[b] !== client) {
      lastVisitor[b] = client;
      visitors[b]++;
    }
    if (purchased[i] === 1 && lastBuyer[b] !== client) {
      lastBuyer[b] = client;
      buyers[b]++;
    }
  }
  return { kind: 'bins', visitors, buyers, bytes: visitors.byteLength + buyers.byteLength };
}

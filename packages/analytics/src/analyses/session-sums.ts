import type { AnalysisContext } from '../types.js';

/** Per group slot: sessions, orders, revenue and discount of the sessions passing the filter. */
export interface SessionSums {
  /** Sessions in the slot (the aggregate's group size). */
  readonly sessions: Int32Array;
  /** Sessions with has_purchased. */
  readonly orders: Float64Array;
  /** Σ payment_amount of those orders (missing amounts left out). */
  readonly revenue: Float64Array;
  /** Σ discount_amount of those orders (missing amounts left out). */
  readonly discount: Float64Array;
}

/**
 * `sessions`, `orders`, `revenue` and `discount` of the sessions in `mask` (null: all), grouped by one key
 * or two at once: slot = a × (cardinalityB + 1) + b, where a = `codesA[i]` and b = `codesB[i]`
 * (0 without a second key), a missing code (-1) taking the last value of its key
 * (cardinality). Masks come from masks.ts (`sessionsKept`, `sessionsKeptBy`).
 *
 * The same numbers as the plain aggregate grouped by the keys, bit for bit (revenue added in
 * row order), in one pass without its per-row group and row arrays.
 */
export function sessionSums(context: AnalysisContext, mask: Uint8Array | null, codesA: Int32Array, cardinalityA: number, codesB: Int32Array | null = null, cardinalityB = 0): SessionSums {
  const width = codesB === null ? 1 : cardinalityB + 1;
  const slots = (cardinalityA + 1) * width;
  const purchased = context.derived.purchased();
  const pay = context.derived.numbers('sessions', 'payment_amount', 0);
  const disc = context.derived.numbers('sessions', 'discount_amount', 0);
  const sessions = new Int32Array(slots);
  const orders = new Float64Array(slots);
  const revenue = new Float64Array(slots);
  const discount = new Float64Array(slots);
  for (let i = 0; i < codesA.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const a = codesA[i];
    const b = codesB === null ? 0 : codesB[i];
    const g = (a < 0 ? cardinalityA : a) * width + (b < 0 ? cardinalityB : b);
    sessions[g]++;
    if (purchased[i] === 0) continue;
    orders[g]++;
    const p = pay[i];
    if (p === p) revenue[g] += p;
    const d = disc[i];
    if (d === d) discount[g] += d;
  }
  return { sessions, orders, revenue, discount };
}

/** Per group slot, the distinct clients with a session (visitors) and with an order (buyers). */
export interface DistinctClients {
  readonly visitors: Float64Array;
  readonly buyers: Float64Array;
}

/** Slot × client pairs up to which distinct clients are marked in a bitset (4 MB). Tests lower it to walk instead. */
export const distinctBitset = { limit: 1 << 25 };

/**
 * Distinct clients per slot of one key (`codes[i]`, missing = slot `cardinality`) among the
 * sessions in `mask` (null: all): visitors (a session) and buyers (an order), as
 * the plain aggregate counts them, without its per-row arrays. A bitset of (slot, client)
 * pairs when it is small (a time key by week or month), else a walk over the sessions in
 * client order that notes the last client seen per slot.
 */
export function distinctClientsBy(context: AnalysisContext, mask: Uint8Array | null, codes: Int32Array, cardinality: number): DistinctClients {
  const { derived } = context;
  const slots = cardinality + 1;
  const purchased = derived.purchased();
  const { codes: clientOf, cardinality: clients } = derived.sessionClients();
  const visitors = new Float64Array(slots);
  const buyers = new Float64Array(slots);
  if (slots * clients <= distinctBitset.limit) {
    const words = ((slots * clients) >>> 5) + 1;
    const seen = new Int32Array(words);
    const bought = new Int32Array(words);
    for (let i = 0; i < codes.length; i++) {
      if (mask !== null && mask[i] === 0) continue;
      const c = clientOf[i];
      if (c < 0) continue;
      const k = codes[i];
      const g = k < 0 ? cardinality : k;
      const pair = g * clients + c;
      const word = pair >>> 5;
      const bit = 1 << (pair & 31);
      if ((seen[word] & bit) === 0) {
        seen[word] |= bit;
        visitors[g]++;
      }
      if (purchased[i] !== 0 && (bought[word] & bit) === 0) {
        bought[word] |= bit;
        buyers[g]++;
      }
    }
    return { visitors, buyers };
  }
  const byClient = derived.sessionsByClient();
  const lastVisitor = new Int32Array(slots).fill(-1);
  const lastBuyer = new Int32Array(slots).fill(-1);
  for (let k = 0; k < byClient.length; k++) {
    const i = byClient[k];
    if (mask !== null && mask[i] === 0) continue;
    const c = clientOf[i];
    const code = codes[i];
    const g = code < 0 ? cardinality : code;
    if (lastVisitor[g] !== c) {
      lastVisitor[g] = c;
      visitors[g]++;
    }
    if (purchased[i] !== 0 && lastBuyer[g] !== c) {
      lastBuyer[g] = c;
      buyers[g]++;
    }
  }
  return { visitors, buyers };
}

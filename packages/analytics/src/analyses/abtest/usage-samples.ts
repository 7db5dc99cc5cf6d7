import { MissingInputError, type StringColumn } from '@clvkit/core';
import { shiftBack, shiftForward } from '../../as-of.js';
import type { AnalysisContext } from '../../types.js';
import { abScope, isLinesField, isPromotionField, type AbScope } from './scope.js';

/** Which metric a before/after test compares. */
export type AbMetric = 'orders' | 'amount';

/** One customer's values around their trigger. */
export interface CustomerPair {
  /** Client code (sessions.client). */
  readonly client: number;
  readonly before: number;
  readonly after: number;
}

/** The paired samples of one subject (a promotion or a product). */
export interface SubjectSamples {
  readonly subject: string;
  /** Orders per customer, before vs after (the triggering order not counted). */
  readonly orders: CustomerPair[];
  /** Average order value per customer, for customers with orders in both windows. */
  readonly amount: CustomerPair[];
}

/** What a trigger is: a customer's first use of a promotion, or first purchase of a product. */
export type TriggerKind = 'promotion' | 'product';

/**
 * The before/after samples of every subject (SPEC "A/B tests").
 *
 * For each customer's FIRST use of promotion p (first order containing product q) at t0 that
 * passes the filter (see `abScope`): before = [t0 − W, t0), after = [t0, t0 + W), W in local
 * calendar days. The customer is tested when
 * - their first order came before t0 − W (an existing customer, so the before window could
 *   hold orders: a customer acquired by the promotion has no "before", and a first order in
 *   the before window would bring its welcome discount into it), and
 * - both windows lie inside the data (first to last session_start), so no window is cut off.
 *
 * Orders metric: the number of orders in each window, the triggering order itself not
 *   counted in after (every tested customer has it, so counting it would make every promotion
 *   an "increase"); other orders at t0 count as after.
 * Amount metric: the mean payment_amount of the customer's orders in each window (the
 *   triggering order included in after); customers without an order in one of the windows
 *   have no average there and are left out of this metric.
 *
 * `everySubject`: the filter's subject clauses do not restrict the triggers (every subject's
 * samples, for a comparison that reports only the selected ones).
 */
export function usageSamples(context: AnalysisContext, analysis: string, kind: TriggerKind, windowDays: number, everySubject = false): SubjectSamples[] {
  const subjectColumn = kind === 'promotion' ? promotionColumn(context, analysis) : productColumn(context, analysis);
  const scope = abScope(context, kind === 'promotion' ? isPromotionField(context) : isLinesField(context));
  const collector = new SampleCollector(context, scope, subjectColumn.dictionary, windowDays);
  const { orders } = scope;
  const triggers = everySubject ? scope.triggersOfAll : scope.triggers;
  const seen = new Int32Array(subjectColumn.dictionary.length).fill(-1);
  if (kind === 'promotion') {
    const codes = subjectColumn.codes;
    for (let c = 0; c < orders.clients; c++) {
      for (let i = orders.starts[c]; i < orders.starts[c + 1]; i++) {
        const row = orders.rows[i];
        const code = codes[row];
        if (code < 0 || seen[code] === c) continue;
        seen[code] = c;
        if (triggers[row]) collector.add(c, i, code);
      }
    }
  } else {
    const codes = subjectColumn.codes;
    const lines = context.derived.linesOfOrders();
    const lineMask = context.lineMask();
    for (let c = 0; c < orders.clients; c++) {
      for (let i = orders.starts[c]; i < orders.starts[c + 1]; i++) {
        const row = orders.rows[i];
        for (let k = lines.starts[row]; k < lines.starts[row + 1]; k++) {
          const line = lines.rows[k];
          const code = codes[line];
          if (code < 0 || seen[code] === c) continue;
          seen[code] = c;
          if (triggers[row] && lineMask[line]) collector.add(c, i, code);
        }
      }
    }
  }
  return collector.samples();
}

/** Pairs per subject code, filled trigger by trigger. */
class SampleCollector {
  readonly #context: AnalysisContext;
  readonly #scope: AbScope;
  readonly #names: readonly string[];
  readonly #windowDays: number;
  readonly #orders: CustomerPair[][];
  readonly #amount: CustomerPair[][];
  readonly #used: Uint8Array;
  readonly #payment: Float64Array;

  constructor(context: AnalysisContext, scope: AbScope, names: readonly string[], windowDays: number) {
    this.#context = context;
    this.#scope = scope;
    this.#names = names;
    this.#windowDays = windowDays;
    this.#orders = names.map(() => []);
    this.#amount = names.map(() => []);
    this.#used = new Uint8Array(names.length);
    this.#payment = context.derived.numbers('sessions', 'payment_amount', 0);
  }

  /** The trigger at position `at` of client `client`'s orders, for subject `code`. */
  add(client: number, at: number, code: number): void {
    const { orders, extent } = this.#scope;
    if (!extent) return;
    const start = orders.start;
    const rows = orders.rows;
    const t0 = start[rows[at]];
    const span = { unit: 'days', count: this.#windowDays } as const;
    const from = shiftBack(t0, span, this.#context.calendar);
    const to = shiftForward(t0, span, this.#context.calendar);
    if (from < extent[0] || to > extent[1]) return;
    const first = orders.starts[client];
    if (!(start[rows[first]] < from)) return;
    let lo = at;
    while (lo > first && start[rows[lo - 1]] >= from) lo--;
    let hi = at;
    const end = orders.starts[client + 1];
    while (hi + 1 < end && start[rows[hi + 1]] < to) hi++;
    let ordersBefore = 0;
    let ordersAfter = 0;
    let spentBefore = 0;
    let spentAfter = 0;
    for (let j = lo; j <= hi; j++) {
      const row = rows[j];
      if (start[row] < t0) {
        ordersBefore++;
        spentBefore += this.#payment[row];
      } else {
        if (j !== at) ordersAfter++;
        spentAfter += this.#payment[row];
      }
    }
    this.#used[code] = 1;
    this.#orders[code].push({ client, before: ordersBefore, after: ordersAfter });
    if (ordersBefore > 0) this.#amount[code].push({ client, before: spentBefore / ordersBefore, after: spentAfter / (ordersAfter + 1) });
  }

  samples(): SubjectSamples[] {
    const out: SubjectSamples[] = [];
    for (let code = 0; code < this.#names.length; code++) {
      if (this.#used[code]) out.push({ subject: this.#names[code], orders: this.#orders[code], amount: this.#amount[code] });
    }
    return out;
  }
}

function promotionColumn(context: AnalysisContext, analysis: string): StringColumn {
  const column = context.dataset.sessions.columns.promotion_id;
  if (!column || column.type !== 'string') {
    throw new MissingInputError(analysis, 'a promotion_id column in sessions', 'map the promotion field of the sessions input (empty means organic)');
  }
  return column;
}

function productColumn(context: AnalysisContext, analysis: string): StringColumn {
  const column = context.dataset.lines?.columns.product;
  if (!column || column.type !== 'string') throw new MissingInputError(analysis, 'basket lines', 'add basket lines (order id, product) to test products');
  return column;
}

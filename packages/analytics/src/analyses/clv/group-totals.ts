import { DAY_MS } from '../../as-of.js';
import type { ClvFittedModel } from './fitted-model.js';
import type { Predictions } from './predictions.js';

/** Churn probability above which a customer's expected revenue counts as opportunity (at risk). */
export const AT_RISK = 0.5;

/**
 * Per-group sums of the CLV predictions. A customer adds to a group with a weight w in (0, 1]
 * (1 for a customer attribute such as the segment or location; their share of a product or a
 * retailer otherwise):
 * expected revenue, orders, units, CLV and opportunity are weighted sums; customers, churn
 * probability, recency, frequency and monetary are counted / averaged over the group's
 * customers unweighted (a customer belongs to a group once, whatever their share).
 */
export class GroupTotals {
  readonly customers: Float64Array;
  readonly expectedRevenue: Float64Array;
  readonly expectedOrders: Float64Array;
  readonly expectedUnits: Float64Array;
  readonly clv: Float64Array;
  readonly opportunity: Float64Array;
  readonly churn: Float64Array;
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  readonly #model: ClvFittedModel;
  readonly #predictions: Predictions;

  constructor(groups: number, model: ClvFittedModel, predictions: Predictions) {
    this.customers = new Float64Array(groups);
    this.expectedRevenue = new Float64Array(groups);
    this.expectedOrders = new Float64Array(groups);
    this.expectedUnits = new Float64Array(groups);
    this.clv = new Float64Array(groups);
    this.opportunity = new Float64Array(groups);
    this.churn = new Float64Array(groups);
    this.recency = new Float64Array(groups);
    this.frequency = new Float64Array(groups);
    this.monetary = new Float64Array(groups);
    this.#model = model;
    this.#predictions = predictions;
  }

  /**
   * Adds model row `i` to group `g` with weight `w`; `unitsPerOrder` = the units of the
   * customer's past orders that belong to the group, per order (0 without basket lines).
   */
  add(g: number, i: number, w: number, unitsPerOrder: number): void {
    const p = this.#predictions;
    const m = this.#model;
    const churn = 1 - p.pAlive[i];
    this.customers[g]++;
    this.expectedRevenue[g] += w * p.expectedRevenue[i];
    this.expectedOrders[g] += w * p.expectedOrders[i];
    this.expectedUnits[g] += p.expectedOrders[i] * unitsPerOrder;
    this.clv[g] += w * p.clv[i];
    if (churn > AT_RISK) this.opportunity[g] += w * p.expectedRevenue[i];
    this.churn[g] += churn;
    this.recency[g] += (m.asOf - m.lastOrder[i]) / DAY_MS;
    this.frequency[g] += m.orderCount[i];
    this.monetary[g] += m.revenue[i];
  }

  /** Mean of a per-customer sum over group g's customers (null for an empty group). */
  mean(sums: Float64Array, g: number): number | null {
    return this.customers[g] > 0 ? sums[g] / this.customers[g] : null;
  }
}

import { MissingInputError, type Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { readInstant, resolveAsOf } from '../../as-of.js';
import { ages, bandLabels, bandOf, DEFAULT_AGE_BANDS, trueValues } from './attributes.js';
import { completenessRows, contactRows, detectChannels, profileFields } from './profile-fields.js';
import { selectedCustomers } from './scope.js';
import { sessionsKept } from '../masks.js';

/** Params of `demographics`. */
export interface DemographicsParams {
  readonly by: string;
  readonly bands: readonly number[];
  readonly asOf: unknown;
}

/**
 * `demographics` (seeds 000 and 004: who the customers are): the selected customers broken
 * down by one customer attribute `by` (default `gender`): any string or boolean column of the
 * customers table (location, region, a consent ...), or `age`: age bands from `birth_date`
 * (whole years at the as-of instant, in local dates) or else the `age` column, with lower
 * bounds `bands` (default [18, 25, 35, 45, 55, 65]: "<18", "18-24", ..., "65+").
 *
 * - customers = the customers in the selection (see `selectedCustomers`: customers
 *   predicates test the customer row; other predicates, the date range included, keep the
 *   customers with a session passing them) with that value;
 * - orders / revenue = the orders passing the filter of those customers (Σ payment);
 *   buyers = those of them with such an order; averageOrderValue = revenue / orders (null
 *   without orders); share = customers / all selected customers.
 *
 * Rows `{ value, customers, share, buyers, orders, revenue, averageOrderValue }`, value null
 * for customers without one (unknown age, no gender, a blank string); for age in band order, otherwise by
 * customers descending (ties by value); the null row last. Orders of sessions without a
 * customers row are left out (meta.unattributedOrders).
 * meta: `{ by, bands (age only), asOf (age only), customers, unattributedOrders, completeness,
 * contacts }` where completeness are the `profile_completeness` rows and contacts the
 * `contactable_customers` rows over the same customers.
 */
export const demographics = defineAnalysis({
  name: 'demographics',
  description: 'Customers, buyers, orders and revenue by gender, location, age band or another customer attribute',
  tables: ['customers'],
  params: (raw): DemographicsParams => {
    const read = new ParamReader('demographics', raw, ['by', 'bands', 'asOf']);
    return { by: read.string('by', 'gender'), bands: readBands(raw.bands), asOf: raw.asOf };
  },
  run(context, params) {
    const { dataset } = context;
    const customers = dataset.customers!;
    const selected = selectedCustomers(context, context.filter);
    const value = valueCodes(context, params);
    const groups = value.labels.length;
    const count = new Float64Array(groups + 1);
    const buyers = new Float64Array(groups + 1);
    const orders = new Float64Array(groups + 1);
    const revenue = new Float64Array(groups + 1);
    const slot = (row: number) => (value.codes[row] < 0 ? groups : value.codes[row]);
    for (let i = 0; i < customers.length; i++) if (selected[i]) count[slot(i)]++;
    const mask = sessionsKept(context);
    const purchased = context.derived.purchased();
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const customerOf = context.derived.sessionCustomers();
    const bought = new Uint8Array(customers.length);
    let unattributedOrders = 0;
    for (let i = 0; i < purchased.length; i++) {
      if ((mask !== null && !mask[i]) || !purchased[i]) continue;
      const row = customerOf[i];
      if (row < 0) {
        unattributedOrders++;
        continue;
      }
      const s = slot(row);
      orders[s]++;
      revenue[s] += payment[i];
      if (!bought[row]) {
        bought[row] = 1;
        buyers[s]++;
      }
    }
    let total = 0;
    for (let s = 0; s <= groups; s++) total += count[s];
    const rowOf = (s: number): Row => ({
      value: s === groups ? null : value.labels[s],
      customers: count[s],
      share: total > 0 ? count[s] / total : null,
      buyers: buyers[s],
      orders: orders[s],
      revenue: revenue[s],
      averageOrderValue: orders[s] > 0 ? revenue[s] / orders[s] : null,
    });
    const slots: number[] = [];
    for (let s = 0; s < groups; s++) if (value.ordered || count[s] > 0 || orders[s] > 0) slots.push(s);
    if (!value.ordered) slots.sort((a, b) => count[b] - count[a] || (value.labels[a] < value.labels[b] ? -1 : value.labels[a] > value.labels[b] ? 1 : 0));
    if (count[groups] > 0 || orders[groups] > 0) slots.push(groups);
    return {
      rows: slots.map(rowOf),
      meta: {
        by: params.by,
        ...(value.asOf !== undefined && { bands: params.bands, asOf: value.asOf }),
        customers: total,
        unattributedOrders,
        completeness: completenessRows(dataset, profileFields(dataset), selected),
        contacts: contactRows(dataset, detectChannels(dataset), selected),
      },
    };
  },
});

/** Per customer row, its group code (-1 = no value), the group labels, and whether their order is fixed (age bands). */
function valueCodes(context: AnalysisContext, params: DemographicsParams): { codes: Int32Array; labels: string[]; ordered: boolean; asOf?: number | null } {
  const customers = context.dataset.customers!;
  const column = customers.columns[params.by];
  if (params.by === 'age') {
    if (!customers.columns.birth_date && !customers.columns.age) {
      throw new MissingInputError('demographics', 'customers.birth_date or customers.age', 'add a birth date or age column to the customers table for age bands');
    }
    const period = periodOf(context);
    const at = resolveAsOf(context, period, readInstant('demographics', 'asOf', params.asOf, context.calendar));
    const asOf = at?.asOf ?? Date.now();
    const years = ages(customers, asOf, context.calendar);
    const codes = new Int32Array(customers.length);
    for (let i = 0; i < codes.length; i++) codes[i] = bandOf(years[i], params.bands);
    return { codes, labels: bandLabels(params.bands), ordered: true, asOf: at?.asOf ?? null };
  }
  if (!column) {
    const available = Object.keys(customers.columns).filter((name) => ['string', 'boolean'].includes(customers.columns[name].type));
    throw new TypeError(`demographics: params.by "${params.by}" is not a column of the customers table; use "age" or one of: ${available.join(', ')}`);
  }
  if (column.type === 'string') {
    const truthy = /(?:_opt_in|_optin|_consent|_subscribed)$/i.test(params.by);
    if (!truthy) {
      // A blank value is no value (as in profile completeness).
      const blank = column.dictionary.map((v) => v.trim() === '');
      const codes = new Int32Array(customers.length);
      for (let i = 0; i < codes.length; i++) codes[i] = column.codes[i] >= 0 && !blank[column.codes[i]] ? column.codes[i] : -1;
      return { codes, labels: [...column.dictionary], ordered: false };
    }
  }
  if (column.type === 'boolean' || column.type === 'string') {
    // Consent flags read as booleans, whatever their spelling ("true", "1", "yes").
    const yes = trueValues(column, customers.length);
    const codes = new Int32Array(customers.length);
    for (let i = 0; i < codes.length; i++) codes[i] = column.type === 'string' && column.codes[i] < 0 ? -1 : yes[i] ? 0 : 1;
    return { codes, labels: ['true', 'false'], ordered: true };
  }
  throw new TypeError(`demographics: params.by "${params.by}" is a ${column.type} column; group by a string or boolean column, or by "age" for age bands`);
}

function readBands(value: unknown): readonly number[] {
  if (value === undefined) return DEFAULT_AGE_BANDS;
  const ok = Array.isArray(value) && value.length > 0 && value.every((v, i) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 150 && (i === 0 || v > value[i - 1]));
  if (!ok) throw new TypeError(`demographics: params.bands must be ascending integers from 0 to 150 (lower bounds of the age bands), got ${JSON.stringify(value)}`);
  return value as number[];
}

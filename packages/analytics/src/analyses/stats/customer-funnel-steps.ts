import { sessionMask, type Filter } from '@clvkit/core';
import { selectedCustomers } from '../../customer-selection.js';
import type { AnalysisContext } from '../../types.js';

/**
 * The customer funnel of the customers a filter selects. Steps, in this order:
 * `download` (customers.download_date), `signup` (customers.signup_date, left out when the
 * table has no such column), `first_session` (the customer's earliest session passing the
 * filter), `first_purchase` (their earliest order passing the filter), then each customer
 * action date of `dataset.customerActions` in the host's order.
 * `times[s][r]` is the time of step s for customers row r (NaN: never, or not selected);
 * `fields[s]` names the customers column of step s (null for the two session steps).
 * Sessions whose client is missing from the customers table are not counted here.
 */
export interface CustomerFunnel {
  readonly steps: readonly string[];
  readonly fields: readonly (string | null)[];
  readonly times: readonly Float64Array[];
  /** Customers rows the filter selects (see `selectedCustomers`). */
  readonly selected: Uint8Array;
}

/**
 * The customer funnel under `filter` (apply it without the period's interval: steps are dated,
 * not filtered, by the period). Without clauses it is built once per dataset and shared by the
 * customer funnel analyses (do not modify it).
 */
export function customerFunnel(context: AnalysisContext, filter: Filter): CustomerFunnel {
  if (filter.predicates.length === 0) return context.derived.memo('stats:customerFunnel', () => buildFunnel(context, filter));
  return buildFunnel(context, filter);
}

function buildFunnel(context: AnalysisContext, filter: Filter): CustomerFunnel {
  const { dataset, derived } = context;
  const customers = dataset.customers!;
  const customerRows = derived.sessionCustomers();
  const selected = selectedCustomers(context, filter);
  // Sessions of unselected customers are left out too (the session steps are per selected customer).
  const sessions = sessionMask(dataset, filter);
  const n = customers.length;
  const timeColumn = (name: string): Float64Array | null => {
    const def = customers.columns[name];
    return def && def.type === 'time' ? def.values : null;
  };
  const steps: string[] = [];
  const fields: (string | null)[] = [];
  const times: Float64Array[] = [];
  const addColumn = (step: string, column: string) => {
    const values = timeColumn(column);
    if (!values) return;
    const own = new Float64Array(n);
    for (let r = 0; r < n; r++) own[r] = selected[r] ? values[r] : Number.NaN;
    steps.push(step);
    fields.push(`customers.${column}`);
    times.push(own);
  };
  addColumn('download', 'download_date');
  addColumn('signup', 'signup_date');
  const firstSession = new Float64Array(n).fill(Infinity);
  const firstPurchase = new Float64Array(n).fill(Infinity);
  const start = derived.numbers('sessions', 'session_start', Number.NaN);
  const purchased = derived.purchased();
  for (let i = 0; i < sessions.length; i++) {
    const r = customerRows[i];
    if (r < 0 || !sessions[i] || !selected[r]) continue;
    const t = start[i];
    if (t < firstSession[r]) firstSession[r] = t;
    if (purchased[i] && t < firstPurchase[r]) firstPurchase[r] = t;
  }
  for (let r = 0; r < n; r++) {
    if (firstSession[r] === Infinity) firstSession[r] = Number.NaN;
    if (firstPurchase[r] === Infinity) firstPurchase[r] = Number.NaN;
  }
  steps.push('first_session', 'first_purchase');
  fields.push(null, null);
  times.push(firstSession, firstPurchase);
  for (const action of dataset.customerActions) {
    if (action !== 'download_date' && action !== 'signup_date') addColumn(action, action);
  }
  return { steps, fields, times, selected };
}

import { allCustomerOrders } from '../../customer-orders.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { DEFAULT_ACTIVE, DEFAULT_LONG_GONE, statusCuts, statusSnapshot, STATUSES } from './status.js';

/**
 * `sessions.customer_status`: the status (`active`, `churned`, `long_gone`) of the session's
 * customer as of the data's end, the way a status donut slice filters the other widgets:
 * `isIn('customer_status', ['active'])`. It is computed once per dataset, from every order
 * (no filter), as of the last session_start of the data with the default thresholds (active
 * within 3 months, long gone after 6). Missing (so no `in` predicate selects it) for customers
 * without an order. The `customer_status` analysis honours its own `asOf`, thresholds and the
 * filter, so a slice of a donut drawn with other settings selects by this field, not by them.
 *
 * Registered by ./index.ts (a call there, not a bare import: the package is marked free of side
 * effects, so bundlers would drop an import kept only for its side effect).
 */
export const customerStatusField: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'customer_status',
  description: "The customer's status as of the last session_start (active: last order within 3 months, churned: 3 to 6 months, long_gone: over 6 months); missing for customers without an order",
  build(derived) {
    const { codes } = derived.sessionClients();
    const extent = derived.sessionStartExtent();
    const out = new Int32Array(codes.length).fill(-1);
    if (extent) {
      const at = { asOf: extent[1], before: Infinity };
      const cuts = statusCuts(at.asOf, { active: DEFAULT_ACTIVE, longGone: DEFAULT_LONG_GONE }, derived.calendar);
      const { status } = statusSnapshot(allCustomerOrders(derived), derived.numbers('sessions', 'payment_amount', 0), at, cuts);
      for (let i = 0; i < codes.length; i++) out[i] = codes[i] >= 0 ? status[codes[i]] : -1;
    }
    return { type: 'string', codes: out, dictionary: STATUSES };
  },
};

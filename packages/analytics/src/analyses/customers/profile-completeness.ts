import { defineAnalysis } from '../../types.js';
import { ParamReader } from '../../params.js';
import { completenessRows, profileFields } from './profile-fields.js';
import { selectedCustomers } from './scope.js';

/** Params of `profile_completeness`. */
export interface ProfileCompletenessParams {
  readonly fields: readonly string[] | null;
}

/**
 * `profile_completeness` (seed 004 "customer base": how complete the customer profiles are):
 * for every profile field, the share of the selected customers with a value. Fields: `fields`
 * when given, else every customers column but `client`, row references, `download_date`, the
 * host's customer action dates and consent flags (`*_opt_in`, `*_consent`, ...). A value is
 * present when it is not missing (for strings: not empty). The selected customers are those
 * of `selectedCustomers` (customers predicates on the customer row, other predicates through
 * the customer's sessions).
 *
 * Rows `{ field, customers, filled, share }` (share = filled / customers, null without
 * customers), in column order.
 */
export const profileCompleteness = defineAnalysis({
  name: 'profile_completeness',
  description: 'Share of customers with a value in each profile field',
  tables: ['customers'],
  params: (raw): ProfileCompletenessParams => {
    new ParamReader('profile_completeness', raw, ['fields']);
    const fields = raw.fields;
    if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string' && f !== ''))) {
      throw new TypeError(`profile_completeness: params.fields must be an array of customers column names, got ${JSON.stringify(fields)}`);
    }
    return { fields: (fields as string[] | undefined) ?? null };
  },
  run(context, params) {
    const customers = context.dataset.customers!;
    const fields = params.fields ?? profileFields(context.dataset);
    const unknown = fields.filter((f) => !(f in customers.columns));
    if (unknown.length) throw new TypeError(`profile_completeness: params.fields names no customers column: ${unknown.join(', ')} (columns: ${Object.keys(customers.columns).join(', ')})`);
    return { rows: completenessRows(context.dataset, fields, selectedCustomers(context, context.filter)) };
  },
});

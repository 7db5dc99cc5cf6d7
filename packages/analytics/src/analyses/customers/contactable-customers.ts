import { defineAnalysis } from '../../types.js';
import { ParamReader } from '../../params.js';
import { contactRows, detectChannels } from './profile-fields.js';
import { selectedCustomers } from './scope.js';

/**
 * `contactable_customers` (seed 004: contact availability for e-mail, SMS and push): per channel
 * the customers table has columns for, among the selected customers (`selectedCustomers`):
 *
 * - withContact = customers with a value in the channel's contact column (`email` /
 *   `email_address`; `phone` / `mobile` / `phone_number`; `push_token` / `device_token`), null
 *   when the table has none;
 * - consented = customers whose consent column (`email_opt_in`, `sms_opt_in`, `push_opt_in`, or
 *   `*_consent`, `*_optin`, `*_subscribed`) reads true ("true", "1", "yes" count), null when
 *   the table has none;
 * - contactable = customers with both (a column the table lacks does not restrict);
 *   share = contactable / customers (null without customers).
 *
 * Rows `{ channel, contactField, consentField, customers, withContact, consented, contactable,
 * share }` (contactField / consentField name the customers columns used, so a widget can filter
 * on "contactable by e-mail") in the order
 * email, sms, push; channels without any column are left out.
 */
export const contactableCustomers = defineAnalysis({
  name: 'contactable_customers',
  description: 'Customers reachable by e-mail, SMS and push (contact present and consent given)',
  tables: ['customers'],
  params: (raw) => {
    new ParamReader('contactable_customers', raw, []);
    return {};
  },
  run(context) {
    return { rows: contactRows(context.dataset, detectChannels(context.dataset), selectedCustomers(context, context.filter)) };
  },
});

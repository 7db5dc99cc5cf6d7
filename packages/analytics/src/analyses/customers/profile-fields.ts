import type { Dataset, Row } from '@clvkit/core';
import { presentValues, trueValues } from './attributes.js';
import { derivedFieldDefinitions } from '../../derived-fields.js';

/**
 * Profile completeness and contact availability over a set of customers (rows of the
 * customers table), shared by `demographics`, `profile_completeness` and
 * `contactable_customers`.
 */

/** Column names that hold a consent flag rather than profile data. */
const CONSENT = /(?:_opt_in|_optin|_consent|_subscribed)$/i;

/**
 * The profile fields of the customers table: every column but `client`, row references,
 * `download_date`, the host's customer action dates, consent flags and the derived fields
 * (a segment or status computed from orders is not profile data).
 */
export function profileFields(dataset: Dataset): string[] {
  const customers = dataset.customers;
  if (!customers) return [];
  const derived = derivedFieldDefinitions().filter((d) => d.table === 'customers').map((d) => d.name);
  const skip = new Set(['client', 'download_date', ...dataset.customerActions, ...derived]);
  return Object.keys(customers.columns).filter((name) => !skip.has(name) && customers.columns[name].type !== 'ref' && !CONSENT.test(name));
}

/** Rows `{ field, customers, filled, share }` (share = filled / customers, null without customers). */
export function completenessRows(dataset: Dataset, fields: readonly string[], selected: Uint8Array): Row[] {
  const customers = dataset.customers!;
  let total = 0;
  for (let i = 0; i < selected.length; i++) total += selected[i];
  return fields.map((field) => {
    const present = presentValues(customers.columns[field], customers.length);
    let filled = 0;
    for (let i = 0; i < customers.length; i++) if (selected[i] && present[i]) filled++;
    return { field, customers: total, filled, share: total > 0 ? filled / total : null };
  });
}

/** A messaging channel and the customers columns that make a customer reachable on it. */
export interface ChannelColumns {
  readonly channel: string;
  /** The contact column (email address, phone number, device token); null when the table has none. */
  readonly contact: string | null;
  /** The consent column (true = opted in); null when the table has none. */
  readonly consent: string | null;
}

const CHANNEL_CANDIDATES: readonly { channel: string; contact: readonly string[]; consent: readonly string[] }[] = [
  { channel: 'email', contact: ['email', 'email_address'], consent: ['email_opt_in', 'email_optin', 'email_consent', 'email_subscribed'] },
  { channel: 'sms', contact: ['phone', 'mobile', 'phone_number', 'mobile_phone'], consent: ['sms_opt_in', 'sms_optin', 'sms_consent', 'phone_opt_in'] },
  { channel: 'push', contact: ['push_token', 'device_token'], consent: ['push_opt_in', 'push_optin', 'push_consent'] },
];

/** The channels the customers table has a contact or consent column for (email, sms, push), by the usual column names. */
export function detectChannels(dataset: Dataset): ChannelColumns[] {
  const columns = dataset.customers?.columns ?? {};
  const out: ChannelColumns[] = [];
  for (const candidate of CHANNEL_CANDIDATES) {
    const contact = candidate.contact.find((name) => name in columns) ?? null;
    const consent = candidate.consent.find((name) => name in columns) ?? null;
    if (contact || consent) out.push({ channel: candidate.channel, contact, consent });
  }
  return out;
}

/**
 * Rows `{ channel, contactField, consentField, customers, withContact, consented, contactable,
 * share }` (the fields: the customers columns used, null when absent): among the selected
 * customers, withContact = those with a value in the contact column (null when the table has
 * none), consented = those whose consent is true (null without a consent column), contactable
 * = those with both (a missing column does not restrict), share = contactable / customers.
 */
export function contactRows(dataset: Dataset, channels: readonly ChannelColumns[], selected: Uint8Array): Row[] {
  const customers = dataset.customers!;
  let total = 0;
  for (let i = 0; i < selected.length; i++) total += selected[i];
  return channels.map(({ channel, contact, consent }) => {
    const has = contact ? presentValues(customers.columns[contact], customers.length) : null;
    const yes = consent ? trueValues(customers.columns[consent], customers.length) : null;
    let withContact = 0;
    let consented = 0;
    let contactable = 0;
    for (let i = 0; i < customers.length; i++) {
      if (!selected[i]) continue;
      const a = has ? has[i] : 1;
      const b = yes ? yes[i] : 1;
      withContact += a;
      consented += b;
      if (a && b) contactable++;
    }
    return {
      channel,
      contactField: contact,
      consentField: consent,
      customers: total,
      withContact: has ? withContact : null,
      consented: yes ? consented : null,
      contactable,
      share: total > 0 ? contactable / total : null,
    };
  });
}

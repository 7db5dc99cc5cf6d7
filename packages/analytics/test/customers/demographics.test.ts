import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { fixture, ms, report } from './fixtures.js';
import { profileShop } from './profile-shop.js';

const pick = (rows: Record<string, unknown>[]) => rows.map((r) => [r.value, r.customers, r.buyers, r.orders, r.revenue, r.averageOrderValue]);

describe('demographics', () => {
  it('breaks the customers down by gender with their buyers, orders, revenue and average order value', () => {
    const { rows, meta } = report(profileShop(), 'demographics');
    // female: k1 (2 orders, 150), k3 (none); male: k2 (1 order, 30), k5 (no sessions); unknown: k4 (1 order, 20).
    // z's order has no customers row: left out.
    expect(pick(rows)).toEqual([
      ['female', 2, 1, 2, 150, 75],
      ['male', 2, 1, 1, 30, 30],
      [null, 1, 1, 1, 20, 20],
    ]);
    expect(rows.map((r) => r.share)).toEqual([0.4, 0.4, 0.2]);
    expect(meta).toMatchObject({ by: 'gender', customers: 5, unattributedOrders: 1 });
  });

  it('bands ages from birth dates (birthdays in local dates) or the age column', () => {
    // As of 2024-03-20: k1 (1990-06-15) 33; k2 age 40; k3 (2006-12-31) 17; k5 (1960-01-01) 64; k4 unknown.
    const { rows, meta } = report(profileShop(), 'demographics', { by: 'age' });
    expect(pick(rows)).toEqual([
      ['<18', 1, 0, 0, 0, null],
      ['18-24', 0, 0, 0, 0, null],
      ['25-34', 1, 1, 2, 150, 75],
      ['35-44', 1, 1, 1, 30, 30],
      ['45-54', 0, 0, 0, 0, null],
      ['55-64', 1, 0, 0, 0, null],
      ['65+', 0, 0, 0, 0, null],
      [null, 1, 1, 1, 20, 20],
    ]);
    expect(meta).toMatchObject({ bands: [18, 25, 35, 45, 55, 65], asOf: ms('2024-03-20T10:00:00Z') });
    // On 2025-01-01 k3 has turned 18 and k5 65; k1 is 34.
    const later = report(profileShop(), 'demographics', { by: 'age', asOf: '2025-01-01' }).rows;
    expect(later.filter((r) => r.customers).map((r) => [r.value, r.customers])).toEqual([['18-24', 1], ['25-34', 1], ['35-44', 1], ['65+', 1], [null, 1]]);
    const custom = report(profileShop(), 'demographics', { by: 'age', bands: [30, 60] }).rows;
    expect(custom.map((r) => [r.value, r.customers])).toEqual([['<30', 1], ['30-59', 2], ['60+', 1], [null, 1]]);
  });

  it('groups by any string column, and reads consents as booleans', () => {
    // location: London k1, k3; Leeds k2, k5; k4's empty string counts as no value.
    expect(report(profileShop(), 'demographics', { by: 'location' }).rows.map((r) => [r.value, r.customers, r.revenue])).toEqual([
      ['Leeds', 2, 30],
      ['London', 2, 150],
      [null, 1, 20],
    ]);
    // email_opt_in: true, yes -> true (k1, k4, k5); false (k2, k3).
    expect(report(profileShop(), 'demographics', { by: 'email_opt_in' }).rows.map((r) => [r.value, r.customers, r.orders])).toEqual([
      ['true', 3, 3],
      ['false', 2, 1],
    ]);
  });

  it('counts the customers behind the selection', () => {
    // web sessions: k1, k2 (a visit), k3, k4, z. k2's only order is app: a customer, not a buyer.
    expect(pick(report(profileShop(), 'demographics', {}, [isIn('dimension', ['web'])]).rows)).toEqual([
      ['female', 2, 1, 2, 150, 75],
      ['male', 1, 0, 0, 0, null],
      [null, 1, 1, 1, 20, 20],
    ]);
    // A customers predicate tests the customer row itself: k1 and k3 (k3 has no order).
    const london = report(profileShop(), 'demographics', {}, [isIn('customers.location', ['London'])]);
    expect(pick(london.rows)).toEqual([['female', 2, 1, 2, 150, 75]]);
    // A date range: customers with a session in March (k1, k2, k3, k4); orders in March only.
    const march = report(profileShop(), 'demographics', {}, [interval('session_start', ms('2024-03-01'), ms('2024-04-01'))]);
    expect(pick(march.rows)).toEqual([
      ['female', 2, 1, 1, 50, 50],
      ['male', 1, 0, 0, 0, null],
      [null, 1, 1, 1, 20, 20],
    ]);
  });

  it('takes the union of customer and session predicates under an or filter', () => {
    // Leeds customers (k2, k5, by their row) or customers with an app session (k2); orders passing either: s2 (k2, 30).
    const { rows } = report(profileShop(), 'demographics', {}, [isIn('customers.location', ['Leeds']), isIn('dimension', ['app'])], 'or');
    expect(pick(rows)).toEqual([['male', 2, 1, 1, 30, 30]]);
  });

  it('lists profile completeness and contact availability in meta, and says what it lacks', () => {
    const { meta } = report(profileShop(), 'demographics');
    expect((meta?.completeness as { field: string }[]).map((r) => r.field)).toEqual(['gender', 'birth_date', 'age', 'location', 'email', 'phone', 'signup_date']);
    expect((meta?.contacts as { channel: string }[]).map((r) => r.channel)).toEqual(['email', 'sms', 'push']);
    const noCustomers = fixture({ sessions: [{ id: 'o', client: 'x', start: '2024-01-01T00:00:00Z', payment: 1 }] });
    expect(() => report(noCustomers, 'demographics')).toThrow(MissingInputError);
    expect(() => report(profileShop(), 'demographics', { by: 'shoe_size' })).toThrow(/not a column of the customers table/);
    expect(() => report(profileShop(), 'demographics', { by: 'age', bands: [30, 20] })).toThrow(/bands/);
  });
});

describe('profile_completeness', () => {
  it('is the share of customers with a value per profile field (consents and ids left out)', () => {
    // gender 4 (k4 none); birth_date 3 (k1, k3, k5); age 1 (k2); location 4 (k4's is empty);
    // email 4 (not k3); phone 3 (k1, k3, k4); signup_date 4 (not k3).
    expect(report(profileShop(), 'profile_completeness').rows).toEqual([
      { field: 'gender', customers: 5, filled: 4, share: 0.8 },
      { field: 'birth_date', customers: 5, filled: 3, share: 0.6 },
      { field: 'age', customers: 5, filled: 1, share: 0.2 },
      { field: 'location', customers: 5, filled: 4, share: 0.8 },
      { field: 'email', customers: 5, filled: 4, share: 0.8 },
      { field: 'phone', customers: 5, filled: 3, share: 0.6 },
      { field: 'signup_date', customers: 5, filled: 4, share: 0.8 },
    ]);
    // Chosen fields over London customers (k1, k3).
    expect(report(profileShop(), 'profile_completeness', { fields: ['email', 'phone'] }, [isIn('location', ['London'])]).rows).toEqual([
      { field: 'email', customers: 2, filled: 1, share: 0.5 },
      { field: 'phone', customers: 2, filled: 2, share: 1 },
    ]);
    expect(() => report(profileShop(), 'profile_completeness', { fields: ['nope'] })).toThrow(/nope/);
  });
});

describe('contactable_customers', () => {
  it('counts the customers with a contact and consent per channel', () => {
    // email: addresses k1, k2, k4, k5; consent k1, k4 ("yes"), k5 -> contactable k1, k4, k5.
    // sms: phones k1, k3, k4; consent k3, k4 ("1") -> contactable k3, k4.
    // push: no token column; consent k1 -> contactable k1.
    expect(report(profileShop(), 'contactable_customers').rows).toEqual([
      { channel: 'email', contactField: 'email', consentField: 'email_opt_in', customers: 5, withContact: 4, consented: 3, contactable: 3, share: 0.6 },
      { channel: 'sms', contactField: 'phone', consentField: 'sms_opt_in', customers: 5, withContact: 3, consented: 2, contactable: 2, share: 0.4 },
      { channel: 'push', contactField: null, consentField: 'push_opt_in', customers: 5, withContact: null, consented: 1, contactable: 1, share: 0.2 },
    ]);
    // Customers with a web session: k1, k2, k3, k4.
    expect(report(profileShop(), 'contactable_customers', {}, [isIn('dimension', ['web'])]).rows.map((r) => [r.channel, r.customers, r.contactable])).toEqual([
      ['email', 4, 2],
      ['sms', 4, 2],
      ['push', 4, 1],
    ]);
  });
});

describe('customer_base', () => {
  it('counts registrations per month, the size of the base and its active customers', () => {
    const { rows, meta } = report(profileShop(), 'customer_base');
    // Period: 02-01 .. end of 03-20. Sign-ups: k1 01-05 and k2 01-20 before it, k4 02-10 and k5 02-15 in
    // February, none in March; k3 has none. Buyers: Feb k1, k2; Mar k1, k4, z. Visitors: Feb k1, k2; Mar k1, k2, k3, k4, z.
    expect(rows).toEqual([
      { bucket: ms('2024-02-01'), registrations: 2, total: 4, active: 2, visitors: 2, activeShare: 0.5 },
      { bucket: ms('2024-03-01'), registrations: 0, total: 4, active: 3, visitors: 5, activeShare: 0.75 },
    ]);
    expect(meta).toMatchObject({ unit: 'month', field: 'signup_date', withoutDate: 1 });
  });

  it('takes the download date, weeks, and the selection', () => {
    // Downloads: k1 (12-20), k2 (01-18) before; k3 (02-25), k4 (02-09) in Feb; k5 (03-01) in March.
    const downloads = report(profileShop(), 'customer_base', { field: 'download_date' }).rows;
    expect(downloads.map((r) => [r.registrations, r.total])).toEqual([[2, 4], [1, 5]]);
    // London: k1 (signed up before) and k3 (no sign-up). Active: k1 in both months; k3 visits in March.
    const london = report(profileShop(), 'customer_base', {}, [isIn('location', ['London'])]);
    expect(london.rows.map((r) => [r.registrations, r.total, r.active, r.visitors])).toEqual([[0, 1, 1, 1], [0, 1, 1, 2]]);
    // Weeks of March 4 and 11 only (brushed): k2's 03-05 and k3's 03-10 (a Sunday) visits, k4's 03-15 order.
    const weeks = report(profileShop(), 'customer_base', { unit: 'week' }, [interval('session_start', ms('2024-03-04'), ms('2024-03-18'))]);
    expect(weeks.rows).toEqual([
      { bucket: ms('2024-03-04'), registrations: 0, total: 4, active: 0, visitors: 2, activeShare: 0 },
      { bucket: ms('2024-03-11'), registrations: 0, total: 4, active: 1, visitors: 1, activeShare: 0.25 },
    ]);
    expect(() => report(profileShop(), 'customer_base', { field: 'gender' })).toThrow(/not a date column/);
  });
});

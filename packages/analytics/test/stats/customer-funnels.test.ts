import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, type Filter, type Row } from '@clvkit/core';
import { runStats } from './run.js';
import { funnelShop, utc } from './fixtures.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
const STEPS = ['download', 'signup', 'first_session', 'first_purchase', 'first_login_date'];
const counts = (rows: readonly Row[], head: Row) =>
  rows.filter((r) => Object.entries(head).every(([k, v]) => r[k] === v)).map((r) => r.count);

/*
 * Step times per customer (UTC; see fixtures.ts). First session / first purchase without a filter:
 * | client | download    | signup      | first_session | first_purchase | first_login |
 * | c1     | 12-27 08:00 | 12-28 09:00 | 12-28 10:00   | 12-28 10:00    | 12-28 09:30 |
 * | c2     | 12-29 22:00 |             | 12-29 23:30   | 01-05 09:15    | 01-05 09:00 |
 * | c3     | 01-01 12:00 | 01-03 09:00 | 01-03 09:45   | 01-06 10:00    |             |
 * | c4     | 01-05 18:00 | 01-06 09:00 | 01-06 09:10   |                |             |
 * | c5     | 01-06 11:00 |             |               |                |             |
 * Period without a filter: the data range 12-28 .. 01-07 widened to the step times: 12-27 .. 01-07 (11 days).
 */
describe('daily_funnel_downloads, weekly_funnel_downloads, monthly_funnel_downloads', () => {
  it('counts customers per step by the date they did it', () => {
    const { rows, meta } = runStats(funnelShop(), 'daily_funnel_downloads');
    expect(meta).toEqual({
      unit: 'day',
      period: [utc('2024-12-27'), utc('2025-01-07')],
      steps: STEPS,
      fields: ['customers.download_date', 'customers.signup_date', null, null, 'customers.first_login_date'],
    });
    expect(rows).toHaveLength(11 * 5);
    expect(counts(rows, { bucket: utc('2024-12-27') })).toEqual([1, 0, 0, 0, 0]); // c1 download
    expect(counts(rows, { bucket: utc('2024-12-29') })).toEqual([1, 0, 1, 0, 0]); // c2 download, first session
    expect(counts(rows, { bucket: utc('2024-12-30') })).toEqual([0, 0, 0, 0, 0]);
    expect(counts(rows, { bucket: utc('2025-01-05') })).toEqual([1, 0, 0, 1, 1]); // c4 download; c2 purchase, login
    expect(counts(rows, { bucket: utc('2025-01-06') })).toEqual([1, 1, 1, 1, 0]); // c5 download; c4 signup, session; c3 purchase
    // 12-28: nobody downloaded, c1 did the rest: conversions from a 0 download are null, the rest step to step
    expect(rows.filter((r) => r.bucket === utc('2024-12-28')).map((r) => [r.count, r.conversionFromPrevious, r.conversionFromFirst])).toEqual([
      [0, null, null], [1, null, null], [1, 1, null], [1, 1, null], [1, 1, null],
    ]);
  });

  it('buckets by week across the new year and by month', () => {
    const weekly = runStats(funnelShop(), 'weekly_funnel_downloads').rows;
    expect(counts(weekly, { bucket: utc('2024-12-23') })).toEqual([2, 1, 2, 1, 1]); // c1 c2 | c1 | c1 c2 | c1 | c1
    expect(counts(weekly, { bucket: utc('2024-12-30') })).toEqual([2, 1, 1, 1, 1]); // c3 c4 | c3 | c3 | c2 | c2
    expect(counts(weekly, { bucket: utc('2025-01-06') })).toEqual([1, 1, 1, 1, 0]); // c5 | c4 | c4 | c3 | -
    expect(weekly).toHaveLength(3 * 5);
    const monthly = runStats(funnelShop(), 'monthly_funnel_downloads').rows;
    expect(counts(monthly, { bucket: utc('2024-12-01') })).toEqual([2, 1, 2, 1, 1]);
    expect(counts(monthly, { bucket: utc('2025-01-01') })).toEqual([3, 2, 2, 2, 1]);
  });

  it('selects customers by a customers field on the customers table, including customers without sessions', () => {
    // gender f: c1, c3, c5 (c5 has no session but downloaded)
    const rows = runStats(funnelShop(), 'monthly_funnel_downloads', {}, and(isIn('gender', ['f']))).rows;
    expect(counts(rows, { bucket: utc('2024-12-01') })).toEqual([1, 1, 1, 1, 1]); // c1
    expect(counts(rows, { bucket: utc('2025-01-01') })).toEqual([2, 1, 1, 1, 0]); // c3 c5 | c3 | c3 | c3 | -
  });

  it('selects customers with a session passing a sessions filter, their first session and purchase within it', () => {
    // app sessions: s3 (c1), s5 (c2), s6 (c2), s9 (c4) -> customers c1, c2, c4.
    // first app session: c1 s3 01-01, c2 s5 12-29, c4 s9 01-06; first app purchase: c1 s3 01-01, c2 s6 01-05.
    const rows = runStats(funnelShop(), 'monthly_funnel_downloads', {}, and(isIn('dimension', ['app']))).rows;
    expect(counts(rows, { bucket: utc('2024-12-01') })).toEqual([2, 1, 1, 0, 1]); // c1 c2 | c1 | c2 | - | c1
    expect(counts(rows, { bucket: utc('2025-01-01') })).toEqual([1, 1, 2, 2, 1]); // c4 | c4 | c1 c4 | c1 c2 | c2
  });

  it('dates the steps by the period without picking sessions by it', () => {
    // [01-01, 01-06): c1's first session stays 12-28 (outside), not its first session inside the range (s3)
    const { rows, meta } = runStats(funnelShop(), 'monthly_funnel_downloads', {}, and(interval('session_start', utc('2025-01-01'), utc('2025-01-06'))));
    expect(meta.period).toEqual([utc('2025-01-01'), utc('2025-01-06')]);
    expect(rows.map((r) => r.bucket)).toEqual(Array(5).fill(utc('2025-01-01')));
    expect(counts(rows, {})).toEqual([2, 1, 1, 1, 1]); // c3 c4 | c3 | c3 | c2 | c2
  });

  it('buckets by the local day (Europe/Berlin)', () => {
    // c2 downloads 12-29 22:00Z = 23:00 Berlin (12-29), first session 23:30Z = 12-30 00:30 Berlin
    const rows = runStats(funnelShop({ time: { timeZone: 'Europe/Berlin' } }), 'daily_funnel_downloads').rows;
    expect(counts(rows, { bucket: Date.parse('2024-12-28T23:00:00Z') })).toEqual([1, 0, 0, 0, 0]);
    expect(counts(rows, { bucket: Date.parse('2024-12-29T23:00:00Z') })).toEqual([0, 0, 1, 0, 0]);
  });

  it('needs customers', () => {
    for (const name of ['daily_funnel_downloads', 'weekly_funnel_downloads', 'monthly_funnel_downloads', 'hourly_funnel_downloads', 'customer_funnel_cohort']) {
      expect(() => runStats(funnelShop({ customers: false }), name)).toThrow(MissingInputError);
    }
  });
});

describe('hourly_funnel_downloads', () => {
  it('averages each hour over the days of the period, days without events counting as 0', () => {
    // 11 days (12-27 .. 01-06). Hour 9 (UTC): signups c1 c3 c4 = 3, first sessions c3 c4 = 2, first purchase c2 = 1,
    // logins c1 c2 = 2, no download. Hour 8: c1's download.
    const { rows, meta } = runStats(funnelShop(), 'hourly_funnel_downloads');
    expect(meta).toMatchObject({ days: 11, steps: STEPS });
    expect(rows).toHaveLength(24 * 5);
    expect(rows.filter((r) => r.hour === 9).map((r) => [r.count, r.conversionFromPrevious, r.conversionFromFirst])).toEqual([
      [0, null, null], [3 / 11, null, null], [2 / 11, 2 / 3, null], [1 / 11, 1 / 2, null], [2 / 11, 2, null],
    ]);
    expect(counts(rows, { hour: 8 })).toEqual([1 / 11, 0, 0, 0, 0]);
    expect(counts(rows, { hour: 10 })).toEqual([0, 0, 1 / 11, 2 / 11, 0]); // c1 session; c1, c3 purchases
  });
});

describe('customer_funnel_cohort', () => {
  it('follows each weekly download cohort through the steps within 14 days, up to asOf', () => {
    // asOf = the last session, s8 01-06 10:00. c5 downloaded after it (left out).
    // W1 (12-23): c1 (all steps by 12-28), c2 (no signup; session 12-29, purchase and login 01-05) -> 2, 1, 2, 2, 2
    // W2 (12-30): c3 (signup, session, purchase at 01-06 10:00 = asOf counts), c4 (signup, session) -> 2, 2, 2, 1, 0
    const { rows, meta } = runStats(funnelShop(), 'customer_funnel_cohort');
    expect(meta).toEqual({
      unit: 'week', windowDays: 14, asOf: utc('2025-01-06T10:00'), period: [utc('2024-12-27'), utc('2025-01-07')], steps: STEPS,
      fields: ['customers.download_date', 'customers.signup_date', null, null, 'customers.first_login_date'],
    });
    expect(rows).toHaveLength(3 * 5);
    expect(rows[0]).toEqual({ cohort: '2024-12-23', bucket: utc('2024-12-23'), step: 'download', stepIndex: 0, count: 2, cohortSize: 2, conversionFromPrevious: 1, conversionFromFirst: 1, complete: false });
    expect(rows.filter((r) => r.cohort === '2024-12-23').map((r) => [r.count, r.conversionFromPrevious, r.conversionFromFirst])).toEqual([
      [2, 1, 1], [1, 0.5, 0.5], [2, 2, 1], [2, 1, 1], [2, 1, 1],
    ]);
    expect(counts(rows, { cohort: '2024-12-30' })).toEqual([2, 2, 2, 1, 0]);
    expect(counts(rows, { cohort: '2025-01-06' })).toEqual([0, 0, 0, 0, 0]);
    expect(rows.filter((r) => r.cohort === '2025-01-06').every((r) => r.conversionFromFirst === null && r.cohortSize === 0)).toBe(true);
  });

  it('counts a step only within the window, and marks closed windows complete', () => {
    // windowDays 1: c1 nothing within 24 h of 12-27 08:00 (signup 12-28 09:00 is 25 h later); c2 session 12-29 23:30 (1.5 h);
    // c3 nothing by 01-02 12:00; c4 (window to 01-06 18:00, capped at asOf 10:00) signup 09:00, session 09:10.
    // complete: W1 ends 12-30, + 1 day = 12-31 <= asOf; W2 ends 01-06, + 1 day > asOf.
    const rows = runStats(funnelShop(), 'customer_funnel_cohort', { windowDays: 1 }).rows;
    expect(counts(rows, { cohort: '2024-12-23' })).toEqual([2, 0, 1, 0, 0]);
    expect(counts(rows, { cohort: '2024-12-30' })).toEqual([2, 1, 1, 0, 0]);
    expect(rows.filter((r) => r.stepIndex === 0).map((r) => r.complete)).toEqual([true, false, false]);
  });

  it('takes monthly cohorts and an ISO-date asOf (local midnight)', () => {
    // asOf 2025-01-31: every step so far is inside the windows (c1 to 01-10, c2 to 01-12, c3 to 01-15, c4 to 01-19).
    // Dec: c1, c2 -> 2, 1, 2, 2, 2. Jan: c3, c4, c5 -> 3 | c3 c4 | c3 c4 | c3 | - ; Dec complete (01-01 + 14 d = 01-15 <= 01-31).
    const { rows, meta } = runStats(funnelShop(), 'customer_funnel_cohort', { bucket: 'month', asOf: '2025-01-31' });
    expect(meta.asOf).toBe(utc('2025-01-31'));
    expect(counts(rows, { cohort: '2024-12-01' })).toEqual([2, 1, 2, 2, 2]);
    expect(counts(rows, { cohort: '2025-01-01' })).toEqual([3, 2, 2, 1, 0]);
    expect(rows.filter((r) => r.stepIndex === 0).map((r) => [r.cohort, r.complete])).toEqual([['2024-12-01', true], ['2025-01-01', false]]);
  });

  it('ignores steps after asOf', () => {
    // asOf 2025-01-06 00:00: c3's purchase (01-06 10:00) and c4's signup and session (01-06 09:xx) have not happened
    const rows = runStats(funnelShop(), 'customer_funnel_cohort', { asOf: '2025-01-06' }).rows;
    expect(counts(rows, { cohort: '2024-12-23' })).toEqual([2, 1, 2, 2, 2]);
    expect(counts(rows, { cohort: '2024-12-30' })).toEqual([2, 1, 1, 0, 0]);
  });

  it('selects cohorts by the filter and validates params', () => {
    // gender m: c2 (W1), c4 (W2)
    const rows = runStats(funnelShop(), 'customer_funnel_cohort', {}, and(isIn('gender', ['m']))).rows;
    expect(counts(rows, { cohort: '2024-12-23' })).toEqual([1, 0, 1, 1, 1]);
    expect(counts(rows, { cohort: '2024-12-30' })).toEqual([1, 1, 1, 0, 0]);
    expect(() => runStats(funnelShop(), 'customer_funnel_cohort', { windowDays: -1 })).toThrow(/params.windowDays/);
    expect(() => runStats(funnelShop(), 'customer_funnel_cohort', { asOf: 'yesterday' })).toThrow(/params.asOf/);
    expect(() => runStats(funnelShop(), 'customer_funnel_cohort', { bucket: 'year' })).toThrow(/params.bucket/);
  });
});

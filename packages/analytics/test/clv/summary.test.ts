import { describe, expect, it } from 'vitest';
import { customerSummary, datasetCustomerSummary } from '../../src/models/clv/index.js';
import { buildDataset } from '../helpers.js';

const ORDERS = [
  // A: 3 Jan (two purchases, one transaction worth 30), 10 Jan, 24 Jan; holdout: 1 Feb twice, 5 Feb
  { client: 'A', at: '2024-01-03T09:00:00Z', amount: 10 },
  { client: 'A', at: '2024-01-03T18:00:00Z', amount: 20 },
  { client: 'A', at: '2024-01-10T12:00:00Z', amount: 40 },
  { client: 'A', at: '2024-01-24T12:00:00Z', amount: 50 },
  { client: 'A', at: '2024-02-01T08:00:00Z', amount: 5 },
  { client: 'A', at: '2024-02-01T20:00:00Z', amount: 5 },
  { client: 'A', at: '2024-02-05T08:00:00Z', amount: 7 },
  // B: one purchase on 31 Jan (the calibration end day counts), nothing after
  { client: 'B', at: '2024-01-31T23:30:00Z', amount: 99 },
  // C: first purchase in the holdout: not a calibration customer
  { client: 'C', at: '2024-02-02T10:00:00Z', amount: 15 },
  // D: listed out of order: 17 Jan then 3 Jan; after the holdout end: 1 Mar
  { client: 'D', at: '2024-01-17T10:00:00Z', amount: 8 },
  { client: 'D', at: '2024-01-03T10:00:00Z', amount: 12 },
  { client: 'D', at: '2024-03-01T10:00:00Z', amount: 100 },
];

describe('customerSummary', () => {
  it('merges same-day purchases, counts repeats, measures t_x and T in weeks, averages repeat values', () => {
    const rows = customerSummary(ORDERS, { unit: 'week', calibrationEnd: '2024-01-31', holdoutEnd: '2024-02-29' });
    expect(rows).toEqual([
      // A: transactions 3, 10, 24 Jan → x = 2; t_x = (24 − 3)/7 = 3; T = (31 − 3)/7 = 4;
      // repeat values 40, 50 → monetary 45; holdout: 1 Feb (merged) and 5 Feb → 2, worth 17
      { client: 'A', x: 2, t_x: 3, T: 4, monetary: 45, xHoldout: 2, holdoutValue: 17 },
      // B: x = 0, T = 0 (first purchase on the last calibration day), monetary 0
      { client: 'B', x: 0, t_x: 0, T: 0, monetary: 0, xHoldout: 0, holdoutValue: 0 },
      // D: 3 and 17 Jan → x = 1, t_x = 2, T = 4; monetary = the repeat (17 Jan) = 8; 1 Mar is after the holdout
      { client: 'D', x: 1, t_x: 2, T: 4, monetary: 8, xHoldout: 0, holdoutValue: 0 },
    ]);
  });

  it('uses days as the unit, asOf as the end, and the last order when no end is given', () => {
    const days = customerSummary(ORDERS.slice(0, 4), { unit: 'day', asOf: '2024-01-31' });
    expect(days).toEqual([{ client: 'A', x: 2, t_x: 21, T: 28, monetary: 45 }]);
    const open = customerSummary(ORDERS.slice(0, 4), { unit: 'day' });
    expect(open[0].T).toBe(21); // ends on 24 Jan, the last order
  });

  it('merges by calendar day of the given time zone', () => {
    // 3 Jan 18:00 UTC is 4 Jan 03:00 in Tokyo: two transactions there, one in UTC
    const two = [
      { client: 'A', at: '2024-01-03T09:00:00Z', amount: 10 },
      { client: 'A', at: '2024-01-03T18:00:00Z', amount: 20 },
    ];
    expect(customerSummary(two, { unit: 'day', asOf: '2024-01-10' })[0].x).toBe(0);
    expect(customerSummary(two, { unit: 'day', asOf: '2024-01-10', timeZone: 'Asia/Tokyo' })[0]).toEqual({ client: 'A', x: 1, t_x: 1, T: 7, monetary: 20 });
  });

  it('rejects an unreadable instant with the field name', () => {
    expect(() => customerSummary([{ client: 'A', at: 'soon', amount: 1 }], { unit: 'day' })).toThrow(/orders\[0\]\.at/);
  });
});

describe('datasetCustomerSummary', () => {
  it('gives the same rows from a Dataset (sessions with a purchase, payment_amount, the dataset zone)', () => {
    const dataset = buildDataset({
      sessions: [
        ...ORDERS.map((o, i) => ({ id: `o${i}`, client: o.client, start: o.at, payment: o.amount })),
        // a session without a purchase does not count
        { id: 'v1', client: 'A', start: '2024-01-20T10:00:00Z', purchased: false, payment: 0 },
      ],
    });
    const rows = datasetCustomerSummary(dataset, { unit: 'week', calibrationEnd: '2024-01-31', holdoutEnd: '2024-02-29' });
    expect(rows).toEqual(customerSummary(ORDERS, { unit: 'week', calibrationEnd: '2024-01-31', holdoutEnd: '2024-02-29' }));
  });
});

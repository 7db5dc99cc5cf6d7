import { describe, expect, it } from 'vitest';
import { accuracyOf, bgNbdConditionalExpected, calibrationHoldoutSplit, holdoutAccuracy } from '../../src/models/clv/index.js';

describe('accuracyOf', () => {
  it('MAE, RMSE, correlation and totals of hand-made pairs', () => {
    // errors: 0.5, −1, 2, 0 → MAE = 3.5/4 = 0.875; RMSE = √((0.25 + 1 + 4 + 0)/4) = √1.3125
    const pairs = [
      { predicted: 1.5, actual: 1 },
      { predicted: 1, actual: 2 },
      { predicted: 5, actual: 3 },
      { predicted: 0, actual: 0 },
    ];
    const acc = accuracyOf(pairs, [0, 1, 8, 0]);
    expect(acc.predictedTotal).toBe(7.5);
    expect(acc.actualTotal).toBe(6);
    expect(acc.mae).toBeCloseTo(0.875, 14);
    expect(acc.rmse).toBeCloseTo(Math.sqrt(1.3125), 14);
    // means 1.875 and 1.5; deviations p: −0.375, −0.875, 3.125, −1.875; a: −0.5, 0.5, 1.5, −1.5
    // cov = 0.1875 − 0.4375 + 4.6875 + 2.8125 = 7.25; Σp² = 0.140625 + 0.765625 + 9.765625 + 3.515625 = 14.1875; Σa² = 5
    expect(acc.correlation).toBeCloseTo(7.25 / Math.sqrt(14.1875 * 5), 12);
    // by calibration frequency: x = 0 → two customers, mean predicted 0.75, actual 0.5; x = 8 lands in 7+
    expect(acc.byFrequency).toEqual([
      { x: 0, orMore: false, customers: 2, predicted: 0.75, actual: 0.5 },
      { x: 1, orMore: false, customers: 1, predicted: 1, actual: 2 },
      { x: 7, orMore: true, customers: 1, predicted: 5, actual: 3 },
    ]);
  });

  it('has no correlation when a side is constant', () => {
    expect(accuracyOf([{ predicted: 1, actual: 1 }, { predicted: 2, actual: 1 }], [0, 0]).correlation).toBeNull();
  });
});

describe('calibrationHoldoutSplit + holdoutAccuracy', () => {
  it('predicts each calibration customer over the holdout length', () => {
    const orders = [
      { client: 'A', at: '2024-01-01', amount: 1 },
      { client: 'A', at: '2024-01-15', amount: 1 },
      { client: 'A', at: '2024-02-10', amount: 1 },
      { client: 'B', at: '2024-01-20', amount: 1 },
      { client: 'C', at: '2024-02-05', amount: 1 }, // first buys in the holdout: left out
    ];
    const split = calibrationHoldoutSplit(orders, { unit: 'week', calibrationEnd: '2024-01-28', holdoutEnd: '2024-02-25' });
    expect(split.holdoutLength).toBe(4); // 28 days
    expect(split.rows.map((r) => [r.client, r.x, r.xHoldout])).toEqual([
      ['A', 1, 1],
      ['B', 0, 0],
    ]);
    const params = { r: 0.5, alpha: 4, a: 0.8, b: 2.5 };
    const acc = holdoutAccuracy(params, split.rows, split.holdoutLength);
    const pa = bgNbdConditionalExpected(params, { x: 1, t_x: 2, T: 27 / 7 }, 4);
    const pb = bgNbdConditionalExpected(params, { x: 0, t_x: 0, T: 8 / 7 }, 4);
    expect(acc.perCustomer[0].predicted).toBeCloseTo(pa, 14);
    expect(acc.predictedTotal).toBeCloseTo(pa + pb, 14);
    expect(acc.actualTotal).toBe(1);
    expect(acc.mae).toBeCloseTo((Math.abs(pa - 1) + pb) / 2, 14);
  });

  it('needs a holdout after the calibration and rows with xHoldout', () => {
    expect(() => calibrationHoldoutSplit([], { unit: 'day', calibrationEnd: '2024-02-01', holdoutEnd: '2024-01-01' })).toThrow(/after calibrationEnd/);
    expect(() => holdoutAccuracy({ r: 1, alpha: 1, a: 1, b: 1 }, [{ x: 0, t_x: 0, T: 1 }], 1)).toThrow(/xHoldout/);
  });
});

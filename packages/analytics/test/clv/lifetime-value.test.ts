import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, DAYS_PER_MONTH, predictCustomer } from '../../src/models/clv/index.js';

/**
 * With r = 1, a = 2, b = 1 the BG/NBD expectations have a closed form through
 * 2F1(1, 1; 2; z) = −ln(1−z)/z: for a new customer (x = 0, T = 0)
 * E[Y(t)] = (a+b−1)/(a−1) · [1 − (1−z) · (−ln(1−z))/z] = 2 · [1 + (1−z) ln(1−z)/z], z = t/(α+t).
 */
const BG = { r: 1, alpha: 10, a: 2, b: 1 };
const GG = { p: 2, q: 3, gamma: 10 }; // x = 0: E[M] = pγ/(q−1) = 10
const expectedOrders = (t: number) => {
  const z = t / (BG.alpha + t);
  return 2 * (1 + ((1 - z) * Math.log(1 - z)) / z);
};

describe('customerLifetimeValue', () => {
  it('discounts each month of expected orders: two months in days at 1 %', () => {
    const m = DAYS_PER_MONTH; // 30.4375 days
    const e1 = expectedOrders(m);
    const e2 = expectedOrders(2 * m);
    // CLV = E[M] · (E1/1.01 + (E2 − E1)/1.01²)
    const clv = customerLifetimeValue({ bgnbd: BG, gammaGamma: GG }, { x: 0, t_x: 0, T: 0, monetary: 0 }, { unit: 'day', horizonMonths: 2 });
    expect(clv).toBeCloseTo(10 * (e1 / 1.01 + (e2 - e1) / 1.01 ** 2), 10);
  });

  it('weeks and days agree once α is in the same unit; a partial last month is discounted by its fraction', () => {
    const customer = { x: 0, t_x: 0, T: 0, monetary: 0 };
    const weekly = predictCustomer({ bgnbd: { ...BG, alpha: 10 / 7 }, gammaGamma: GG }, customer, { unit: 'week', horizonDays: 45 });
    const daily = predictCustomer({ bgnbd: BG, gammaGamma: GG }, customer, { unit: 'day', horizonDays: 45 });
    expect(weekly.clv).toBeCloseTo(daily.clv, 10);
    const h = 45 / DAYS_PER_MONTH; // 1.478 months
    const e1 = expectedOrders(DAYS_PER_MONTH);
    const e2 = expectedOrders(45);
    expect(daily.clv).toBeCloseTo(10 * (e1 / 1.01 + (e2 - e1) / Math.pow(1.01, h)), 10);
    expect(daily.expectedOrders).toBeCloseTo(e2, 10);
    expect(daily.expectedValue).toBe(10);
    expect(daily.pAlive).toBe(1);
    expect(daily.churnProbability).toBe(0);
  });

  it('without discounting is E[M] · E[Y(h)], and churn probability is 1 − P(alive)', () => {
    const customer = { x: 3, t_x: 20, T: 90, monetary: 25 };
    const p = predictCustomer({ bgnbd: BG, gammaGamma: GG }, customer, { unit: 'day', monthlyDiscountRate: 0 });
    expect(p.clv).toBeCloseTo(p.expectedOrders * p.expectedValue, 10);
    // E[M] = p(γ + m x)/(px + q − 1) = 2 (10 + 75) / (6 + 2) = 21.25
    expect(p.expectedValue).toBeCloseTo(21.25, 12);
    // P(alive) = 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1/(1 + (2/3)·(100/30)^4)
    expect(p.pAlive).toBeCloseTo(1 / (1 + (2 / 3) * Math.pow(100 / 30, 4)), 12);
    expect(p.churnProbability).toBeCloseTo(1 - p.pAlive, 14);
  });

  it('refuses a horizon that is not positive', () => {
    expect(() => customerLifetimeValue({ bgnbd: BG, gammaGamma: GG }, { x: 0, t_x: 0, T: 0, monetary: 0 }, { unit: 'day', horizonMonths: 0 })).toThrow(RangeError);
  });
});

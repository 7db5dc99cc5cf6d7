import { describe, expect, it } from 'vitest';
import { trainSequenceModel, transactionHistories, type TransactionHistory } from '../../src/models/clv/index.js';
import { rng } from './simulate.js';

describe('transactionHistories', () => {
  it('merges same-day purchases and measures times from the earliest first transaction', () => {
    const data = transactionHistories(
      [
        { client: 'A', at: '2024-01-08T09:00:00Z', amount: 10 },
        { client: 'A', at: '2024-01-08T19:00:00Z', amount: 5 },
        { client: 'B', at: '2024-01-01T09:00:00Z', amount: 7 },
        { client: 'A', at: '2024-01-22T09:00:00Z', amount: 20 },
        { client: 'A', at: '2024-02-05T09:00:00Z', amount: 30 }, // after the calibration end
      ],
      { unit: 'week', calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-26' },
    );
    // origin 1 Jan (B's purchase); A: 8 Jan (15) = week 1, 22 Jan (20) = week 3; end 29 Jan = week 4
    expect(data.histories).toEqual([
      { times: [1, 3], amounts: [15, 20] },
      { times: [0], amounts: [7] },
    ]);
    expect(data.end).toBe(4);
    expect(data.holdoutLength).toBe(4);
    expect(Array.from(data.summary.xHoldout!)).toEqual([1, 0]);
  });
});

describe('trainSequenceModel', () => {
  // 160 customers over 30 weeks: half buy about weekly, half about every ten weeks (Poisson).
  const u = rng(5);
  const histories: TransactionHistory[] = Array.from({ length: 160 }, (_, i) => {
    const rate = i % 2 === 0 ? 1 : 0.1;
    const times: number[] = [];
    for (let t = u() * 3; t < 30; t += -Math.log(1 - u()) / rate) times.push(Math.round(t * 7) / 7);
    return { times, amounts: times.map(() => 10 + 20 * u()) };
  });

  it('learns that frequent buyers buy more, deterministically, and predicts 0 without history', async () => {
    const train = () => trainSequenceModel(histories, { end: 20, epochs: 12, batchSize: 64 });
    const model = await train();
    const predicted = model.predict(histories, 20, 10);
    let fast = 0;
    let slow = 0;
    predicted.forEach((p, i) => (i % 2 === 0 ? (fast += p) : (slow += p)));
    // weekly buyers make about 10 purchases in 10 weeks, the others about 1
    expect(fast / 80).toBeGreaterThan(3 * (slow / 80));
    expect(model.examples).toBeGreaterThan(400); // three cut-offs × the customers active by each
    expect(model.losses).toHaveLength(12);
    expect(model.predict([{ times: [25], amounts: [10] }], 20, 10)[0]).toBe(0); // first purchase after the cut-off
    const again = await train();
    expect(Array.from(again.predict(histories.slice(0, 5), 20, 10))).toEqual(Array.from(model.predict(histories.slice(0, 5), 20, 10)));
    model.dispose();
    again.dispose();
  }, 300_000);

  it('refuses cut-offs outside the calibration period', async () => {
    await expect(trainSequenceModel(histories, { end: 20, cutoffs: [25] })).rejects.toThrow(/cut-offs must lie in/);
  });
});

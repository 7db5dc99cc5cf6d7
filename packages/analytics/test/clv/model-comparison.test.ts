import { describe, expect, it } from 'vitest';
import { AS_OF, clvFixture, DAY, run } from './fixtures.js';

describe('clv_model_comparison', () => {
  it('scores BG/NBD and the sequence model on the same holdout, with actual transactions counted by hand', async () => {
    const { dataset, sessions } = clvFixture();
    const progress: string[] = [];
    const result = await run(dataset, 'clv_model_comparison', { holdoutDays: 30, epochs: 3 }, undefined, { onProgress: (p) => progress.push(p.message ?? '') });
    // independent count: calibration ends 30 days before the as-of day; customers who bought by
    // then; their distinct purchase days in the 30 days after
    const endDay = Math.floor(AS_OF / DAY) - 30;
    const days = new Map<string, Set<number>>();
    for (const s of sessions) {
      if (s.purchased === false) continue;
      const set = days.get(s.client) ?? new Set<number>();
      set.add(Math.floor(Date.parse(s.start) / DAY));
      days.set(s.client, set);
    }
    let customers = 0;
    let actual = 0;
    for (const set of days.values()) {
      if (Math.min(...set) > endDay) continue;
      customers++;
      actual += [...set].filter((d) => d > endDay && d <= endDay + 30).length;
    }
    expect(result.rows.map((r) => r.model)).toEqual(['bg-nbd', 'neural']);
    for (const row of result.rows) {
      expect(row.customers).toBe(customers);
      expect(row.actualTotal).toBe(actual);
      expect(row.predictedTotal as number).toBeGreaterThan(0);
      expect(row.rmse as number).toBeGreaterThanOrEqual(row.mae as number);
    }
    expect(result.meta).toMatchObject({ holdoutDays: 30, epochs: 3, calibrationEnd: new Date(endDay * DAY).toISOString().slice(0, 10) });
    expect(progress.some((m) => m.startsWith('Training the sequence model: epoch 3 / 3'))).toBe(true);
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import { quickStart } from '../examples/quick-start.js';

describe('README quick start', () => {
  it('runs and prints the hand-checked numbers', async () => {
    const lines: string[] = [];
    await quickStart((line) => lines.push(line));
    // orders s1 s3 s4 s5; revenue 100 + 50 + 80 + 120
    expect(lines).toContain('orders: 4');
    expect(lines).toContain('revenue: 350');
    // local (Berlin) 03-02..03-05: s3 (boots) and s5 (running, boots); the 4 days before: s1 (running)
    expect(lines).toContain('shoe orders 03-02..03-05: 2 (previous 4 days: 1)');
    // local days start at 23:00Z (UTC+1)
    expect(lines).toContain('2024-02-29T23:00:00.000Z orders 1 revenue 100');
    // line revenue: A 30×2 + 30×2 = 120, B 40 + 80 = 120; tie by name
    expect(lines).toContain('top product A: revenue 120, 2 orders');
    expect(lines).toContain('app: 2 orders, revenue 200, AOV 100');
  });
});

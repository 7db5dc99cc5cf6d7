import { expect, it } from 'vitest';
import { rfmExample } from '../../src/analyses/rfm/node-example.js';

it('runs the README example and prints the hand-worked values', async () => {
  const lines: string[] = [];
  await rfmExample((line) => lines.push(line));
  // The order log is the shop of fixtures.ts (without f's visit); as of 2024-04-01 the values and
  // scores are those worked out there.
  expect(lines.slice(0, 5)).toEqual([
    'a: R 0.5 days, F 4, M 400 -> 554 Champions',
    'b: R 11.5 days, F 1, M 50 -> 311 About to Sleep',
    'c: R 71.5 days, F 2, M 60 -> 222 Hibernating',
    'd: R 304.5 days, F 1, M 500 -> 115 At Risk',
    'e: R 1.5 days, F 3, M 120 -> 443 Loyal Customers',
  ]);
  // Quintiles as of the last order (a's, 03-31 12:00): recency a 0, e 1, b 11, c 71, d 304 ->
  // the same R as above; F and M as in rfm.test.ts: a 554, e 443, b 321, c 232, d 125.
  expect(lines[5]).toBe('Champions 1, Loyal Customers 1, About to Sleep 1, At Risk 1, Hibernating 1');
  expect(lines[6]).toBe('Champions: 4 orders, 400 revenue');
  // {1, 2, 3} {20, 21} {50}: centroids 2, 20.5, 50.
  expect(lines[7]).toBe('k-means centroids 2 20.5 50, labels 000112');
  expect(lines[8]).toBe("R5 F5 M4 is Champions; R1 F5 M5 is Can't Lose Them");
});

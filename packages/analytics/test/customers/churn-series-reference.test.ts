import { describe, expect, it } from 'vitest';
import { interval, isIn, type Predicate } from '@clvkit/core';
import { buildDataset } from '../helpers.js';
import { report } from './fixtures.js';
import { mulberry32 as random } from '../../src/random.js';

/**
 * churn_weekly / churn_monthly against a direct reading of their definition on a random shop:
 * per boundary B, every customer's orders before B, the average gap of the repeat buyers, and
 * who is engaged; then per bucket who was engaged at its start and is not at its end. The
 * analysis walks each customer's orders once across all boundaries and stops early for
 * customers who can no longer be engaged; the numbers must not change.
 */


const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function randomShop(seed: number) {
  const next = random(seed);
  const sessions = [];
  for (let c = 0; c < 60; c++) {
    // Some customers buy often, some twice, some once, some stop early.
    const orders = Math.floor(next() ** 2 * 12);
    const from = next() * 300;
    const span = next() * 200;
    for (let k = 0; k < orders; k++) {
      const t = START + Math.floor((from + next() * span) * DAY);
      sessions.push({ id: `o${sessions.length}`, client: `c${c}`, start: new Date(t).toISOString(), payment: 10, dimension: next() < 0.6 ? 'web' : 'app' });
    }
  }
  sessions.push({ id: 'last', client: 'visitor', start: new Date(START + 400 * DAY).toISOString(), purchased: false });
  return { dataset: buildDataset({ sessions }), sessions };
}

interface Order {
  client: string;
  t: number;
}

/** The rows of churn_weekly / churn_monthly by the definition, for buckets starting at `starts` (plus the end). */
function reference(orders: Order[], bounds: number[]) {
  const clients = [...new Set(orders.map((o) => o.client))];
  const byClient = new Map(clients.map((c) => [c, orders.filter((o) => o.client === c).map((o) => o.t).sort((a, b) => a - b)]));
  // The analysis adds the gaps in client-code order (first-seen order of the sessions).
  const at = (b: number) => {
    let gapSum = 0;
    let repeat = 0;
    const lastBefore = new Map<string, number>();
    for (const c of clients) {
      const before = byClient.get(c)!.filter((t) => t < b);
      if (before.length === 0) continue;
      lastBefore.set(c, before[before.length - 1]);
      if (before.length < 2) continue;
      gapSum += (before[before.length - 1] - before[0]) / (before.length - 1) / DAY;
      repeat++;
    }
    const avgGap = repeat > 0 ? gapSum / repeat : Number.NaN;
    const engaged = new Set([...lastBefore].filter(([, last]) => (b - last) / DAY <= avgGap).map(([c]) => c));
    return { avgGap, engaged };
  };
  const states = bounds.map(at);
  return bounds.slice(0, -1).map((bucket, j) => {
    const startSet = states[j].engaged;
    const endSet = states[j + 1].engaged;
    const lost = [...startSet].filter((c) => !endSet.has(c)).length;
    return {
      bucket,
      engagedAtStart: startSet.size,
      lost,
      churn: startSet.size > 0 ? lost / startSet.size : null,
      engaged: endSet.size,
      avgGapDays: Number.isNaN(states[j + 1].avgGap) ? null : states[j + 1].avgGap,
    };
  });
}

describe('churn series against the definition', () => {
  for (const [name, unit] of [['churn_weekly', 'week'], ['churn_monthly', 'month']] as const) {
    for (const [label, predicates] of [
      ['all data', []],
      ['web orders', [isIn('dimension', ['web'])]],
      ['a period', [interval('session_start', START + 100 * DAY, START + 250 * DAY)]],
    ] as [string, Predicate[]][]) {
      it(`${name}, ${label}`, () => {
        const { dataset, sessions } = randomShop(unit === 'week' ? 3 : 4);
        const { rows } = report(dataset, name, {}, predicates);
        const period = predicates.find((p) => p.type === 'interval');
        const web = predicates.some((p) => p.type === 'in');
        const orders = sessions.filter((s) => s.purchased !== false && (!web || s.dimension === 'web')).map((s) => ({ client: s.client, t: Date.parse(s.start) }));
        // Boundaries: each row's bucket start (the first bucket is not clipped to the period), then
        // the end of the last bucket clipped to the period and the data.
        const lastTime = Math.max(...sessions.map((s) => Date.parse(s.start)));
        const dataEnd = Math.floor(lastTime / DAY) * DAY + DAY;
        const end = period && period.type === 'interval' ? Math.min(period.range[1], dataEnd) : dataEnd;
        const bounds = rows.map((r) => r.bucket as number);
        bounds.push(end);
        const expected = reference(orders, bounds).map((r, j) => ({ ...r, bucket: rows[j].bucket }));
        expect(rows.length).toBeGreaterThan(3);
        expect(rows).toEqual(expected);
      });
    }
  }

  it('counts a customer engaged again when the average gap grows past their silence', () => {
    // x is not engaged in mid-January (11+ days since the last order, average gap 7.5), then z's
    // 336-day gap lifts the average to 117 days on 31 January and x is engaged again.
    const sessions = [
      { id: 'z1', client: 'z', start: '2023-03-01T00:00:00Z', payment: 10 },
      { id: 'y1', client: 'y', start: '2024-01-01T00:00:00Z', payment: 10 },
      { id: 'x1', client: 'x', start: '2024-01-01T00:00:00Z', payment: 10 },
      { id: 'y2', client: 'y', start: '2024-01-06T00:00:00Z', payment: 10 },
      { id: 'x2', client: 'x', start: '2024-01-11T00:00:00Z', payment: 10 },
      { id: 'z2', client: 'z', start: '2024-01-31T00:00:00Z', payment: 10 },
      { id: 'end', client: 'v', start: '2024-03-01T00:00:00Z', purchased: false },
    ];
    const { rows } = report(buildDataset({ sessions }), 'churn_weekly');
    const orders = sessions.filter((s) => s.purchased !== false).map((s) => ({ client: s.client, t: Date.parse(s.start) }));
    const bounds = rows.map((r) => r.bucket as number);
    bounds.push(Date.parse('2024-03-02T00:00:00Z'));
    expect(rows).toEqual(reference(orders, bounds));
    // The week from 2024-01-29: x and y were not engaged at its start, all three are at its end.
    expect(rows.find((r) => r.bucket === Date.parse('2024-01-29T00:00:00Z'))).toMatchObject({ engaged: 3 });
  });
});

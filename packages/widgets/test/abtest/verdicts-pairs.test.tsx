// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { AbTestPairs } from '../../src/widgets/AbTestPairs.js';
import { AbTestVerdicts } from '../../src/widgets/AbTestVerdicts.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key } from '../helpers.js';
import { PROMOTION_AMOUNT } from './fixtures.js';

const verdicts = (extra: Record<string, unknown> = {}) => (engine: EngineLike, selection: Selection) => <AbTestVerdicts engine={engine} selection={selection} source="cards" locale="en-US" {...extra} />;
const pairs = (extra: Record<string, unknown> = {}) => (engine: EngineLike, selection: Selection) => <AbTestPairs engine={engine} selection={selection} source="pairs" width={400} height={300} locale="en-US" {...extra} />;
const card = (container: HTMLElement, subject: string) => container.querySelector(`.clv-ab-card[data-subject="${subject}"]`) as HTMLElement;

describe('AbTestVerdicts', () => {
  test('a card per test: verdict, sentence and facts, in the report order, up to the limit', async () => {
    const { container, engine } = await mountChart(verdicts({ limit: 3 }), PROMOTION_AMOUNT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_usage_before_after_amount' });
    expect([...container.querySelectorAll('.clv-ab-card')].map((c) => [c.getAttribute('data-subject'), c.querySelector('.clv-ab-badge')!.textContent])).toEqual([
      ['BUNDLEUP', 'Increase'],
      ['XMAS25', 'No significant change'],
      ['THANKYOU', 'No significant change'],
    ]);
    const bundle = card(container, 'BUNDLEUP');
    expect(bundle.querySelector('.clv-ab-sentence')!.textContent).toBe('Customers who used BUNDLEUP spent 47% more per order in the 7 days after than in the 7 days before (95% CI 25% to 70%), p < 0.001.');
    expect(bundle.querySelector('.clv-ab-facts')!.textContent).toBe('Before $63.78 → after $93.51 · 95 customers · Wilcoxon signed-rank test · effect size 0.62 · 0% of resamples show no difference');
    expect(container.querySelector('.clv-status')!.textContent).toBe('Showing 3 of 4 tests.');
  });

  test('the subject button filters, Shift adds, Escape clears', async () => {
    const { container, selection } = await mountChart(verdicts(), PROMOTION_AMOUNT);
    const button = (s: string) => card(container, s).querySelector('button')!;
    await interact(() => click(button('THANKYOU')));
    expect(selection.clauseOf('cards')).toMatchObject({ predicate: isIn('promotion_id', ['THANKYOU']), label: 'Promotion: THANKYOU' });
    expect(button('THANKYOU').getAttribute('aria-pressed')).toBe('true');
    expect(card(container, 'BUNDLEUP').classList.contains('clv-dimmed')).toBe(true);
    await interact(() => click(button('BF25'), { shiftKey: true }));
    expect(selection.clauseOf('cards')?.predicate).toEqual(isIn('promotion_id', ['THANKYOU', 'BF25']));
    await interact(() => key(button('BF25'), 'Escape'));
    expect(selection.clauseOf('cards')).toBeUndefined();
  });

  stateTests('AbTestVerdicts', verdicts(), {
    emptyRows: [],
    emptyText: 'No tested promotions in the data',
    source: 'cards',
    ready: PROMOTION_AMOUNT,
    publish: async (container) => {
      await interact(() => click(card(container, 'BUNDLEUP').querySelector('button')!));
    },
  });
});

describe('AbTestPairs', () => {
  test("asks for the first row's pairs and draws each customer against the diagonal", async () => {
    const { container, engine } = await mountChart(pairs(), PROMOTION_AMOUNT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_usage_before_after_amount', params: { pairs: true } });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Before and after, per customer: BUNDLEUP');
    const dots = [...container.querySelectorAll('.clv-ab-pair')];
    expect(dots.map((d) => d.getAttribute('class'))).toEqual([
      'clv-ab-pair clv-ab-increase', // 50 → 80
      'clv-ab-pair clv-ab-increase', // 70 → 95
      'clv-ab-pair clv-ab-increase', // 40 → 60
      'clv-ab-pair clv-ab-decrease', // 90 → 75
      'clv-ab-pair clv-ab-flat', // 55 → 55
    ]);
    // one domain 0 .. 95 → nice 0 .. 100 on both axes: plot x 64 .. 384, y 256 .. 12
    const x = (v: number) => 64 + (v / 100) * 320;
    const y = (v: number) => 256 - (v / 100) * 244;
    expect(Number(dots[0].getAttribute('cx'))).toBeCloseTo(x(50), 9);
    expect(Number(dots[0].getAttribute('cy'))).toBeCloseTo(y(80), 9);
    const diagonal = container.querySelector('.clv-ab-diagonal')!;
    const ends = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(diagonal.getAttribute(a)));
    [x(0), y(0), x(100), y(100)].forEach((v, i) => expect(ends[i]).toBeCloseTo(v, 9));
    expect(container.querySelector('.clv-status')!.textContent).toBe('5 customers: 3 spent more per order 7 days after than 7 days before, 1 less, 1 the same. Dots above the dashed line rose.');
    expect(container.querySelector('svg.clv-ab-pairs')!.getAttribute('role')).toBe('img');
  });

  test('a given subject is asked for by name', async () => {
    const { engine } = await mountChart(pairs({ subject: 'THANKYOU', params: { windowDays: 14 } }), PROMOTION_AMOUNT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_usage_before_after_amount', params: { windowDays: 14, subject: 'THANKYOU' } });
  });

  test('no pairs: an explained empty state', async () => {
    const { container } = await mountChart(pairs(), { rows: PROMOTION_AMOUNT.rows, meta: { ...PROMOTION_AMOUNT.meta, pairs: [] } });
    expect(container.querySelector('.clv-empty-title')!.textContent).toBe('No customers with values on both sides in the data');
  });
});

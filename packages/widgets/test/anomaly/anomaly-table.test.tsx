// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { calendarFor, interval, isIn, orderGapRowPredicate, Selection, type QueryResult } from '@clvkit/core';
import { AnomalyTable } from '../../src/widgets/AnomalyTable.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { AUG7, COHORT_ANOMALY, DAY } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(result: QueryResult<unknown> = COHORT_ANOMALY, props: Record<string, unknown> = {}) {
  const engine = fakeEngine(() => result);
  const selection = new Selection();
  const r = renderInto(<AnomalyTable engine={engine} selection={selection} source="cohort-anomaly" timeZone="UTC" locale="en-US" {...props} />);
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container };
}

const keys = (container: HTMLElement) => [...container.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-key'));
const headers = (container: HTMLElement) => [...container.querySelectorAll('thead th')].map((th) => th.textContent);

describe('AnomalyTable', () => {
  test('queries dcohort_anomaly by default; columns: download day, within 0..6 days as shares, cohort size, value, expected, deviation, score with threshold, flag', async () => {
    const { engine, container } = await setup();
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'dcohort_anomaly' });
    expect(headers(container)).toEqual([
      'Download day', 'Same day', 'Within 1 day', 'Within 2 days', 'Within 3 days', 'Within 4 days', 'Within 5 days', 'Within 6 days', 'Customers', 'Ordered within 7 days', 'Expected', 'Deviation', 'Score (threshold 1.5) ▼', 'Flag',
    ]);
    const flagged = container.querySelector('tbody tr[data-key="2025-08-07"]')!;
    // Cumulative 2, 3, 4, 4, 5, 5, 6 of 40 = 5 %, 7.5 %, 10 %, 10 %, 12.5 %, 12.5 %, 15 %; value 6 / 40 = 15 %;
    // deviation (0.15 − 0.8) / 0.8 = −81.25 % -> −81.3 %.
    expect([...flagged.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'Thu, Aug 7, 2025', '5%', '7.5%', '10%', '10%', '12.5%', '12.5%', '15%', '40', '15%', '80%', '-81.3%', '3.1', 'Anomaly',
    ]);
    expect(flagged.getAttribute('data-anomaly')).toBe('true');
    expect(container.querySelector('.clv-anomaly-summary')!.textContent).toBe('1 of 3 cohorts flagged.');
  });

  test('sorted by score, highest first; headers sort both ways with aria-sort', async () => {
    const { container } = await setup();
    // Scores: Aug 6 0.4, Aug 7 3.1, Aug 8 0.7.
    expect(keys(container)).toEqual(['2025-08-07', '2025-08-08', '2025-08-06']);
    const score = container.querySelector('th button[data-sort="score"]')!;
    expect(score.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    await interact(() => click(score));
    expect(keys(container)).toEqual(['2025-08-06', '2025-08-08', '2025-08-07']);
    expect(score.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    // Same-day shares: .4, .05, .42 -> descending Aug 8, Aug 6, Aug 7.
    await interact(() => click(container.querySelector('th button[data-sort="feature:within_0"]')!));
    expect(keys(container)).toEqual(['2025-08-08', '2025-08-06', '2025-08-07']);
    expect(container.querySelector('caption')!.textContent).toBe('Download to first order: anomalous cohorts, 1–3 of 3 cohorts, sorted by Same day descending');
  });

  test('a cohort row filters its download day with core\'s cohort predicate; again and Escape clear', async () => {
    const { selection, container } = await setup();
    await interact(() => click(container.querySelector('tbody tr[data-key="2025-08-07"] .clv-row-select')!));
    const expected = orderGapRowPredicate(calendarFor({ timeZone: 'UTC', weekStart: 1 }), 'day', 0, '2025-08-07');
    expect(expected).toEqual(interval('customers.download_date', AUG7, AUG7 + DAY));
    expect(selection.clauseOf('cohort-anomaly')).toEqual({ source: 'cohort-anomaly', predicate: expected, value: '2025-08-07', label: 'Downloaded: Aug 7, 2025' });
    expect(container.querySelector('tbody tr[data-key="2025-08-07"] .clv-row-select')!.getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(container.querySelector('tbody tr[data-key="2025-08-07"] .clv-row-select')!));
    expect(selection.clauseOf('cohort-anomaly')).toBeUndefined();
    await interact(() => click(container.querySelector('tbody tr[data-key="2025-08-06"] td:nth-child(3)')!));
    expect(selection.clauseOf('cohort-anomaly')!.value).toBe('2025-08-06');
    await interact(() => key(container.querySelector('.clv-row-select')!, 'Escape'));
    expect(selection.clauseOf('cohort-anomaly')).toBeUndefined();
  });

  test('clvrfm_anomaly rows are customers: isIn(client), features as columns, text kept as text', async () => {
    const evil = '<script>window.__pwned = 1</script>';
    const result = {
      rows: [
        { key: 'c-1', value: 0.4, score: 0.2, anomaly: false, features: { recency: -3.5, frequency: 0.25, monetary: 12.5 } },
        { key: evil, value: 2.5, score: 5.5, anomaly: true, features: { recency: 40, frequency: -1.5, monetary: -80.25 } },
      ],
      meta: { threshold: 2 },
    };
    const { selection, container, engine } = await setup(result, { report: 'clvrfm_anomaly' });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'clvrfm_anomaly' });
    expect(headers(container)).toEqual(['Customer', 'Recency', 'Frequency', 'Monetary', 'Revenue in the window', 'Score (threshold 2) ▼', 'Flag']);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('tbody tr')!.querySelector('td')!.textContent).toBe(evil);
    // Non-integer features: decimals to two places; the window's revenue as money.
    expect([...container.querySelectorAll('tbody tr')[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual([evil, '40', '-1.5', '-80.25', '$2.50', '5.5', 'Anomaly']);
    await interact(() => click(container.querySelector('tbody tr .clv-row-select')!));
    expect(selection.clauseOf('cohort-anomaly')!.predicate).toEqual(isIn('client', [evil]));
    expect(selection.clauseOf('cohort-anomaly')!.label).toBe(`Customer: ${evil}`);
  });

  test('"Flagged only" hides the rows below the threshold; paging by pageSize', async () => {
    const { container } = await setup(COHORT_ANOMALY, { pageSize: 2 });
    expect(keys(container)).toEqual(['2025-08-07', '2025-08-08']);
    expect(container.querySelector('.clv-pager span')!.textContent).toBe('1–2 of 3 cohorts');
    await interact(() => click(container.querySelector('.clv-next')!));
    expect(keys(container)).toEqual(['2025-08-06']);
    const only = container.querySelector('.clv-anomaly-only input') as HTMLInputElement;
    await interact(() => {
      only.checked = true;
      only.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(keys(container)).toEqual(['2025-08-07']);
  });

  test('day rows (dorders_anomaly) filter the local day on session_start, with deviation and expected columns', async () => {
    const result = { rows: [{ key: '2025-08-07', day: AUG7, value: 12, expected: 80, deviationPercent: -85, score: 4.2, anomaly: true }], meta: { threshold: 1.3 } };
    const { selection, container } = await setup(result, { report: 'dorders_anomaly' });
    expect(headers(container)).toEqual(['Day', 'Orders', 'Expected', 'Deviation', 'Score (threshold 1.3) ▼', 'Flag']);
    expect([...container.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['Thu, Aug 7, 2025', '12', '80', '-85%', '4.2', 'Anomaly']);
    await interact(() => click(container.querySelector('.clv-row-select')!));
    expect(selection.clauseOf('cohort-anomaly')!.predicate).toEqual(interval('session_start', AUG7, AUG7 + DAY));
  });

  test('loading keeps the skeleton with the training progress', async () => {
    const engine = fakeEngine(() => 'pending');
    const r = renderInto(<AnomalyTable engine={engine} selection={new Selection()} source="t" />);
    cleanup.push(r.unmount);
    await settle();
    await interact(() => engine.last('t').onProgress!({ done: 7, total: 30, message: 'Training autoencoder' }));
    expect(r.container.querySelector('.clv-progress')!.textContent).toBe('Training autoencoder: 7 / 30');
    expect(r.container.querySelector('.clv-skeleton')).not.toBeNull();
  });
});

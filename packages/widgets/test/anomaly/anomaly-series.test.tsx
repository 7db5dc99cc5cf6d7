// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, Selection, type QueryResult } from '@clvkit/core';
import { AnomalySeries } from '../../src/widgets/AnomalySeries.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { AUG7, DAY, iso, JUL28, ordersAnomaly } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(result: QueryResult<unknown> = ordersAnomaly(), props: Record<string, unknown> = {}) {
  const engine = fakeEngine(() => result);
  const selection = new Selection();
  const r = renderInto(<AnomalySeries engine={engine} selection={selection} source="anomaly" width={400} height={200} timeZone="UTC" locale="en-US" {...props} />);
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container };
}

const flaggedItems = (container: HTMLElement) => [...container.querySelectorAll('.clv-anomaly-list li')].map((li) => li.getAttribute('data-key'));

describe('AnomalySeries', () => {
  test('queries dorders_anomaly by default, another report by name', async () => {
    const { engine } = await setup();
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'dorders_anomaly' });
    const other = await setup(ordersAnomaly(), { report: 'dfunnel_anomaly' });
    expect(other.engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'dfunnel_anomaly' });
  });

  test('marks exactly the flagged days and lists them with value, expectation, deviation, score and threshold', async () => {
    const { container } = await setup();
    const marks = [...container.querySelectorAll('.clv-anomaly-point')].map((g) => g.getAttribute('data-key'));
    expect(marks).toEqual(['2025-08-07', '2025-08-09']);
    expect(flaggedItems(container)).toEqual(['2025-08-07', '2025-08-09']);
    const items = [...container.querySelectorAll('.clv-anomaly-list button')].map((b) => b.textContent);
    // deviation (12 − 80) / 80 = −85 %, (130 − 80) / 80 = +62.5 %.
    expect(items).toEqual([
      'Thu, Aug 7, 2025. Orders: 12. Same weekday, previous 4 weeks: 80. Same-weekday deviation: -85%. Score: 4.2 (threshold 1.3). Flagged as an anomaly.',
      'Sat, Aug 9, 2025. Orders: 130. Same weekday, previous 4 weeks: 80. Same-weekday deviation: +62.5%. Score: 1.9 (threshold 1.3). Flagged as an anomaly.',
    ]);
    expect(container.querySelector('.clv-anomaly-list')!.getAttribute('aria-label')).toBe('Flagged days of daily orders: anomalies');
    expect(container.querySelector('.clv-anomaly-summary')!.textContent).toBe('2 of 14 days flagged (score above 1.3). Autoencoder: 20 epochs, final loss 0.0123.');
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('Daily orders: anomalies: 14 days from Mon, Jul 28, 2025 to Sun, Aug 10, 2025, 2 flagged');
  });

  test('flagged points sit on their day: x at the middle of the day band, y at the value', async () => {
    const { container } = await setup();
    // Width 400, plot 56..384 = 328 px for 14 days: 23.43 px a day. Aug 7 is day 10: middle
    // 56 + 10.5 × 328 / 14 = 302. y: domain 0..130 (a multiple of the tick step 10, so nice()
    // keeps it), range 172 (200 − 28) .. 12, so 12 orders sit at 172 − 12 / 130 × 160 = 157.23.
    const dot = container.querySelector('.clv-anomaly-point[data-key="2025-08-07"] .clv-anomaly-dot')!;
    expect(Number(dot.getAttribute('cx'))).toBeCloseTo(302, 6);
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(172 - (12 / 130) * 160, 6);
  });

  test('clicking a flagged point publishes the whole day on session_start; again clears', async () => {
    const { selection, container } = await setup();
    await interact(() => click(container.querySelector('.clv-anomaly-point[data-key="2025-08-07"] .clv-mark-hit')!));
    expect(selection.clauseOf('anomaly')).toEqual({
      source: 'anomaly',
      predicate: interval('session_start', AUG7, AUG7 + DAY),
      value: AUG7,
      label: 'Day: Aug 7, 2025',
    });
    expect(container.querySelector('.clv-anomaly-list li[data-key="2025-08-07"] button')!.getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(container.querySelector('.clv-anomaly-point[data-key="2025-08-07"] .clv-mark-hit')!));
    expect(selection.clauseOf('anomaly')).toBeUndefined();
  });

  test('in another zone the day is the local day (key read as a local date)', async () => {
    const { selection, container } = await setup(ordersAnomaly({ withDay: false }), { timeZone: 'America/New_York' });
    await interact(() => click(container.querySelector('.clv-anomaly-list li[data-key="2025-08-07"] button')!));
    // New York is UTC−4 in August: local midnight of Aug 7 is 04:00 UTC, the day ends 24 h later.
    const start = Date.UTC(2025, 7, 7, 4);
    expect(selection.clauseOf('anomaly')!.predicate).toEqual(interval('session_start', start, start + DAY));
  });

  test('field "" makes flagged days plain text; a custom field is used for the interval', async () => {
    const none = await setup(ordersAnomaly(), { field: '' });
    expect(none.container.querySelector('.clv-anomaly-list button')).toBeNull();
    expect(none.container.querySelector('.clv-anomaly-list li')!.textContent).toMatch(/^Thu, Aug 7, 2025\. Orders: 12/);
    const custom = await setup(ordersAnomaly(), { field: 'customers.download_date' });
    await interact(() => click(custom.container.querySelector('.clv-anomaly-list button')!));
    expect(custom.selection.clauseOf('anomaly')!.predicate).toEqual(interval('customers.download_date', AUG7, AUG7 + DAY));
  });

  test('keyboard: arrows read days aloud, Page Down jumps to the next flagged day, Enter filters, Escape clears', async () => {
    const { selection, container } = await setup();
    const svg = container.querySelector('svg.clv-anomaly-chart')!;
    const live = () => container.querySelector('[aria-live="polite"]')!.textContent;
    await interact(() => key(svg, 'ArrowRight'));
    expect(live()).toBe('Mon, Jul 28, 2025. Orders: 80. Same weekday, previous 4 weeks: 80. Same-weekday deviation: 0%. Score: 0.2 (threshold 1.3). Not flagged.');
    // Enter on a day that is not flagged publishes nothing.
    await interact(() => key(svg, 'Enter'));
    expect(selection.clauseOf('anomaly')).toBeUndefined();
    await interact(() => key(svg, 'PageDown'));
    expect(live()).toMatch(/^Thu, Aug 7, 2025\. .* Flagged as an anomaly\. Press Enter to filter by this day\.$/);
    await interact(() => key(svg, 'Enter'));
    expect(selection.clauseOf('anomaly')!.predicate).toEqual(interval('session_start', AUG7, AUG7 + DAY));
    await interact(() => key(svg, 'PageDown'));
    expect(live()).toMatch(/^Sat, Aug 9, 2025\./);
    await interact(() => key(svg, 'PageUp'));
    expect(live()).toMatch(/^Thu, Aug 7, 2025\./);
    await interact(() => key(svg, 'Escape'));
    expect(selection.clauseOf('anomaly')).toBeUndefined();
  });

  test('hovering a day shows its tooltip with score, threshold and deviation', async () => {
    const { container } = await setup();
    await interact(() => container.querySelector('.clv-anomaly-point[data-key="2025-08-09"]')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    await interact(() => container.querySelector('.clv-anomaly-point[data-key="2025-08-09"]')!.dispatchEvent(new MouseEvent('mouseenter')));
    const lines = [...container.querySelectorAll('.clv-tooltip text')].map((t) => t.textContent);
    expect(lines).toEqual(['Sat, Aug 9, 2025', 'Orders: 130', 'Same weekday, previous 4 weeks: 80', 'Same-weekday deviation: +62.5%', 'Score: 1.9 (threshold 1.3)', 'Flagged as an anomaly']);
  });

  test('no flagged day: says so, draws no marks', async () => {
    const calm = ordersAnomaly();
    const rows = calm.rows.map((r) => ({ ...r, anomaly: false }));
    const { container } = await setup({ rows, meta: calm.meta });
    expect(container.querySelector('.clv-anomaly-point')).toBeNull();
    expect(container.querySelector('.clv-anomaly-list')).toBeNull();
    expect(container.querySelector('.clv-anomaly-summary')!.textContent).toBe('No day of 14 flagged (score above 1.3). Autoencoder: 20 epochs, final loss 0.0123.');
  });

  test('rows without days (a client-keyed report) are an empty state', async () => {
    const { container } = await setup({ rows: [{ key: 'c1', value: 3, score: 2, anomaly: true }], meta: { threshold: 1 } });
    expect(container.querySelector('.clv-empty .clv-empty-title')!.textContent).toBe('No days in the data');
  });

  test('ratio values are shown as percent (dfunnel_anomaly)', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ key: iso(JUL28 + i * DAY), value: i === 2 ? 0.05 : 0.31, expected: 0.3, deviationPercent: null, score: i === 2 ? 5 : 0.1, anomaly: i === 2 }));
    const { container } = await setup({ rows, meta: { threshold: 1 } }, { report: 'dfunnel_anomaly' });
    expect(container.querySelector('.clv-anomaly-list button')!.textContent).toBe('Wed, Jul 30, 2025. Conversion: 5%. Expected: 30%. Score: 5 (threshold 1). Flagged as an anomaly.');
  });

  test('while the autoencoder trains, its progress is shown and announced; the result replaces it', async () => {
    const engine = fakeEngine(() => 'pending');
    const r = renderInto(<AnomalySeries engine={engine} selection={new Selection()} source="anomaly" width={400} timeZone="UTC" locale="en-US" />);
    cleanup.push(r.unmount);
    await settle();
    const call = engine.last('anomaly');
    expect(typeof call.onProgress).toBe('function');
    await interact(() => call.onProgress!({ done: 3, total: 20, message: 'Training autoencoder' }));
    const status = r.container.querySelector('.clv-progress[role="status"]')!;
    expect(status.textContent).toBe('Training autoencoder: 3 / 20');
    const bar = r.container.querySelector('progress')!;
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['3', '20']);
    await interact(() => call.resolve(ordersAnomaly()));
    await settle();
    expect(r.container.querySelector('.clv-progress')).toBeNull();
    expect(r.container.querySelectorAll('.clv-anomaly-point')).toHaveLength(2);
  });

  test('text from data stays text: a key with markup is not parsed', async () => {
    const evil = '<script>window.__pwned = 1</script>';
    const rows = [{ key: evil, day: AUG7, value: 1, expected: 2, score: 9, anomaly: true }];
    const { container } = await setup({ rows, meta: { threshold: 1 } }, { valueLabel: '<img src=x onerror=alert(1)>', field: '' });
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.querySelector('.clv-anomaly-list li')!.textContent).toContain('<img src=x onerror=alert(1)>: 1');
    expect(container.querySelector('.clv-anomaly-point')!.getAttribute('data-key')).toBe(evil);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { Selection, type AnalysisSpec } from '@clvkit/core';
import { ClvTimeline } from '../../src/widgets/ClvTimeline.js';
import { ClvDateCustomers } from '../../src/widgets/ClvDateCustomers.js';
import { ClvRates } from '../../src/widgets/ClvRates.js';
import { ClvDateScope } from '../../src/widgets/clv/ClvDateScope.js';
import { clvDateStore, createClvDateStore } from '../../src/widgets/clv/selected-date.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { clvAnswer, dailyClv, D0, DAY } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

/**
 * Geometry of the fixed 400 px timeline: plot from x = 60 to 400 - 16 = 384, five days on it,
 * 324 / 5 = 64.8 px a day; day i is centred at 60 + 64.8 (i + 0.5): 92.4, 157.2, 222, 286.8, 351.6.
 */
const WIDTH = 400;

async function setup(extra: Record<string, unknown> = {}) {
  const engine = fakeEngine(clvAnswer);
  const selection = new Selection();
  const store = createClvDateStore();
  const dates: (number | null)[] = [];
  const events: unknown[] = [];
  const r = renderInto(
    <div ref={(el) => el?.addEventListener('clv-date-select', (e) => events.push((e as CustomEvent).detail))}>
      <ClvDateScope store={store}>
        <ClvTimeline engine={engine} selection={selection} source="timeline" horizonDays={182} width={WIDTH} timeZone="UTC" locale="en-US" onDateChange={(d) => dates.push(d)} {...extra} />
        <ClvDateCustomers engine={engine} selection={selection} source="churners" group="churners" horizonDays={182} timeZone="UTC" locale="en-US" />
        <ClvRates engine={engine} selection={selection} source="rates" horizonDays={182} timeZone="UTC" locale="en-US" />
      </ClvDateScope>
    </div>,
  );
  cleanup.push(r.unmount);
  await settle();
  const svg = r.container.querySelector('svg.clv-clv-timeline') as SVGSVGElement;
  return { engine, selection, store, dates, events, container: r.container, svg };
}

/** The `date` param of the last newcomers_and_churners query of `source`. */
function dateParam(engine: ReturnType<typeof fakeEngine>, source: string): unknown {
  return (engine.last(source).spec as AnalysisSpec).params?.date;
}

describe('ClvTimeline', () => {
  test('queries daily_clv with the horizon and shows the actual and forecast totals', async () => {
    const { engine, container } = await setup();
    expect(engine.last('timeline').spec).toEqual({ kind: 'analysis', name: 'daily_clv', params: { horizonDays: 182 } });
    const figures = [...container.querySelectorAll('.clv-clv-timeline-widget .clv-figure')].map((f) => [f.querySelector('.clv-figure-label')!.textContent, f.querySelector('.clv-figure-value')!.textContent]);
    // Actual 100 + 50 + 0 = 150; forecast 40 + 35 = 75 over the two days after as-of (meta.horizonDays = 2).
    expect(figures).toEqual([
      ['Actual revenue', '$150.00'],
      ['Predicted, next 2 days', '$75.00'],
      ['As of', 'Jan 3, 2024'],
    ]);
    expect(container.querySelector('.clv-actual-line')!.getAttribute('d')).toMatch(/^M/);
    const predicted = container.querySelector('.clv-predicted-line')!;
    expect(predicted.getAttribute('stroke-dasharray')).toBe('6 4');
    // As of: 2024-01-03 18:00 = 2.75 days after the start: 60 + 2.75 * 64.8 = 238.2; the forecast band runs from there to 384.
    const band = container.querySelector('.clv-forecast-band')!;
    expect(Number(band.getAttribute('x'))).toBeCloseTo(238.2, 5);
    expect(Number(band.getAttribute('width'))).toBeCloseTo(384 - 238.2, 5);
    expect(Number(container.querySelector('.clv-asof-line')!.getAttribute('x1'))).toBeCloseTo(238.2, 5);
    expect(container.querySelector('svg.clv-clv-timeline')!.getAttribute('aria-label')).toBe(
      'CLV prediction timeline: actual and predicted revenue per day, Jan 1, 2024 to Jan 5, 2024, as of Jan 3, 2024',
    );
  });

  test('before a date is chosen the panels use the analysis default (no date param)', async () => {
    const { engine } = await setup();
    expect(engine.last('churners').spec).toEqual({ kind: 'analysis', name: 'newcomers_and_churners', params: { limit: 1000, horizonDays: 182 } });
    expect(dateParam(engine, 'rates')).toBeUndefined();
  });

  test('a click chooses the nearest day with orders: the store, the callback, the event and the panels follow', async () => {
    const { engine, svg, store, dates, events, container } = await setup();
    // x = 160 is inside day 1 (centre 157.2).
    await interact(() => click(svg, { clientX: 160, clientY: 100 }));
    await settle();
    expect(store.value).toBe(D0 + DAY);
    expect(dates).toEqual([D0 + DAY]);
    expect(events).toEqual([{ date: D0 + DAY, source: 'timeline' }]);
    expect(dateParam(engine, 'churners')).toBe(D0 + DAY);
    expect(dateParam(engine, 'rates')).toBe(D0 + DAY);
    expect(Number(container.querySelector('.clv-date-marker line')!.getAttribute('x1'))).toBeCloseTo(157.2, 5);
    expect(container.querySelector('.clv-clv-timeline-widget .clv-selection-bar span')!.textContent).toBe('Churn and newcomers as of Jan 2, 2024');

    // x = 300 is on forecast day 3: the nearest day that can be chosen is day 2.
    await interact(() => click(svg, { clientX: 300, clientY: 100 }));
    await settle();
    expect(store.value).toBe(D0 + 2 * DAY);
    expect(dateParam(engine, 'churners')).toBe(D0 + 2 * DAY);

    // A click in the left margin chooses nothing.
    await interact(() => click(svg, { clientX: 30, clientY: 100 }));
    expect(store.value).toBe(D0 + 2 * DAY);

    // Clear goes back to the default date.
    await interact(() => click(container.querySelector('.clv-clv-timeline-widget .clv-clear')!));
    await settle();
    expect(store.value).toBeNull();
    expect(dateParam(engine, 'churners')).toBeUndefined();
    expect(events).toEqual([
      { date: D0 + DAY, source: 'timeline' },
      { date: D0 + 2 * DAY, source: 'timeline' },
      { date: null, source: 'timeline' },
    ]);
  });

  test('keyboard: arrows move a cursor over the days with orders, Enter chooses, Escape clears', async () => {
    const { engine, svg, store, container } = await setup();
    svg.focus();
    // The first arrow shows the cursor on the last day that can be chosen (day 2), the next moves it.
    await interact(() => key(svg, 'ArrowLeft'));
    expect(container.querySelector('.clv-clv-timeline-widget [aria-live]')!.textContent).toBe('Jan 3, 2024, Actual: $0.00, Predicted: $55.00. Press Enter to choose this date.');
    await interact(() => key(svg, 'ArrowLeft'));
    expect(store.value).toBeNull();
    await interact(() => key(svg, 'Enter'));
    await settle();
    expect(store.value).toBe(D0 + DAY);
    expect(dateParam(engine, 'churners')).toBe(D0 + DAY);
    // Forecast days cannot be reached: End stops at day 2; Home goes to day 0.
    await interact(() => key(svg, 'End'));
    await interact(() => key(svg, 'ArrowRight'));
    await interact(() => key(svg, 'Enter'));
    expect(store.value).toBe(D0 + 2 * DAY);
    await interact(() => key(svg, 'Home'));
    await interact(() => key(svg, ' '));
    expect(store.value).toBe(D0);
    // Escape with a cursor only hides it; with none it clears the date.
    await interact(() => key(svg, 'ArrowRight'));
    await interact(() => key(svg, 'Escape'));
    expect(store.value).toBe(D0);
    await interact(() => key(svg, 'Escape'));
    await settle();
    expect(store.value).toBeNull();
    expect(dateParam(engine, 'churners')).toBeUndefined();
  });

  test('a date given as an option is drawn, wins over the store and has no Clear button', async () => {
    const { container, store } = await setup({ date: '2024-01-02' });
    expect(Number(container.querySelector('.clv-date-marker line')!.getAttribute('x1'))).toBeCloseTo(157.2, 5);
    expect(container.querySelector('.clv-clv-timeline-widget .clv-clear')).toBeNull();
    expect(store.value).toBeNull();
  });

  test('selectable=false: clicks choose nothing', async () => {
    const { svg, store } = await setup({ selectable: false });
    await interact(() => click(svg, { clientX: 160, clientY: 100 }));
    await interact(() => key(svg, 'ArrowLeft'));
    await interact(() => key(svg, 'Enter'));
    expect(store.value).toBeNull();
  });

  test('while the model fits the engine progress is shown, then the chart replaces it', async () => {
    const engine = fakeEngine(() => 'pending');
    const r = renderInto(<ClvTimeline engine={engine} selection={new Selection()} source="timeline" width={WIDTH} timeZone="UTC" locale="en-US" />);
    cleanup.push(r.unmount);
    await settle();
    const call = engine.last('timeline');
    await interact(() => call.onProgress!({ done: 3, total: 20, message: 'Fitting BG/NBD' }));
    expect(r.container.querySelector('.clv-progress[role="status"]')!.textContent).toBe('Fitting BG/NBD: 3 / 20');
    expect(r.container.querySelector('progress')!.getAttribute('value')).toBe('3');
    await interact(() => call.resolve(dailyClv()));
    await settle();
    expect(r.container.querySelector('.clv-progress')).toBeNull();
    expect(r.container.querySelector('.clv-actual-line')).not.toBeNull();
  });

  test('rows without values are an empty state', async () => {
    const engine = fakeEngine(() => ({ rows: [{ day: D0, actual: null, predicted: null }], meta: {} }));
    const r = renderInto(<ClvTimeline engine={engine} selection={new Selection()} source="timeline" width={WIDTH} timeZone="UTC" />);
    cleanup.push(r.unmount);
    await settle();
    expect(r.container.querySelector('.clv-empty-title')!.textContent).toBe("No days in the data");
  });

  test('without a scope, widgets on one selection share its date; the host sets it through clvDateStore', async () => {
    const engine = fakeEngine(clvAnswer);
    const shared = new Selection();
    const other = new Selection();
    const r = renderInto(
      <>
        <ClvTimeline engine={engine} selection={shared} source="timeline" width={WIDTH} timeZone="UTC" />
        <ClvDateCustomers engine={engine} selection={shared} source="churners" timeZone="UTC" />
        <ClvDateCustomers engine={engine} selection={other} source="elsewhere" timeZone="UTC" />
      </>,
    );
    cleanup.push(r.unmount);
    await settle();
    await interact(() => click(r.container.querySelector('svg.clv-clv-timeline')!, { clientX: 160, clientY: 100 }));
    await settle();
    expect(clvDateStore(shared).value).toBe(D0 + DAY);
    expect(dateParam(engine, 'churners')).toBe(D0 + DAY);
    // A panel on another selection keeps its own (default) date.
    expect(dateParam(engine, 'elsewhere')).toBeUndefined();
    await interact(() => clvDateStore(shared).set(D0));
    await settle();
    expect(dateParam(engine, 'churners')).toBe(D0);
    expect(Number(r.container.querySelector('.clv-date-marker line')!.getAttribute('x1'))).toBeCloseTo(92.4, 5);
  });

  test('a ClvDateScope gives the widgets inside it a date of their own', async () => {
    const { svg, store, selection, engine } = await setup();
    await interact(() => click(svg, { clientX: 160, clientY: 100 }));
    await settle();
    expect(store.value).toBe(D0 + DAY);
    expect(clvDateStore(selection).value).toBeNull();
    expect(dateParam(engine, 'churners')).toBe(D0 + DAY);
  });
});

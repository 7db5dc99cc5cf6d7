// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { Selection } from '@clvkit/core';
import { KpiCards, type ClvErrorDetail } from '../src/index.js';
import { click, fakeEngine, interact, renderInto, settle } from './helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('error boundary', () => {
  test('a render error stays inside the widget, shows what failed and dispatches clv-error', async () => {
    // A row whose metric is an object makes rendering throw (a data bug the widget must survive).
    let bad = true;
    const engine = fakeEngine(() => ({ rows: bad ? [{ metric: 'orders', value: { toString: null } }] : [{ metric: 'orders', value: 3, previous: 1, change: 200 }] }));
    const events: ClvErrorDetail[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    host.addEventListener('clv-error', (e) => events.push((e as CustomEvent<ClvErrorDetail>).detail));
    const windowErrors: unknown[] = [];
    const onWindowError = (e: Event) => windowErrors.push(e);
    window.addEventListener('error', onWindowError);
    const r = renderInto(<KpiCards engine={engine} selection={new Selection()} source="k" metrics={['orders']} />);
    host.append(r.container);
    cleanup.push(r.unmount, () => window.removeEventListener('error', onWindowError));
    await settle();
    const alert = r.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('This widget failed to display');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ widget: 'kpi-cards', source: 'k', phase: 'render' });
    expect(events[0].error).toBeInstanceOf(Error);
    expect(windowErrors).toHaveLength(0);
    // Retry renders again (and re-queries once the data is fine).
    bad = false;
    await interact(() => click(alert.querySelector('button')!));
    await settle();
    expect(r.container.querySelector('.clv-kpi-value')!.textContent).toBe('3');
  });

  test('query errors dispatch clv-error with phase "query"', async () => {
    const engine = fakeEngine(() => {
      throw new Error('boom');
    });
    const events: ClvErrorDetail[] = [];
    const r = renderInto(<KpiCards engine={engine} selection={new Selection()} source="k2" />);
    cleanup.push(r.unmount);
    r.container.addEventListener('clv-error', (e) => events.push((e as CustomEvent<ClvErrorDetail>).detail));
    await settle();
    expect(events.map((e) => [e.phase, e.error.message])).toEqual([['query', 'boom']]);
  });
});

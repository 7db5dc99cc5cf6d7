import type { ComponentChild } from 'preact';
import { afterEach, expect, test } from 'vitest';
import { interval, MissingInputError, Selection, type QueryResult, type QuerySpec } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { click, fakeEngine, interact, renderInto, settle, type FakeEngine } from './helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** Renders a widget with a fake engine answering `result` (or a function of the spec), lets it settle. */
export async function mountChart(
  render: (engine: EngineLike, selection: Selection) => ComponentChild,
  result: QueryResult<unknown> | ((spec: QuerySpec) => QueryResult<unknown> | 'pending'),
): Promise<{ engine: FakeEngine; selection: Selection; container: HTMLElement; rerender(vnode: ComponentChild): void }> {
  const engine = fakeEngine((spec) => (typeof result === 'function' ? result(spec) : result));
  const selection = new Selection();
  const r = renderInto(render(engine, selection));
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container, rerender: r.rerender };
}

/** The `in` values, interval range or `and` parts of `source`'s clause. */
export function clauseOf(selection: Selection, source: string) {
  return selection.clauseOf(source);
}

/**
 * The shared state tests of a query-backed chart: a skeleton while loading, an empty state
 * that says why, an error with a Retry that queries again, a missing input named, and its
 * own clause kept out of its own filter while another widget's clause is in it.
 */
export function stateTests(
  name: string,
  render: (engine: EngineLike, selection: Selection) => ComponentChild,
  options: { emptyRows: readonly unknown[]; emptyText: string; source: string; publish: (container: HTMLElement) => Promise<void> | void; ready: QueryResult<unknown> },
): void {
  test(`${name}: loading skeleton with a status message`, async () => {
    const { container } = await mountChart(render, () => 'pending');
    expect(container.querySelector('.clv-loading[aria-busy="true"]')).not.toBeNull();
    expect(container.querySelector('.clv-skeleton')).not.toBeNull();
    expect(container.querySelector('[role="status"]')!.textContent).toMatch(/^Loading /);
  });

  test(`${name}: empty result says why`, async () => {
    const { container } = await mountChart(render, { rows: options.emptyRows as unknown[] });
    expect(container.querySelector('.clv-empty .clv-empty-title')!.textContent).toBe(options.emptyText);
  });

  test(`${name}: an error shows the message, reports clv-error, and Retry queries again`, async () => {
    let fail = true;
    const errors: string[] = [];
    const { container, engine } = await mountChart(
      (engine, selection) => (
        <div
          ref={(el) => {
            el?.addEventListener('clv-error', (e) => errors.push((e as CustomEvent).detail.error.message));
          }}
        >
          {render(engine, selection)}
        </div>
      ),
      () => {
        if (fail) throw new Error('worker crashed');
        return options.ready;
      },
    );
    expect(container.querySelector('.clv-error[role="alert"] .clv-error-detail')!.textContent).toBe('worker crashed');
    expect(errors).toEqual(['worker crashed']);
    fail = false;
    await interact(() => click(container.querySelector('.clv-retry')!));
    await settle();
    expect(engine.calls).toHaveLength(2);
    expect(container.querySelector('.clv-error')).toBeNull();
  });

  test(`${name}: a missing input is named`, async () => {
    const { container } = await mountChart(render, () => {
      throw new MissingInputError(name, 'a customers table', 'import customers with the sessions');
    });
    expect(container.querySelector('.clv-empty-title')!.textContent).toBe('Needs a customers table');
  });

  test(`${name}: its own clause stays out of its own filter; another widget's is in it`, async () => {
    const { engine, selection, container } = await mountChart(render, options.ready);
    const calls = engine.calls.length;
    await options.publish(container);
    expect(selection.clauseOf(options.source)).toBeDefined();
    await settle();
    expect(engine.calls.length).toBe(calls);
    const period = interval('session_start', 0, 86_400_000);
    await interact(() => selection.update({ source: 'elsewhere', predicate: period }));
    await settle();
    expect(engine.calls.length).toBe(calls + 1);
    expect(engine.calls[engine.calls.length - 1].filter).toEqual({ mode: 'and', predicates: [period] });
  });
}

/**
 * Lets frames pass until `condition` holds (lazy imports such as the CSV writer or d3-brush
 * take a while, longer on a loaded machine); throws after `tries` frames and at least
 * `minMs` milliseconds, so a busy CI machine does not fail a correct test.
 */
export async function settleUntil(condition: () => boolean, tries = 100, minMs = 8000): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < tries || Date.now() - start < minMs; i++) {
    if (condition()) return;
    await settle(1);
  }
  throw new Error('condition not reached');
}

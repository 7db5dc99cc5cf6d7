// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { Selection, type QuerySpec } from '@clvkit/core';
import { SearchBox } from '../../src/widgets/SearchBox.js';
import type { SearchResult } from '../../src/widgets/search/search-results.js';
import { click, fakeEngine, interact, key, namedError, renderInto, settle } from '../helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** Results of the `search` contract `{ type, value, score }`, best first, written by hand. */
const SHOE_RESULTS = [
  { type: 'product', value: 'Shoes', score: 1 },
  { type: 'promotion', value: 'SHOEFEST', score: 0.8 },
  { type: 'product', value: 'Snow shoes', score: 0.6 },
  { type: 'client', value: 'shoemaker-17', score: 0.5 },
];

/** Lets `ms` of real time pass inside act() (the debounce timer fires, Preact re-renders). */
async function wait(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function setup(respond: (spec: QuerySpec) => unknown = () => ({ rows: SHOE_RESULTS }), props: Record<string, unknown> = {}) {
  const engine = fakeEngine((spec) => respond(spec) as never);
  const chosen: SearchResult[] = [];
  const events: unknown[] = [];
  const r = renderInto(
    <div ref={(el) => el?.addEventListener('clv-search-select', (e) => events.push((e as CustomEvent).detail))}>
      <SearchBox engine={engine} selection={new Selection()} source="search" debounce={0} locale="en-US" onChoose={(e) => chosen.push(e)} {...props} />
    </div>,
  );
  cleanup.push(r.unmount);
  await settle();
  const input = r.container.querySelector('input')!;
  return { engine, container: r.container, input, chosen, events };
}

/** Types `text` into the input (focused) and lets the debounced search answer. */
async function type(input: HTMLInputElement, text: string, pause = 20) {
  await interact(() => {
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await wait(pause);
  await settle();
}

const options = (container: HTMLElement) => [...container.querySelectorAll('[role="option"]')];

describe('SearchBox', () => {
  test('ARIA 1.2 combobox: input with role combobox controlling a listbox, collapsed at first', async () => {
    const { input, container } = await setup();
    const list = container.querySelector('[role="listbox"]')!;
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(list.hasAttribute('hidden')).toBe(true);
    // The input is labelled by a visible label.
    expect(container.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Search products, customers, promotions and dimensions');
  });

  test('typing searches the search analysis with query and limit; results grouped by type with scores', async () => {
    const { input, container, engine } = await setup();
    await type(input, 'shoe');
    expect(engine.calls.map((c) => c.spec)).toEqual([{ kind: 'analysis', name: 'search', params: { query: 'shoe', limit: 10 } }]);
    // Searching is not filtered by the dashboard.
    expect(engine.calls[0].filter).toBeUndefined();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const groups = [...container.querySelectorAll('[role="group"]')];
    // Groups in the order of their best result: products (1), promotions (0.8), customers (0.5).
    expect(groups.map((g) => g.getAttribute('data-type'))).toEqual(['product', 'promotion', 'client']);
    for (const group of groups) {
      expect(container.querySelector(`#${group.getAttribute('aria-labelledby')}`)!.textContent).toBe(group.querySelector('.clv-search-group-label')!.textContent);
    }
    expect(groups.map((g) => g.querySelector('.clv-search-group-label')!.textContent)).toEqual(['Products', 'Promotions', 'Customers']);
    expect(options(container).map((o) => [o.querySelector('.clv-search-value')!.textContent, o.querySelector('.clv-search-score')!.textContent])).toEqual([
      ['Shoes', '100%'],
      ['Snow shoes', '60%'],
      ['SHOEFEST', '80%'],
      ['shoemaker-17', '50%'],
    ]);
    expect(options(container)[0].getAttribute('aria-label')).toBe('Shoes, product, match 100%');
    expect(container.querySelector('[role="status"]')!.textContent).toBe('4 results. Use the up and down arrow keys to review, Enter to open one.');
  });

  test('arrow keys move aria-activedescendant through the options in display order and wrap; aria-selected follows', async () => {
    const { input, container } = await setup();
    await type(input, 'shoe');
    const activeValue = () => {
      const id = input.getAttribute('aria-activedescendant');
      return id ? container.querySelector(`#${CSS.escape(id)}`)!.getAttribute('data-value') : null;
    };
    expect(activeValue()).toBeNull();
    await interact(() => key(input, 'ArrowDown'));
    expect(activeValue()).toBe('Shoes');
    expect(options(container).map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false']);
    await interact(() => key(input, 'ArrowDown'));
    expect(activeValue()).toBe('Snow shoes');
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'ArrowDown'));
    expect(activeValue()).toBe('shoemaker-17');
    await interact(() => key(input, 'ArrowDown'));
    expect(activeValue()).toBe('Shoes');
    await interact(() => key(input, 'ArrowUp'));
    expect(activeValue()).toBe('shoemaker-17');
  });

  test('Enter chooses the active option: onChoose, clv-search-select, the value fills the input, the list closes', async () => {
    const { input, container, chosen, events, engine } = await setup();
    await type(input, 'shoe');
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'Enter'));
    expect(chosen).toEqual([{ type: 'product', value: 'Snow shoes', score: 0.6 }]);
    expect(events).toEqual([{ type: 'product', value: 'Snow shoes', score: 0.6, source: 'search' }]);
    expect(input.value).toBe('Snow shoes');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    await settle();
    // The chosen value is not searched again.
    expect(engine.calls).toHaveLength(1);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Showing product Snow shoes.');
  });

  test('Enter without an active option chooses nothing', async () => {
    const { input, chosen } = await setup();
    await type(input, 'shoe');
    await interact(() => key(input, 'Enter'));
    expect(chosen).toEqual([]);
  });

  test('Escape closes the list and keeps the text; a second Escape clears it; Down reopens', async () => {
    const { input } = await setup();
    await type(input, 'shoe');
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'Escape'));
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(input.value).toBe('shoe');
    await interact(() => key(input, 'ArrowDown'));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).not.toBeNull();
    await interact(() => key(input, 'Escape'));
    await interact(() => key(input, 'Escape'));
    expect(input.value).toBe('');
  });

  test('Alt+Down opens without choosing an option; Alt+Up closes', async () => {
    const { input } = await setup();
    await type(input, 'shoe');
    await interact(() => key(input, 'Escape'));
    await interact(() => key(input, 'ArrowDown', { altKey: true }));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    await interact(() => key(input, 'ArrowUp', { altKey: true }));
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  test('a click on an option chooses it; mousedown keeps the focus in the input', async () => {
    const { input, container, chosen } = await setup();
    await type(input, 'shoe');
    const option = options(container).find((o) => o.getAttribute('data-value') === 'SHOEFEST')!;
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    option.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    await interact(() => click(option));
    expect(chosen).toEqual([{ type: 'promotion', value: 'SHOEFEST', score: 0.8 }]);
  });

  test('debounced: quick typing asks once, for the last text; fewer than minLength characters ask nothing', async () => {
    const { input, engine, container } = await setup(() => ({ rows: SHOE_RESULTS }), { debounce: 60 });
    await interact(() => {
      input.focus();
      for (const text of ['s', 'sh', 'sho', 'shoe']) {
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Searching…');
    await wait(10);
    // 10 ms into the 60 ms debounce: not asked yet.
    expect(engine.calls).toHaveLength(0);
    await wait(150);
    await settle();
    expect(engine.calls.map((c) => (c.spec.kind === 'analysis' ? c.spec.params?.query : null))).toEqual(['shoe']);
    await type(input, 's', 100);
    expect(engine.calls).toHaveLength(1);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Type at least 2 characters to search.');
  });

  test('a newer text aborts the request in flight; its late answer is dropped', async () => {
    const { input, engine, container } = await setup(() => 'pending');
    await type(input, 'sh');
    await type(input, 'shoe');
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[0].signal!.aborted).toBe(true);
    await interact(() => engine.calls[1].resolve({ rows: [{ type: 'product', value: 'Shoes', score: 1 }] }));
    await interact(() => engine.calls[0].resolve({ rows: [{ type: 'client', value: 'old', score: 1 }] }));
    await settle();
    expect(options(container).map((o) => o.getAttribute('data-value'))).toEqual(['Shoes']);
  });

  test('types and limit are passed on; no results and errors are announced', async () => {
    let fail = false;
    const { input, engine, container } = await setup(
      () => {
        if (fail) throw namedError('TypeError', 'Unknown analysis "search"');
        return { rows: [] };
      },
      { types: ['client'], limit: 5 },
    );
    await type(input, 'zz');
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'search', params: { query: 'zz', limit: 5, types: ['client'] } });
    expect(container.querySelector('[role="status"]')!.textContent).toBe('No results for “zz”.');
    fail = true;
    await type(input, 'zzz');
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Search failed: Unknown analysis "search"');
  });

  test('values from data stay text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { input, container } = await setup(() => ({ rows: [{ type: 'client', value: evil, score: 0.9 }, { type: 'hacker', value: 'x', score: 1 }] }));
    await type(input, 'img');
    expect(container.querySelector('img, script')).toBeNull();
    // Unknown types are dropped.
    expect(options(container)).toHaveLength(1);
    expect(options(container)[0].querySelector('.clv-search-value')!.textContent).toBe(evil);
    expect(options(container)[0].getAttribute('data-value')).toBe(evil);
  });
});

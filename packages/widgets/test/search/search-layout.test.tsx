// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection, type QuerySpec } from '@clvkit/core';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { SearchLayout } from '../../src/presets/search.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function respond(spec: QuerySpec) {
  if (spec.kind === 'analysis' && spec.name === 'search') return { rows: [{ type: 'promotion', value: 'BUNDLEUP', score: 1 }, { type: 'product', value: 'Bundle box', score: 0.4 }] };
  return { rows: [] };
}

describe('SearchLayout', () => {
  test('a hint first; choosing a result opens its entity view; Close returns to the hint', async () => {
    const engine = fakeEngine((spec) => respond(spec) as never);
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <SearchLayout />
      </Dashboard>,
    );
    cleanup.push(r.unmount);
    await settle();
    expect(r.container.querySelector('.clv-search-hint')).not.toBeNull();
    expect(r.container.querySelector('.clv-entity-view-body')).toBeNull();
    const input = r.container.querySelector('input[role="combobox"]') as HTMLInputElement;
    await interact(() => {
      input.focus();
      input.value = 'bundle';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await settle();
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'Enter'));
    await settle();
    const view = r.container.querySelector('.clv-entity-view-body')!;
    expect(view.getAttribute('data-entity-type')).toBe('promotion');
    expect(view.getAttribute('data-entity-value')).toBe('BUNDLEUP');
    const kpis = engine.calls.find((c) => c.spec.kind === 'analysis' && c.spec.name === 'promotion_kpis')!;
    expect(kpis.filter).toEqual({ mode: 'and', predicates: [isIn('promotion_id', ['BUNDLEUP'])] });
    // The dashboard's own selection does not carry the entity.
    expect(selection.value).toEqual([]);
    await interact(() => click(r.container.querySelector('.clv-entity-close')!));
    expect(r.container.querySelector('.clv-entity-view-body')).toBeNull();
    expect(r.container.querySelector('.clv-search-hint')).not.toBeNull();
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { allOf, interval, isIn, Selection } from '@clvkit/core';
import { FilterChips } from '../src/index.js';
import { clauseLabel } from '../src/widgets/FilterChips.js';
import { click, interact, renderInto } from './helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('FilterChips', () => {
  test('one removable chip per clause, labelled by clause.label; Clear all', async () => {
    const selection = new Selection();
    const r = renderInto(<FilterChips selection={selection} />);
    cleanup.push(r.unmount);
    expect(r.container.textContent).toBe('No filters: showing all data');
    await interact(() => {
      selection.update({ source: 'a', predicate: isIn('product', ['Socks']), label: 'Product: Socks' });
      selection.update({ source: 'b', predicate: isIn('dimension', ['North']) });
    });
    const chips = [...r.container.querySelectorAll('.clv-filter-chip')];
    expect(chips.map((c) => c.querySelector('span')!.textContent)).toEqual(['Product: Socks', 'dimension: North']);
    expect(chips[0].querySelector('button')!.getAttribute('aria-label')).toBe('Remove filter Product: Socks');
    await interact(() => click(chips[0].querySelector('button')!));
    expect(selection.value.map((c) => c.source)).toEqual(['b']);
    await interact(() => click(r.container.querySelector('.clv-clear-all')!));
    expect(selection.value).toEqual([]);
  });

  test('unlabelled clauses are described from their predicate, compound ones too', () => {
    const day = 86_400_000;
    expect(clauseLabel({ source: 's', predicate: interval('session_start', 0, 2 * day) })).toBe('session_start: 1970-01-01 – 1970-01-03');
    expect(clauseLabel({ source: 's', predicate: allOf([isIn('category', ['A']), isIn('dimension', ['x', 'y'])]) })).toBe('category: A and dimension: x, y');
  });
});

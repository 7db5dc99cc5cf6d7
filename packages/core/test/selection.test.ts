import { describe, expect, it } from 'vitest';
import { filterKey, interval, isIn, NO_FILTER, prefix } from '../src/predicate.js';
import { Selection, type Clause } from '../src/selection.js';

const chart: Clause = { source: 'chart', predicate: interval('session_start', 0, 100) };
const bars: Clause = { source: 'bars', predicate: isIn('category', ['shoes']) };
const host: Clause = { source: 'host:store', predicate: isIn('dimension', ['berlin']) };

describe('Selection', () => {
  it('starts empty and filters nothing', () => {
    const selection = new Selection();
    expect(selection.resolution).toBe('intersect');
    expect(selection.value).toEqual([]);
    expect(selection.filterFor('anyone')).toBe(NO_FILTER);
  });

  it('intersect: ANDs every clause except the asking widget\'s own', () => {
    const selection = new Selection();
    selection.update(chart);
    selection.update(bars);
    selection.update(host);
    expect(selection.filterFor('chart')).toEqual({ mode: 'and', predicates: [bars.predicate, host.predicate] });
    expect(selection.filterFor('bars')).toEqual({ mode: 'and', predicates: [chart.predicate, host.predicate] });
    expect(selection.filterFor()).toEqual({ mode: 'and', predicates: [chart.predicate, bars.predicate, host.predicate] });
    expect(selection.filterFor('stranger')).toEqual(selection.filterFor());
  });

  it('union: ORs the clauses', () => {
    const selection = new Selection({ resolution: 'union' });
    selection.update(chart);
    selection.update(bars);
    expect(selection.filterFor('host:store')).toEqual({ mode: 'or', predicates: [chart.predicate, bars.predicate] });
    expect(selection.filterFor('chart')).toEqual({ mode: 'or', predicates: [bars.predicate] });
  });

  it('single: keeps only the latest clause', () => {
    const selection = new Selection({ resolution: 'single' });
    selection.update(chart);
    selection.update(bars);
    expect(selection.value).toEqual([bars]);
    expect(selection.filterFor('chart')).toEqual({ mode: 'and', predicates: [bars.predicate] });
    expect(selection.filterFor('bars')).toBe(NO_FILTER);
  });

  it('replaces a source\'s clause in place of adding a second one, newest last', () => {
    const selection = new Selection();
    selection.update(chart);
    selection.update(bars);
    const moved = { ...chart, predicate: interval('session_start', 50, 150) };
    selection.update(moved);
    expect(selection.value).toEqual([bars, moved]);
    expect(selection.clauseOf('chart')).toBe(moved);
    expect(selection.clauseOf('nobody')).toBeUndefined();
  });

  it('clears one source or everything', () => {
    const selection = new Selection();
    selection.update(chart);
    selection.update(bars);
    selection.clear('chart');
    expect(selection.value).toEqual([bars]);
    selection.clear();
    expect(selection.value).toEqual([]);
  });

  it('sets all clauses at once, one per source (the last wins)', () => {
    const selection = new Selection();
    const newer = { ...bars, predicate: isIn('category', ['bags']) };
    selection.set([chart, bars, newer]);
    expect(selection.value).toEqual([chart, newer]);
    const single = new Selection({ resolution: 'single' });
    single.set([chart, bars]);
    expect(single.value).toEqual([bars]);
  });

  it('notifies subscribers on change, not on an equal update or a no-op clear', () => {
    const selection = new Selection();
    const seen: (readonly Clause[])[] = [];
    const stop = selection.subscribe((clauses) => seen.push(clauses));
    expect(seen).toEqual([[]]); // called with the current value at once
    selection.update(chart);
    selection.update({ source: 'chart', predicate: interval('session_start', 0, 100) }); // equal: no call
    selection.clear('nobody'); // nothing to clear: no call
    selection.update({ ...chart, value: ['x'] }); // different value: a call
    selection.clear();
    selection.clear(); // already empty: no call
    expect(seen.length).toBe(4);
    expect(seen[1]).toEqual([chart]);
    expect(seen[3]).toEqual([]);
    stop();
    selection.update(bars);
    expect(seen.length).toBe(4);
  });

  it('exposes clauses as a read-only signal', () => {
    const selection = new Selection();
    selection.update(host);
    expect(selection.clauses.value).toEqual([host]);
  });

  it('rejects bad input', () => {
    expect(() => new Selection({ resolution: 'xor' as 'union' })).toThrow(TypeError);
    expect(() => new Selection().update({ source: '', predicate: chart.predicate })).toThrow(TypeError);
  });
});

describe('predicates', () => {
  it('builds plain serialisable predicates', () => {
    expect(interval('price', 1, 2)).toEqual({ type: 'interval', field: 'price', range: [1, 2] });
    expect(isIn('category', ['a', 'b'])).toEqual({ type: 'in', field: 'category', values: ['a', 'b'] });
    expect(prefix('category', ['a/b'])).toEqual({ type: 'prefix', field: 'category', values: ['a/b'] });
    const values = ['a'];
    const p = isIn('x', values);
    values.push('b');
    expect(p.values).toEqual(['a']); // copied, not shared
  });

  it('keys filters independently of clause order', () => {
    const a = interval('price', 1, 2);
    const b = isIn('category', ['x']);
    expect(filterKey({ mode: 'and', predicates: [a, b] })).toBe(filterKey({ mode: 'and', predicates: [b, a] }));
    expect(filterKey({ mode: 'and', predicates: [a, b] })).not.toBe(filterKey({ mode: 'or', predicates: [a, b] }));
    expect(filterKey(NO_FILTER)).toBe('');
  });
});

describe('Selection.activate', () => {
  it('tells every listener, even when one throws, and changes no clause', () => {
    const selection = new Selection();
    const heard: string[] = [];
    selection.onActivate(() => {
      throw new Error('listener bug');
    });
    const off = selection.onActivate((a) => heard.push(`${a.source}:${a.field}:${a.step ?? ''}`));
    selection.activate({ source: 'bins', field: 'payment_amount', step: 10 });
    expect(heard).toEqual(['bins:payment_amount:10']);
    expect(selection.value).toEqual([]);
    off();
    selection.activate({ source: 'bins', field: 'payment_amount' });
    expect(heard).toHaveLength(1);
    expect(() => selection.activate({ source: 'x', field: '' })).toThrow(TypeError);
  });

  it('filterFor(source, without) leaves out both clauses', () => {
    const selection = new Selection();
    const a = isIn('category', ['x']);
    const b = interval('price', 1, 2);
    const c = isIn('dimension', ['web']);
    selection.update({ source: 'a', predicate: a });
    selection.update({ source: 'b', predicate: b });
    selection.update({ source: 'c', predicate: c });
    expect(selection.filterFor('a', 'b')).toEqual({ mode: 'and', predicates: [c] });
    expect(selection.filterFor('a', 'a')).toEqual({ mode: 'and', predicates: [b, c] });
    expect(selection.filterFor(undefined, 'c')).toEqual({ mode: 'and', predicates: [a, b] });
  });
});

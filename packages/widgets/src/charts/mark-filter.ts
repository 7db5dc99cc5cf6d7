import { interval, isIn, type Clause, type Predicate, type Selection } from '@clvkit/core';
import { publishClause } from '../interactions/publish.js';
import type { Key } from '../interactions/toggle-values.js';
import type { ShellApi } from '../ui/context.js';

/**
 * What a chart mark (a funnel step, a heatmap cell, a legend entry ...) publishes when it is
 * clicked: a predicate, or a predicate with the label its filter chip shows. `null` means
 * the mark is not a filter (it is drawn as not pressable).
 */
export type MarkFilter = Predicate | { readonly predicate: Predicate; readonly label?: string } | null;

/**
 * A declarative mark filter that attributes can carry (JSON): `isIn(field, values)` with
 * `values`, or `interval(field, lo, hi)` with `range`.
 */
export type FieldFilter =
  | { readonly field: string; readonly values: readonly Key[]; readonly label?: string }
  | { readonly field: string; readonly range: readonly [number, number]; readonly label?: string };

/** The predicate of a declarative field filter, or null when it is malformed. */
export function fieldFilterPredicate(filter: FieldFilter | null | undefined): MarkFilter {
  if (!filter || typeof filter !== 'object' || typeof filter.field !== 'string' || filter.field === '') return null;
  if ('range' in filter && Array.isArray(filter.range) && filter.range.length === 2) {
    return { predicate: interval(filter.field, Number(filter.range[0]), Number(filter.range[1])), label: filter.label };
  }
  if ('values' in filter && Array.isArray(filter.values) && filter.values.length > 0) {
    return { predicate: isIn(filter.field, filter.values), label: filter.label };
  }
  return null;
}

/** The predicate and label of a mark filter (null stays null). */
export function splitMarkFilter(filter: MarkFilter | undefined): { predicate: Predicate; label?: string } | null {
  if (!filter) return null;
  if ('predicate' in filter && typeof filter.predicate === 'object') return { predicate: filter.predicate, label: filter.label };
  return { predicate: filter as Predicate };
}

/**
 * Publishes a mark's filter as the widget's clause, remembering `key` (which mark it was) in
 * `clause.value` so the chart can show that mark as selected; `null` clears the clause.
 * Errors of the callback that built the filter are the caller's; errors of publishing are
 * reported as interaction errors (see `publishClause`).
 */
export function publishMark(selection: Selection, shell: ShellApi, key: unknown, filter: MarkFilter, fallbackLabel: string): void {
  const split = splitMarkFilter(filter);
  const clause: Clause | null = split ? { source: shell.source, predicate: split.predicate, value: key, label: split.label ?? fallbackLabel } : null;
  publishClause(selection, shell, clause);
}

/**
 * Calls a host's mark-filter callback; a callback that throws is reported as an interaction
 * error and treated as "not a filter", so a bug in host code never breaks the chart.
 */
export function safeMarkFilter<A extends unknown[]>(shell: ShellApi, callback: (...args: A) => MarkFilter, ...args: A): MarkFilter {
  try {
    return callback(...args) ?? null;
  } catch (error) {
    shell.reportError(error instanceof Error ? error : new Error(String(error)), 'interaction');
    return null;
  }
}

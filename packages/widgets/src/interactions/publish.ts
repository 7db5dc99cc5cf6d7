import type { Clause, Selection } from '@clvkit/core';
import { isIn } from '@clvkit/core';
import type { ShellApi } from '../ui/context.js';
import type { Key } from './toggle-values.js';

/** Text of a value for labels; missing values read "(none)". */
export function valueText(value: Key | null | undefined): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}

/** "Category: Shoes, Bags" (at most three values named, then "+2"). */
export function valuesLabel(fieldLabel: string, values: readonly Key[]): string {
  const named = values.slice(0, 3).map(valueText).join(', ');
  return `${fieldLabel}: ${named}${values.length > 3 ? ` +${values.length - 3}` : ''}`;
}

/**
 * Publishes `isIn(field, values)` as `source`'s clause, or clears it when `values` is empty,
 * and tells the host. Errors (e.g. a host listener throwing) are reported, never thrown into
 * the page.
 */
export function publishValues(selection: Selection, shell: ShellApi, field: string, fieldLabel: string, values: readonly Key[]): void {
  const clause: Clause | null =
    values.length === 0
      ? null
      : { source: shell.source, predicate: isIn(field, values), value: [...values], label: valuesLabel(fieldLabel, values) };
  publishClause(selection, shell, clause);
}

/** Sets (or with null clears) the widget's clause and dispatches `clv-select`. */
export function publishClause(selection: Selection, shell: ShellApi, clause: Clause | null): void {
  try {
    if (clause) selection.update(clause);
    else selection.clear(shell.source);
    shell.notifySelect(clause);
  } catch (error) {
    shell.reportError(error instanceof Error ? error : new Error(String(error)), 'interaction');
  }
}

/** The values of a clause published with `publishValues` (from its `in` predicate). */
export function selectedValues(clause: Clause | undefined): Key[] {
  if (!clause) return [];
  if (clause.predicate.type === 'in') return [...clause.predicate.values];
  return Array.isArray(clause.value) ? (clause.value as Key[]) : [];
}

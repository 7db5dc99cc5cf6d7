import { useEffect, useState } from 'preact/hooks';
import type { Clause, Selection } from '@clvkit/core';

/** Preact hook: the selection's clauses, re-rendering on every change (not batched: highlights follow at once). */
export function useClauses(selection: Selection): readonly Clause[] {
  const [clauses, setClauses] = useState<readonly Clause[]>(() => selection.value);
  useEffect(() => selection.subscribe(setClauses), [selection]);
  return clauses;
}

/** Preact hook: the clause `source` published on `selection`, if any. */
export function useOwnClause(selection: Selection, source: string): Clause | undefined {
  const clauses = useClauses(selection);
  return clauses.find((c) => c.source === source);
}

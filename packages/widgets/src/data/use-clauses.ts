import { useEffect, useState } from 'preact/hooks';
import type { Clause, Selection } from '@clvkit/core';

/** Preact hook: the selection's clauses, re-rendering on every change (not batched: highlights follow at once). */
export function useClauses(selection: Selection): readonly Clause[] {
  const [clauses, setClauses] = useState<readonly Clause[]>(() => selection.clauses.peek());
  useEffect(() => selection.subscribe(setClauses), [selection]);
  return clauses;
}

/**
 * Preact hook: the clause `source` published on `selection`, if any. Re-renders only when that
 * clause changes: another widget's click must not re-render every chart on the page (they
 * re-render once, with their new result). The selection keeps a clause object as it is while
 * other sources change, so identity tells.
 */
export function useOwnClause(selection: Selection, source: string): Clause | undefined {
  // Read with peek(): the selection's signal read during render would subscribe this component
  // to every change (@preact/signals tracks reads in render), which is what this hook avoids.
  const own = (): Clause | undefined => selection.clauses.peek().find((c) => c.source === source);
  const [clause, setClause] = useState<Clause | undefined>(own);
  useEffect(() => selection.subscribe((clauses) => setClause(clauses.find((c) => c.source === source))), [selection, source]);
  // Right after selection or source changed, before the effect ran: the current one.
  const current = own();
  return clause === current ? clause : current;
}

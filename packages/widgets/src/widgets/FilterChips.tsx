import { useContext, useRef } from 'preact/hooks';
import type { Clause, Predicate, Selection } from '@clvkit/core';
import { useClauses } from '../data/use-clauses.js';
import { useStyles } from '../theme/use-styles.js';
import { DashboardContext } from '../ui/context.js';

/** Options of `FilterChips`. */
export interface FilterChipsProps {
  /** The selection shown (default: the enclosing dashboard's). */
  readonly selection?: Selection;
  /** `light` or `dark` forces a theme. */
  readonly theme?: string;
  readonly className?: string;
}

/**
 * The active filters as removable chips (label from each clause's `label`) and a "Clear all
 * filters" button.
 */
export function FilterChips(props: FilterChipsProps) {
  const context = useContext(DashboardContext);
  const root = useRef<HTMLDivElement>(null);
  useStyles(root);
  const selection = props.selection ?? context.selection;
  const classes = ['clv-root', 'clv-filter-bar', props.className].filter(Boolean).join(' ');
  const theme = props.theme === 'light' || props.theme === 'dark' ? props.theme : undefined;
  return (
    <div ref={root} class={classes} data-clv-theme={theme} role="region" aria-label="Active filters">
      {selection ? <Chips selection={selection} /> : null}
    </div>
  );
}

function Chips({ selection }: { selection: Selection }) {
  const clauses = useClauses(selection);
  if (clauses.length === 0) return <span class="clv-filter-none">No filters: showing all data</span>;
  return (
    <>
      <ul class="clv-chips">
        {clauses.map((clause) => {
          const label = clauseLabel(clause);
          return (
            <li key={clause.source} class="clv-filter-chip">
              <span>{label}</span>
              <button type="button" aria-label={`Remove filter ${label}`} title="Remove filter" onClick={() => selection.clear(clause.source)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="clv-clear-all" onClick={() => selection.clear()}>
        Clear all filters
      </button>
    </>
  );
}

/** A clause's label, or a description of its predicate when it has none. */
export function clauseLabel(clause: Clause): string {
  return clause.label ?? describePredicate(clause.predicate);
}

function describePredicate(p: Predicate): string {
  switch (p.type) {
    case 'interval':
      return `${p.field}: ${new Date(p.range[0]).toISOString().slice(0, 10)} – ${new Date(p.range[1]).toISOString().slice(0, 10)}`;
    case 'and':
      return p.predicates.map(describePredicate).join(' and ');
    case 'present':
      return `${p.field}: ${p.present ? 'any value' : 'missing'}`;
    case 'orders-in':
      return `${p.present ? 'ordered' : 'no order'} ${new Date(p.range[0]).toISOString().slice(0, 10)} – ${new Date(p.range[1]).toISOString().slice(0, 10)}`;
    default:
      return `${p.field}: ${p.values.join(', ')}`;
  }
}

import type { Selection } from '@clvkit/core';
import { publishMark, safeMarkFilter, type MarkFilter } from '../../charts/mark-filter.js';
import { useOwnClause } from '../../data/use-clauses.js';
import { valuesLabel } from '../../interactions/publish.js';
import type { Key } from '../../interactions/toggle-values.js';
import type { ShellApi } from '../../ui/context.js';
import { segmentFilter } from './segments.js';

/** The segments a widget selected, and how to publish a new choice. */
export interface SegmentClause {
  readonly selected: readonly Key[];
  /** The published clause's label (its filter chip), undefined when none. */
  readonly label: string | undefined;
  /** Publishes `segments` (none: clears), through the host's `segmentFilter` when given, else `isIn('rfm_segment', segments)`. */
  publish(segments: readonly Key[]): void;
}

/** The widget's segment clause, read from and written to the selection (treemap, 3-D scatter). */
export function useSegmentClause(selection: Selection, shell: ShellApi, source: string, hostFilter?: (segments: readonly Key[]) => MarkFilter): SegmentClause {
  const clause = useOwnClause(selection, source);
  const selected: Key[] = clause && Array.isArray(clause.value) ? (clause.value as Key[]) : [];
  return {
    selected,
    label: clause?.label,
    publish(segments) {
      if (segments.length === 0) {
        publishMark(selection, shell, null, null, '');
        return;
      }
      const filter = hostFilter ? safeMarkFilter(shell, hostFilter, segments) : segmentFilter(segments);
      publishMark(selection, shell, [...segments], filter, valuesLabel('Segment', segments));
    },
  };
}

import type { ComponentChildren } from 'preact';
import type { Selection } from '@clvkit/core';
import { useOwnClause } from '../../data/use-clauses.js';
import { publishValues, selectedValues } from '../../interactions/publish.js';
import { toggleValues, type Key } from '../../interactions/toggle-values.js';
import type { ShellApi } from '../../ui/context.js';
import { WidgetHeader } from '../../ui/WidgetHeader.js';

/** The tested subjects a widget selected, and how to change them. */
export interface SubjectSelection {
  readonly selected: readonly Key[];
  /** Selects `subject` alone, or (additive) toggles it in the selection. */
  select(subject: Key, additive: boolean): void;
  clear(): void;
}

/** The widget's subject clause on `field` (`isIn(field, subjects)`), read and written. */
export function useSubjectSelection(selection: Selection, shell: ShellApi, source: string, field: string, fieldLabel: string): SubjectSelection {
  const selected = selectedValues(useOwnClause(selection, source));
  return {
    selected,
    select: (subject, additive) => publishValues(selection, shell, field, fieldLabel, toggleValues(selected, subject, additive)),
    clear: () => publishValues(selection, shell, field, fieldLabel, []),
  };
}

/** The frame of the A/B result widgets: the heading with Clear while subjects are selected, and Escape clearing them. */
export function SubjectWidget({ className, heading, subjects, children }: { className: string; heading: string; subjects: SubjectSelection; children: ComponentChildren }) {
  const { selected, clear } = subjects;
  return (
    <div
      class={className}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      {children}
    </div>
  );
}

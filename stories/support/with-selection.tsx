import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Selection } from '@clvkit/core';
import { FilterChips } from '@clvkit/widgets';

/** Gives a story a fresh selection per render and shows its clauses as chips under the widget. */
export function WithSelection({ children }: { children: (selection: Selection) => ComponentChildren }) {
  const [selection] = useState(() => new Selection());
  return (
    <div class="clv-story-narrow">
      {children(selection)}
      <div class="clv-story-gap">
        <FilterChips selection={selection} />
      </div>
    </div>
  );
}

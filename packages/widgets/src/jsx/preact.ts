/**
 * JSX types of the clv-* elements for Preact: `import type {} from '@clvkit/widgets/jsx/preact'`
 * and `<clv-dashboard preset="overview" onclv-error={(e) => e.detail.error} />` type-checks.
 * Preact sets a prop as a property when the element has it (call `defineElements()` first) and
 * turns `on<event>` props into listeners. Types only.
 */
import type { HTMLAttributes } from 'preact';
import type { ClvElementOf, ClvElementProps, ClvElementTag } from './elements.js';

export type * from './elements.js';

/** Preact props of tag `T`: its options, host properties and events, plus Preact's HTML attributes (ref, key, class …). */
export type ClvPreactProps<T extends ClvElementTag> = Omit<HTMLAttributes<ClvElementOf<T>>, keyof ClvElementProps<T>> & ClvElementProps<T>;

type ClvPreactIntrinsicElements = { [T in ClvElementTag]: ClvPreactProps<T> };

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ClvPreactIntrinsicElements {}
  }
}

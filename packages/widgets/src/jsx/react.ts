/**
 * JSX types of the clv-* elements for React 19: `import type {} from '@clvkit/widgets/jsx/react'`
 * (or list the file in tsconfig "types"/"include") and `<clv-kpi-cards metrics={['orders']}
 * onclv-error={(e) => e.detail.error} />` type-checks. React 19 sets a prop as a property when
 * the element has it (so call `defineElements()` before the first render) and turns
 * `on<event>` function props into listeners. Types only.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ClvElementOf, ClvElementProps, ClvElementTag } from './elements.js';

export type * from './elements.js';

/** React props of tag `T`: its options, host properties and events, plus React's HTML attributes (ref, key, className …). */
export type ClvReactProps<T extends ClvElementTag> = Omit<DetailedHTMLProps<HTMLAttributes<ClvElementOf<T>>, ClvElementOf<T>>, keyof ClvElementProps<T>> & ClvElementProps<T>;

type ClvReactIntrinsicElements = { [T in ClvElementTag]: ClvReactProps<T> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ClvReactIntrinsicElements {}
  }
}

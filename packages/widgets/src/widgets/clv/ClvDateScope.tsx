import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ClvDateContext, createClvDateStore, type ClvDateStore } from './selected-date.js';

/** Props of `ClvDateScope`. */
export interface ClvDateScopeProps {
  /** A store of the host's (to read or set the date from outside); default: a new one. */
  readonly store?: ClvDateStore;
  readonly children?: ComponentChildren;
}

/**
 * Gives the CLV timeline and the churn / newcomer panels inside it a date of their own (by
 * default they share the date of their selection, see `clvDateStore`), e.g. two timelines on
 * one selection. Renders no element of its own, so the widgets stay items of the dashboard grid.
 */
export function ClvDateScope({ store, children }: ClvDateScopeProps) {
  const [own] = useState(() => createClvDateStore());
  return <ClvDateContext.Provider value={store ?? own}>{children}</ClvDateContext.Provider>;
}

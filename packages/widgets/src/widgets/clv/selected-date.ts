import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Selection } from '@clvkit/core';

/**
 * The date chosen on the CLV prediction timeline (seed 001): the churn and newcomer panels of
 * the dashboard follow it. It is not a cross-filter clause (a date does not narrow the data,
 * it moves the analyses' "now"), so it lives in a small store beside the selection: one per
 * `Selection` (widgets that share a selection share the date, even as separate custom
 * elements), unless a `ClvDateScope` gives the widgets inside it a store of their own.
 */
export interface ClvDateStore {
  /** The chosen day (epoch ms of its start), or null: the panels use their analyses' default date. */
  readonly value: number | null;
  /** Sets (or with null clears) the chosen day; notifies subscribers when it changed. */
  set(date: number | null): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (date: number | null) => void): () => void;
}

/** A new date store starting at `initial` (default: no date chosen). */
export function createClvDateStore(initial: number | null = null): ClvDateStore {
  let value = initial;
  const listeners = new Set<(date: number | null) => void>();
  return {
    get value() {
      return value;
    },
    set(date) {
      const next = date === null || !Number.isFinite(date) ? null : date;
      if (next === value) return;
      value = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A store given by an enclosing `ClvDateScope` (null: the selection's store is used). */
export const ClvDateContext = createContext<ClvDateStore | null>(null);

const stores = new WeakMap<Selection, ClvDateStore>();

/**
 * The date store of `selection`: the date chosen on a CLV timeline that publishes to this
 * selection, read by the churn and newcomer panels on it. Hosts read, set or observe the
 * dashboard's date through it (`clvDateStore(selection).set(Date.UTC(2024, 2, 1))`).
 */
export function clvDateStore(selection: Selection): ClvDateStore {
  let store = stores.get(selection);
  if (!store) {
    store = createClvDateStore();
    stores.set(selection, store);
  }
  return store;
}

/** A date as widgets take it: epoch ms, or an ISO date (`2024-03-01`) as attributes carry it. */
export type DateInput = number | string | null | undefined;

/** The chosen date and the means to change it. */
export interface ClvDateState {
  /** The date the panels use: the widget's own `date` option, else the chosen one, else null (the analyses' default). */
  readonly date: number | string | null;
  /** Chooses a date (null: back to the default) in the shared store. */
  set(date: number | null): void;
}

/**
 * Preact hook: the date of a seed-001 panel. A `given` date (the widget's option) wins;
 * otherwise the enclosing `ClvDateScope`'s store, else `selection`'s, re-rendering when it
 * changes.
 */
export function useClvDate(given: DateInput, selection: Selection): ClvDateState {
  const scoped = useContext(ClvDateContext);
  const store = scoped ?? clvDateStore(selection);
  const [chosen, setChosen] = useState<number | null>(() => store.value);
  useEffect(() => {
    setChosen(store.value);
    return store.subscribe(setChosen);
  }, [store]);
  const own = given === undefined || given === null || given === '' ? null : given;
  return { date: own ?? chosen, set: (date) => store.set(date) };
}

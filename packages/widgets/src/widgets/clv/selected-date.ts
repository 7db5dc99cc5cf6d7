import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/**
 * The date chosen on the CLV prediction timeline (seed 001): the churn and newcomer panels of
 * the dashboard follow it. It is not a cross-filter clause (a date does not narrow the data,
 * it moves the analyses' "now"), so it lives in a small store shared through context.
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

/** The date store of the enclosing CLV prediction dashboard (null outside one). */
export const ClvDateContext = createContext<ClvDateStore | null>(null);

/** A date as widgets take it: epoch ms, or an ISO date (`2024-03-01`) as attributes carry it. */
export type DateInput = number | string | null | undefined;

/** The chosen date and the means to change it. */
export interface ClvDateState {
  /** The date the panels use: the widget's own `date` option, else the chosen one, else null (the analyses' default). */
  readonly date: number | string | null;
  /** Chooses a date (null: back to the default): in the dashboard's store, or locally without one. */
  set(date: number | null): void;
}

/**
 * Preact hook: the date of a seed-001 panel. A `given` date (the widget's option) wins;
 * otherwise the enclosing dashboard's store, re-rendering when it changes; outside a
 * dashboard, a date chosen on this widget itself.
 */
export function useClvDate(given: DateInput): ClvDateState {
  const store = useContext(ClvDateContext);
  const [chosen, setChosen] = useState<number | null>(() => store?.value ?? null);
  useEffect(() => {
    if (!store) return;
    setChosen(store.value);
    return store.subscribe(setChosen);
  }, [store]);
  const own = given === undefined || given === null || given === '' ? null : given;
  return {
    date: own ?? chosen,
    set: (date) => (store ? store.set(date) : setChosen(date)),
  };
}

import { signal, computed, type ReadonlySignal } from '@preact/signals';
import type { Filter, Predicate } from './predicate.js';
import { NO_FILTER } from './predicate.js';

/**
 * One widget's (or the host's) contribution to a selection. `source` identifies the widget;
 * a widget never filters itself by its own clause (cross-filtering), so it keeps showing all
 * the choices it offers.
 */
export interface Clause {
  readonly source: string;
  readonly predicate: Predicate;
  /** What the widget shows as selected (e.g. the clicked bar keys); opaque to the bus. */
  readonly value?: unknown;
  /** Human-readable description for chips and screen readers, e.g. "Category: Shoes". */
  readonly label?: string;
}

/**
 * A chart the user is about to filter with (the pointer entered it, or it took the focus):
 * the engine can prepare the answers of the other widgets for its clause before the click
 * (Mosaic's `Selection.activate`, Falcon's prefetch on hover). It changes no filter.
 */
export interface Activation {
  /** The source whose clause is coming: its current clause is left out of what is prepared. */
  readonly source: string;
  /** The field its clauses filter on, e.g. `product`, `session_start`. */
  readonly field: string;
  /** A histogram's bin width: its clauses are `interval(field, k × step, (k + 1) × step)`. */
  readonly step?: number;
}

/**
 * How clauses from different sources combine, as in Mosaic: `intersect` (AND, default),
 * `union` (OR), `single` (only the most recent clause is kept).
 */
export type Resolution = 'intersect' | 'union' | 'single';

export interface SelectionOptions {
  readonly resolution?: Resolution;
}

/**
 * The cross-filter bus: an ordered list of clauses, at most one per source, held in a signal.
 * Widgets publish clauses; each widget queries with `filterFor(itself)`. The host reads
 * `clauses.value`, observes with `subscribe`, and takes part through `update` and `clear`
 * like any widget (use a source name of its own, e.g. "host:date-picker").
 */
export class Selection {
  readonly resolution: Resolution;
  readonly #clauses = signal<readonly Clause[]>([]);
  readonly #activationListeners = new Set<(activation: Activation) => void>();

  /** All current clauses, newest last. A read-only signal. */
  readonly clauses: ReadonlySignal<readonly Clause[]> = computed(() => this.#clauses.value);

  constructor(options: SelectionOptions = {}) {
    const resolution = options.resolution ?? 'intersect';
    if (resolution !== 'intersect' && resolution !== 'union' && resolution !== 'single') {
      throw new TypeError(`Selection resolution must be "intersect", "union" or "single", got ${String(resolution)}`);
    }
    this.resolution = resolution;
  }

  /** The current clauses (same as `clauses.value`). */
  get value(): readonly Clause[] {
    return this.#clauses.value;
  }

  /**
   * Adds or replaces `clause.source`'s clause. With `single` resolution, every other clause is
   * dropped. Replacing a clause with an equal one does not notify.
   */
  update(clause: Clause): void {
    if (!clause || typeof clause.source !== 'string' || clause.source === '') {
      throw new TypeError('Selection.update needs a clause with a non-empty string `source`');
    }
    const current = this.#clauses.value;
    const existing = current.find((c) => c.source === clause.source);
    if (existing && sameClause(existing, clause) && (this.resolution !== 'single' || current.length === 1)) return;
    const others = this.resolution === 'single' ? [] : current.filter((c) => c.source !== clause.source);
    this.#clauses.value = [...others, clause];
  }

  /** Removes the clause of `source`, or every clause when `source` is omitted. */
  clear(source?: string): void {
    const current = this.#clauses.value;
    if (current.length === 0) return;
    if (source === undefined) {
      this.#clauses.value = [];
      return;
    }
    const next = current.filter((c) => c.source !== source);
    if (next.length !== current.length) this.#clauses.value = next;
  }

  /** Replaces all clauses at once (e.g. restoring a saved view). */
  set(clauses: readonly Clause[]): void {
    const bySource = new Map<string, Clause>();
    for (const c of clauses) bySource.set(c.source, c);
    let next = [...bySource.values()];
    if (this.resolution === 'single') next = next.slice(-1);
    this.#clauses.value = next;
  }

  /** The clause published by `source`, if any. */
  clauseOf(source: string): Clause | undefined {
    return this.#clauses.value.find((c) => c.source === source);
  }

  /**
   * The filter a widget must apply: every clause except its own, combined per the resolution.
   * Pass no source (or one that published nothing) to get the filter of all clauses; `without`
   * also leaves out that source's clause (what a widget's filter will be, less a clause being
   * replaced: see `activate`).
   */
  filterFor(source?: string, without?: string): Filter {
    const predicates = this.#clauses.value.filter((c) => c.source !== source && (without === undefined || c.source !== without)).map((c) => c.predicate);
    if (predicates.length === 0) return NO_FILTER;
    return { mode: this.resolution === 'union' ? 'or' : 'and', predicates };
  }

  /**
   * Announces that `activation.source` is about to publish a clause on `activation.field`
   * (call it on pointer enter or focus of a filtering chart). Listeners (the widgets' query
   * controllers) use it to prefetch; a listener that throws does not stop the others.
   */
  activate(activation: Activation): void {
    if (!activation || typeof activation.source !== 'string' || typeof activation.field !== 'string' || activation.field === '') {
      throw new TypeError('Selection.activate needs { source, field } with a non-empty field');
    }
    for (const listener of [...this.#activationListeners]) {
      try {
        listener(activation);
      } catch {
        // A hint only: one failing listener must not cost the others their prefetch.
      }
    }
  }

  /** Calls `listener` on every `activate`; returns the unsubscribe function. */
  onActivate(listener: (activation: Activation) => void): () => void {
    this.#activationListeners.add(listener);
    return () => this.#activationListeners.delete(listener);
  }

  /** Calls `listener` with the clauses now and after every change; returns the unsubscribe function. */
  subscribe(listener: (clauses: readonly Clause[]) => void): () => void {
    return this.#clauses.subscribe(listener);
  }
}

function sameClause(a: Clause, b: Clause): boolean {
  return JSON.stringify(a.predicate) === JSON.stringify(b.predicate) && JSON.stringify(a.value) === JSON.stringify(b.value);
}

import { allOf, NO_FILTER, Selection, type Clause, type Filter, type Predicate } from '@clvkit/core';

/** What a scope adds to its parent selection. */
export interface ScopeOptions {
  /**
   * A clause every query in the scope carries (an entity view's `isIn('product', [...])`). It
   * is not the parent's and cannot be changed or cleared from inside the scope.
   */
  readonly fixed?: Clause;
  /**
   * Sources whose clauses the scope's widgets do not filter by (they still see them as their
   * own clause, and the rest of the dashboard filters by them): e.g. the anomaly widgets of a
   * dashboard, so a flagged day picked in one does not retrain the others on that one day.
   */
  readonly hidden?: readonly string[];
}

/**
 * A selection seen through a scope: its clauses are the parent's (mirrored as they change)
 * plus the fixed clause; what its widgets publish or clear goes to the parent, so the scope
 * stays cross-filtered with the rest of the dashboard and within itself. `dispose()` stops
 * following the parent and removes the clauses published through the scope (a filter does
 * not outlive the widgets that showed it).
 *
 * Filters intersect the fixed clause with the others. Under a parent with `union`
 * resolution the fixed clause is distributed over the union, (A ∪ B) ∩ E = (A ∩ E) ∪ (B ∩ E),
 * so the filter stays expressible as an `or` of `and` predicates.
 */
export class ScopedSelection extends Selection {
  /** The selection the scope reads and writes. */
  readonly parent: Selection;
  readonly #fixed: Clause | null;
  readonly #hidden: ReadonlySet<string>;
  readonly #published = new Set<string>();
  #unsubscribe: (() => void) | null;

  constructor(parent: Selection, options: ScopeOptions = {}) {
    super({ resolution: 'intersect' });
    this.parent = parent;
    this.#fixed = options.fixed ?? null;
    this.#hidden = new Set(options.hidden ?? []);
    this.#unsubscribe = parent.subscribe((clauses) => this.#mirror(clauses));
  }

  /** The fixed clause, if any. */
  get fixed(): Clause | null {
    return this.#fixed;
  }

  #mirror(clauses: readonly Clause[]): void {
    const fixed = this.#fixed;
    const own = fixed ? clauses.filter((c) => c.source !== fixed.source) : [...clauses];
    super.set(fixed ? [...own, fixed] : own);
  }

  /** Publishes `clause` on the parent (the fixed clause's source is reserved and ignored). */
  override update(clause: Clause): void {
    if (this.#fixed && clause?.source === this.#fixed.source) return;
    this.parent.update(clause);
    this.#published.add(clause.source);
  }

  /** Clears `source`'s clause on the parent, or all of the parent's clauses; the fixed clause stays. */
  override clear(source?: string): void {
    if (source !== undefined && this.#fixed && source === this.#fixed.source) return;
    this.parent.clear(source);
  }

  /** Replaces the parent's clauses (the fixed clause is not the parent's and is left out). */
  override set(clauses: readonly Clause[]): void {
    const fixed = this.#fixed;
    this.parent.set(fixed ? clauses.filter((c) => c.source !== fixed.source) : clauses);
  }

  /** The filter of `source`: every other visible clause, intersected with the fixed clause. */
  override filterFor(source?: string): Filter {
    const fixed = this.#fixed;
    const others: Predicate[] = this.value
      .filter((c) => c.source !== source && c.source !== fixed?.source && !this.#hidden.has(c.source))
      .map((c) => c.predicate);
    if (this.parent.resolution === 'union' && others.length > 1) {
      return { mode: 'or', predicates: fixed ? others.map((p) => allOf([p, fixed.predicate])) : others };
    }
    const predicates = fixed ? [...others, fixed.predicate] : others;
    return predicates.length === 0 ? NO_FILTER : { mode: 'and', predicates };
  }

  /** Stops following the parent and clears on it the clauses published through this scope. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const source of this.#published) this.parent.clear(source);
    this.#published.clear();
  }
}

import { lineMask, predicateFields, resolveField, sessionMask, type Filter } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import type { Conjunction } from './conjunction.js';

/** Bits available for clauses (a Uint32Array per table). */
const SLOTS = 32;

/**
 * Which clauses every row fails, one bit per clause (crossfilter's filter bitmask): a clause
 * that the selection holds is evaluated once, for every widget, and a widget's base (every
 * clause but its own and the moving one) is then a bit test per row, `(bits[i] & mask) === 0`,
 * instead of a mask built per widget and per interaction. Clauses are kept least recently
 * used first; the oldest one's bit is cleared and reused when all 32 are taken.
 */
export class ClauseBits {
  /** Per row, bit k set when the row fails the clause in slot k. */
  readonly bits: Uint32Array;
  readonly #slots = new Map<string, number>();
  readonly #free: number[] = [];

  constructor(
    private readonly derived: DerivedColumns,
    readonly table: 'sessions' | 'lines',
  ) {
    const length = table === 'lines' ? (derived.dataset.lines?.length ?? 0) : derived.dataset.sessions.length;
    this.bits = new Uint32Array(length);
    for (let slot = SLOTS - 1; slot >= 0; slot--) this.#free.push(slot);
  }

  /** The bit mask of the clauses (evaluating new ones), or null when there are more than 32. */
  maskOf(clauses: readonly Clause[]): number | null {
    if (clauses.length > SLOTS) return null;
    const keep = new Set(clauses.map((c) => c.key));
    let mask = 0;
    for (const clause of clauses) mask |= 1 << this.#slotOf(clause, keep);
    return mask;
  }

  #slotOf(clause: Clause, keep: ReadonlySet<string>): number {
    const known = this.#slots.get(clause.key);
    if (known !== undefined) {
      this.#slots.delete(clause.key);
      this.#slots.set(clause.key, known);
      return known;
    }
    let slot = this.#free.pop();
    if (slot === undefined) {
      for (const [key, used] of this.#slots) {
        if (keep.has(key)) continue;
        this.#slots.delete(key);
        slot = used;
        break;
      }
      if (slot === undefined) throw new Error('ClauseBits: no free slot');
    }
    const { dataset } = this.derived;
    const passes = this.table === 'lines' ? lineMask(dataset, clause.filter) : sessionMask(dataset, clause.filter);
    const bit = 1 << slot;
    const clear = ~bit;
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) bits[i] = passes[i] === 1 ? bits[i] & clear : bits[i] | bit;
    this.#slots.set(clause.key, slot);
    return slot;
  }
}

/** One clause of a conjunction: a predicate (as a one-predicate filter) or a whole `or` filter. */
export interface Clause {
  readonly key: string;
  readonly filter: Filter;
  /** Whether it names a basket-line field (it then restricts a session's line measures). */
  readonly onLines: boolean;
}

/** The clauses of `conjunction` but number `skip` (-1: all). */
export function clausesOf(derived: DerivedColumns, conjunction: Conjunction, skip: number): Clause[] {
  const { dataset } = derived;
  const onLines = (filter: Filter) => filter.predicates.some((p) => predicateFields(p).some((field) => resolveField(dataset, field).table === 'lines'));
  const out: Clause[] = [];
  conjunction.predicates.forEach((predicate, k) => {
    if (k === skip) return;
    const filter: Filter = { mode: 'and', predicates: [predicate] };
    out.push({ key: conjunction.keys[k], filter, onLines: onLines(filter) });
  });
  for (const filter of conjunction.opaque) {
    out.push({ key: `or:${filter.predicates.map((p) => JSON.stringify(p)).sort().join('|')}`, filter, onLines: onLines(filter) });
  }
  return out;
}

/** The clause bits of `table` for this dataset. */
export function clauseBits(derived: DerivedColumns, table: 'sessions' | 'lines'): ClauseBits {
  return derived.memo(`crossfilter:clauseBits:${table}`, () => new ClauseBits(derived, table));
}

/** A base: rows pass when `(bits[i] & mask) === 0`. */
export interface Base {
  readonly bits: Uint32Array;
  readonly mask: number;
}

/**
 * The base of `conjunction` without clause `skip` on `table`, or null when it holds more
 * clauses than there are bits. With `linesOnly`, only the clauses on line fields.
 */
export function baseOf(derived: DerivedColumns, table: 'sessions' | 'lines', conjunction: Conjunction, skip: number, linesOnly = false): Base | null {
  let clauses = clausesOf(derived, conjunction, skip);
  if (linesOnly) clauses = clauses.filter((c) => c.onLines);
  const bits = clauseBits(derived, table);
  const mask = bits.maskOf(clauses);
  return mask === null ? null : { bits: bits.bits, mask };
}

/** The base as a row mask (a new array). */
export function baseMask(base: Base): Uint8Array {
  const { bits, mask } = base;
  const out = new Uint8Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = (bits[i] & mask) === 0 ? 1 : 0;
  return out;
}

import type { Column, Dataset, Table, TableName } from '@clvkit/core';
import { derivedColumns, type DerivedColumns } from './derived.js';
import { BUILTIN_DERIVED_FIELDS } from './analyses/index.js';

/**
 * Derived fields are columns computed from the data (a customer's first-order time, the
 * number of an order in its customer's sequence, a customer's status) that widgets filter on
 * like any imported column: a cohort cell publishes `interval('first_order_at', ...)`, a status
 * slice `isIn('customers.status', ['active'])`. They are built lazily on first use and cached
 * with the dataset, so analyses and filters that never name them pay nothing.
 */
export interface DerivedFieldDefinition {
  readonly table: TableName;
  readonly name: string;
  /** One sentence for the docs: what the value of a row is. */
  readonly description: string;
  build(derived: DerivedColumns): Column;
}

// An explicit list, not registration by import side effects: bundlers drop modules whose
// exports are unused, and a dropped field would silently vanish from the filters.
// Read on first use, not at module evaluation: analyses' modules import this one back.
let registered: DerivedFieldDefinition[] | null = null;
const all = (): DerivedFieldDefinition[] => (registered ??= [...BUILTIN_DERIVED_FIELDS]);

/** Adds a derived field to every dataset the analytics run on. Names must not clash with imported columns. */
export function registerDerivedField(definition: DerivedFieldDefinition): void {
  const definitions = all();
  if (definitions.some((d) => d.table === definition.table && d.name === definition.name)) {
    throw new TypeError(`registerDerivedField: ${definition.table}.${definition.name} is already registered`);
  }
  definitions.push(definition);
}

/** The registered derived fields (for docs and field lists). */
export function derivedFieldDefinitions(): readonly DerivedFieldDefinition[] {
  return all();
}

const enriched = new WeakMap<Dataset, Dataset>();

/**
 * `dataset` with every registered derived field added to its tables (an imported column of
 * the same name wins). The result is cached per dataset, so its identity is stable and every
 * per-dataset cache keyed on it keeps working.
 */
export function withDerivedFields(dataset: Dataset): Dataset {
  const definitions = all();
  if (definitions.length === 0) return dataset;
  const cached = enriched.get(dataset);
  if (cached) return cached;
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = { ...dataset };
  let derived: DerivedColumns | undefined;
  const lazyDerived = () => (derived ??= derivedColumns(out as Dataset));
  for (const name of ['sessions', 'customers', 'lines', 'messages'] as const) {
    const table = dataset[name];
    const own = definitions.filter((d) => d.table === name && table && !(d.name in table.columns));
    if (!table || own.length === 0) continue;
    const columns: Record<string, Column> = { ...table.columns };
    for (const definition of own) {
      let built: Column | undefined;
      Object.defineProperty(columns, definition.name, {
        enumerable: true,
        configurable: false,
        get: () => (built ??= definition.build(lazyDerived())),
      });
    }
    (out as unknown as Record<string, Table>)[name] = { name: table.name, length: table.length, columns };
  }
  enriched.set(dataset, out as Dataset);
  enriched.set(out as Dataset, out as Dataset);
  return out as Dataset;
}

/**
 * The eight linked widgets of the shared interaction benchmark (bench/README.md, "Cross-filter")
 * as clvkit query specs, and the replay of a selection: which widgets a change touches and the
 * filter each one must apply (every clause but its own, ANDed: Selection's "intersect").
 * Predicates are the plain objects of @clvkit/core (interval, in, prefix), written out here so
 * the peers' runners (plain Node) share them without bundling.
 */

/** Widget ids, in the order of the benchmark's definition. */
export const WIDGETS = ['time', 'kpis', 'products', 'categories', 'dimension', 'status', 'histogram', 'hourly'];

/** Width of an order-value histogram bin (payment_amount), in currency units. */
export const BIN = 10;

/** Top-N of the product and category bars. */
export const TOP = 10;

/** The query spec of each widget (what its `runQuery` call sends). */
export const SPECS = {
  time: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true },
  kpis: { kind: 'analysis', name: 'kpis' },
  products: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: TOP },
  categories: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: TOP },
  dimension: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue'] },
  status: { kind: 'analysis', name: 'customer_status' },
  histogram: { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: BIN }], measures: ['orders'], where: [{ type: 'in', field: 'has_purchased', values: [true] }] },
  hourly: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], fill: true },
};

/**
 * What each filtering widget announces on pointer enter (`Selection.activate`): the field of
 * its clauses, and the bin width of the histogram.
 */
export const ACTIVATIONS = {
  time: { field: 'session_start' },
  products: { field: 'product' },
  categories: { field: 'category' },
  dimension: { field: 'dimension' },
  status: { field: 'customer_status' },
  histogram: { field: 'payment_amount', step: BIN },
};

/**
 * The clause a widget publishes for a selected value (`null` clears it):
 * time `[lo, hi)` day starts; products a product; categories a category path; dimension a
 * channel; status a status; histogram the lower edge of a bin.
 */
export function clauseOf(widget, value) {
  if (value === null) return null;
  switch (widget) {
    case 'time':
      return { type: 'interval', field: 'session_start', range: [value[0], value[1]] };
    case 'products':
      return { type: 'in', field: 'product', values: [value] };
    case 'categories':
      return { type: 'prefix', field: 'category', values: [value] };
    case 'dimension':
      return { type: 'in', field: 'dimension', values: [value] };
    case 'status':
      return { type: 'in', field: 'customer_status', values: [value] };
    case 'histogram':
      return { type: 'interval', field: 'payment_amount', range: [value, value + BIN] };
    default:
      throw new Error(`widget ${widget} publishes no clause`);
  }
}

/**
 * The cross-filter state while a sequence is replayed: the selected value per widget.
 * `apply(step)` sets or clears one widget's value and returns the widgets whose filter changed
 * (every widget but the one that changed: its own clause is not in its filter).
 */
export class SelectionState {
  constructor() {
    /** @type {Map<string, unknown>} widget -> selected value */
    this.values = new Map();
  }

  /** @param {{ widget: string, value: unknown }} step */
  apply(step) {
    if (step.value === null) this.values.delete(step.widget);
    else this.values.set(step.widget, step.value);
    return WIDGETS.filter((w) => w !== step.widget);
  }

  /** The selected value of `widget`, or null. */
  valueOf(widget) {
    return this.values.has(widget) ? this.values.get(widget) : null;
  }

  /** The clvkit filter of `widget`: every other widget's clause (but `without`'s, if given), ANDed. */
  filterFor(widget, without = undefined) {
    const predicates = [];
    for (const [w, value] of this.values) if (w !== widget && w !== without) predicates.push(clauseOf(w, value));
    return { mode: 'and', predicates };
  }

  /** The selected values `widget` must apply, as a plain object widget -> value (peers' form). */
  othersOf(widget) {
    const out = {};
    for (const [w, value] of this.values) if (w !== widget) out[w] = value;
    return out;
  }
}

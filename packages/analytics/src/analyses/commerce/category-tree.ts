import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import type { TopMetric } from '../top-line-values.js';
import { linesKept } from '../masks.js';
import { lineColumn } from './line-columns.js';
import { compareText } from './top-k.js';

export interface CategoryTreeParams {
  /** A category path ("a/b"), '' for the top level. */
  readonly path: string;
  readonly metric: TopMetric;
  readonly limit: number;
}

/** Per category code: where its lines go under the requested path. */
const OUTSIDE = -2;
const AT_PATH = -1;

/**
 * `category_tree`: one level of the category -> product drill-down. Categories are "/" paths
 * ("Home/Kitchen/Cookware"); param `path` ('' = the top level) names a node. Its children are
 * (a) the next path segments of the categories below it, as `kind: 'category'` rows, and
 * (b) the products of lines whose category is exactly `path`, as `kind: 'product'` rows.
 * Rows `{ name, kind, category, product, orders, quantity, revenue, hasChildren }`:
 * name = the segment or product name; category = the child's full path (for a product, the
 * category it is listed in, i.e. `path`); product = the product name or null; orders =
 * distinct orders (has_purchased) with a basket line passing the filter below that child;
 * quantity = Σ quantity and revenue = Σ price × quantity of those lines; hasChildren = the
 * child has a deeper category or products (always false for products). Lines without a
 * category are outside the tree. Sorted by `metric` (orders) descending, ties by name; the
 * first `limit` (100). meta: `{ path, parent (the path one level up; null at the top),
 * metric, children (before the limit), total: { orders, quantity, revenue } of every line
 * under path }`. A path no category has gives no rows and zero totals.
 */
export const categoryTree = defineAnalysis<CategoryTreeParams>({
  name: 'category_tree',
  description: 'One level of the category -> product drill-down with orders, quantity and revenue',
  tables: ['lines'],
  params: (raw) => {
    const read = new ParamReader('category_tree', raw, ['path', 'metric', 'limit']);
    const given = raw?.path;
    if (given !== undefined && typeof given !== 'string') throw new TypeError(`category_tree: params.path must be a string ('' for the top level), got ${JSON.stringify(given)}`);
    return {
      path: (given ?? '').replace(/\/+$/, ''),
      metric: read.oneOf<TopMetric>('metric', ['orders', 'quantity', 'revenue'], 'orders'),
      limit: read.integer('limit', 1, 100_000, 100),
    };
  },
  run(context, { path, metric, limit }) {
    const categories = lineColumn(context, 'category_tree', 'category');
    const productColumn = context.dataset.lines!.columns.product;
    const productCodes = productColumn?.type === 'string' ? productColumn.codes : null;
    const productNames = productColumn?.type === 'string' ? productColumn.dictionary : [];

    // Each category code -> its child slot under path, AT_PATH or OUTSIDE; deeper = below the child.
    const childOf = new Int32Array(categories.dictionary.length);
    const deeper = new Uint8Array(categories.dictionary.length);
    const childPaths: string[] = [];
    const childNames: string[] = [];
    const slotOf = new Map<string, number>();
    categories.dictionary.forEach((category, code) => {
      if (category === path) {
        childOf[code] = AT_PATH;
        return;
      }
      const below = path === '' ? category : category.startsWith(`${path}/`) ? category.slice(path.length + 1) : null;
      if (below === null) {
        childOf[code] = OUTSIDE;
        return;
      }
      const cut = below.indexOf('/');
      const name = cut < 0 ? below : below.slice(0, cut);
      const childPath = path === '' ? name : `${path}/${name}`;
      let slot = slotOf.get(childPath);
      if (slot === undefined) {
        slot = childPaths.length;
        slotOf.set(childPath, slot);
        childPaths.push(childPath);
        childNames.push(name);
      }
      childOf[code] = slot;
      deeper[code] = cut < 0 ? 0 : 1;
    });

    // Slots: category children first, then one per product code (lines exactly at path).
    const categorySlots = childPaths.length;
    const slots = categorySlots + productNames.length;
    const orders = new Float64Array(slots);
    const quantity = new Float64Array(slots);
    const revenue = new Float64Array(slots);
    const hasChildren = new Uint8Array(slots);
    const lastOrder = new Int32Array(slots).fill(-1);
    const total = { orders: 0, quantity: 0, revenue: 0 };
    let totalLastOrder = -1;

    const mask = linesKept(context);
    const purchased = context.derived.purchased();
    const qty = context.derived.numbers('lines', 'quantity', 1);
    const price = context.derived.numbers('lines', 'price', 0);
    const { rows: lineRows, starts } = context.derived.linesOfOrders();
    const codes = categories.codes;
    for (let o = 0; o < purchased.length; o++) {
      if (purchased[o] === 0) continue;
      for (let k = starts[o], end = starts[o + 1]; k < end; k++) {
        const l = lineRows[k];
        if (mask !== null && mask[l] === 0) continue;
        const c = codes[l];
        if (c < 0) continue;
        const child = childOf[c];
        if (child === OUTSIDE) continue;
        const q = qty[l] === qty[l] ? qty[l] : 1;
        const r = (price[l] === price[l] ? price[l] : 0) * q;
        if (totalLastOrder !== o) {
          totalLastOrder = o;
          total.orders++;
        }
        total.quantity += q;
        total.revenue += r;
        let slot: number;
        const product = productCodes === null ? -1 : productCodes[l];
        if (child === AT_PATH) {
          if (product < 0) continue;
          slot = categorySlots + product;
        } else {
          slot = child;
          if (deeper[c] === 1 || product >= 0) hasChildren[slot] = 1;
        }
        if (lastOrder[slot] !== o) {
          lastOrder[slot] = o;
          orders[slot]++;
        }
        quantity[slot] += q;
        revenue[slot] += r;
      }
    }

    const nameOf = (slot: number) => (slot < categorySlots ? childNames[slot] : productNames[slot - categorySlots]);
    const present: number[] = [];
    for (let s = 0; s < slots; s++) if (orders[s] > 0) present.push(s);
    const by = metric === 'quantity' ? quantity : metric === 'revenue' ? revenue : orders;
    present.sort((a, b) => by[b] - by[a] || compareText(nameOf(a), nameOf(b)) || a - b);
    const rows: Row[] = present.slice(0, limit).map((s) => {
      const isCategory = s < categorySlots;
      return {
        name: nameOf(s),
        kind: isCategory ? 'category' : 'product',
        category: isCategory ? childPaths[s] : path,
        product: isCategory ? null : nameOf(s),
        orders: orders[s],
        quantity: quantity[s],
        revenue: revenue[s],
        hasChildren: hasChildren[s] === 1,
      };
    });
    const parent = path === '' ? null : path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    return { rows, meta: { path, parent, metric, children: present.length, total } };
  },
});

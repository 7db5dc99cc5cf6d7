import { useCallback, useContext, useMemo } from 'preact/hooks';
import { isIn, prefix, type Clause, type QueryResult, type Row } from '@clvkit/core';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue } from '../format.js';
import { publishClause } from '../interactions/publish.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';

/** Options of `CategoryTree`. */
export interface CategoryTreeProps extends WidgetProps {
  /** Rank by (default `orders`). */
  readonly metric?: 'orders' | 'quantity' | 'revenue';
  /** Entries per level (default 12). */
  readonly limit?: number;
}

/** Where the drill-down stands: the category path shown and the product picked in it, if any. */
interface DrillState {
  readonly path: string;
  readonly product: string | null;
}

/**
 * The category -> product drill-down of the products dashboards (`category_tree`): one level
 * of "/" category paths at a time. A category publishes `prefix('category', [path])` (its
 * orders) and opens its level; a product publishes `isIn('product', [name])`; "Up" goes one
 * level up and filters by the parent (none at the top). The level shown follows the clause, so
 * removing the filter chip returns to the top.
 */
export function CategoryTree(props: CategoryTreeProps) {
  return <Connected widget="category-tree" props={props}>{(connected) => <CategoryTreeView {...connected} />}</Connected>;
}

function CategoryTreeView(props: ConnectedProps<CategoryTreeProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const own = useOwnClause(selection, source);
  const drill = drillOf(own);
  const metric = props.metric ?? 'orders';
  const limit = props.limit ?? 12;
  const spec = useMemo(() => ({ kind: 'analysis' as const, name: 'category_tree', params: { path: drill.path, metric, limit } }), [drill.path, metric, limit]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const open = (path: string) => {
    const clause: Clause | null = path === '' ? null : { source, predicate: prefix('category', [path]), value: { path, product: null }, label: `Category: ${path}` };
    publishClause(selection, shell, clause);
  };
  const pick = (path: string, product: string) => {
    if (drill.product === product) return open(path);
    publishClause(selection, shell, { source, predicate: isIn('product', [product]), value: { path, product }, label: `Product: ${product}` });
  };
  const parent = drill.path === '' ? null : drill.path.includes('/') ? drill.path.slice(0, drill.path.lastIndexOf('/')) : '';
  return (
    <div class="clv-category-tree">
      <WidgetHeader heading={props.heading ?? 'Categories and products'}>
        {parent !== null ? (
          <button type="button" class="clv-clear clv-tree-up" onClick={() => open(parent)}>
            Up to {parent === '' ? 'all categories' : parent}
          </button>
        ) : null}
      </WidgetHeader>
      <p class="clv-tree-path">{drill.path === '' ? 'All categories' : drill.path}</p>
      <QueryView state={state} noun="categories" what="the category tree" skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <TreeLevel result={result} metric={metric} drill={drill} format={props} onOpen={open} onPick={pick} />}
      </QueryView>
    </div>
  );
}

interface TreeLevelProps {
  readonly result: QueryResult<Row>;
  readonly metric: 'orders' | 'quantity' | 'revenue';
  readonly drill: DrillState;
  readonly format: { readonly locale?: string; readonly currency?: string };
  readonly onOpen: (path: string) => void;
  readonly onPick: (path: string, product: string) => void;
}

function TreeLevel({ result, metric, drill, format, onOpen, onPick }: TreeLevelProps) {
  return (
    <ul class="clv-tree">
      {result.rows.map((row) => {
        const name = String(row.name ?? '');
        const isProduct = row.kind === 'product';
        const value = typeof row[metric] === 'number' ? (row[metric] as number) : null;
        const pressed = isProduct && drill.product === name;
        return (
          <li key={`${String(row.kind)}:${name}`} class={isProduct ? 'clv-tree-product' : 'clv-tree-category'}>
            <button
              type="button"
              class="clv-tree-item"
              data-kind={String(row.kind)}
              data-value={isProduct ? name : String(row.category ?? name)}
              aria-pressed={isProduct ? (pressed ? 'true' : 'false') : undefined}
              onClick={() => (isProduct ? onPick(drill.path, name) : onOpen(String(row.category ?? name)))}
            >
              <span class="clv-tree-name">{isProduct ? name : `${name} ›`}</span>{' '}
              <span class="clv-tree-value">{formatValue(value, metric === 'revenue' ? 'money' : 'count', format)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function drillOf(clause: Clause | undefined): DrillState {
  const value = clause?.value as Partial<DrillState> | undefined;
  if (!value || typeof value.path !== 'string') return { path: '', product: null };
  return { path: value.path, product: typeof value.product === 'string' ? value.product : null };
}

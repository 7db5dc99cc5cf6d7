import type { AnalysisSpec, QuerySpec } from '@clvkit/core';

/**
 * How a chart widget names what it shows: a full query spec (`query`), or the name of an
 * analysis (`report`) with its `params`. Attributes carry `report="retention_cohorts"` and
 * `params='{"bucket":"month"}'`, or `query='{"kind":"aggregate",...}'` as JSON.
 */
export interface ChartQueryProps {
  /** The whole spec: an analysis (`{kind: 'analysis', name, params}`) or an aggregate. Wins over `report`. */
  readonly query?: QuerySpec;
  /** The analysis to run (a registered report name), e.g. `retention_cohorts`. */
  readonly report?: string;
  /** Parameters of `report` (or merged into `query`'s params when it is an analysis). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * The spec a chart queries: `query`, else `report` with `params`, else the widget's default
 * analysis. `params` are merged into an analysis `query`'s own params.
 */
export function resolveQuery(props: ChartQueryProps, defaultReport: string, defaultParams?: Readonly<Record<string, unknown>>): QuerySpec {
  const query = isSpec(props.query) ? props.query : null;
  if (query && query.kind === 'aggregate') return query;
  if (query) return withParams(query, props.params ?? {});
  const name = props.report && props.report !== '' ? props.report : defaultReport;
  const params = props.params ?? (name === defaultReport ? defaultParams : undefined);
  return params && Object.keys(params).length > 0 ? { kind: 'analysis', name, params } : { kind: 'analysis', name };
}

/** `spec` with `params` merged into its params (aggregates are returned unchanged). */
export function withParams(spec: QuerySpec, params: Readonly<Record<string, unknown>>): QuerySpec {
  if (spec.kind !== 'analysis' || Object.keys(params).length === 0) return spec;
  return { ...spec, params: { ...(spec.params ?? {}), ...params } } satisfies AnalysisSpec;
}

/** A param of an analysis spec (undefined for aggregates or when absent). */
export function specParam(spec: QuerySpec, name: string): unknown {
  return spec.kind === 'analysis' ? spec.params?.[name] : undefined;
}

function isSpec(value: unknown): value is QuerySpec {
  if (!value || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'aggregate' || (kind === 'analysis' && typeof (value as { name?: unknown }).name === 'string');
}

import { useCallback, useContext, useMemo } from 'preact/hooks';
import type { QuerySpec, Row, Selection } from '@clvkit/core';
import { useQuery, type UseQueryResult } from '../../data/use-query.js';
import type { EngineLike } from '../../engine-like.js';
import { formatValue, numberFormat, type FormatOptions } from '../../format.js';
import { Connected } from '../../ui/Connected.js';
import { ShellContext } from '../../ui/context.js';
import { WidgetHeader } from '../../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../../ui/widget-props.js';

/** What is tested around the first use: a promotion or a product. */
export type AbSubjectKind = 'promotion' | 'product';

/** Options of `AbTestResult`. */
export interface AbTestResultProps extends WidgetProps {
  /** The promotion id or product name. */
  readonly subject: string;
  readonly kind: AbSubjectKind;
  /** Extra params of every test (windowDays, alpha, minCustomers ...). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A test row of the A/B analyses (BRIEF4 "A/B" contract; the widgets read only these). */
interface TestRow {
  readonly subject: string;
  readonly customers: number | null;
  readonly before: number | null;
  readonly after: number | null;
  readonly meanDifference: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly pValue: number | null;
  readonly method: string;
  readonly effectSize: number | null;
  readonly acceptRatio: number | null;
  readonly verdict: string;
}

/** One before/after metric (`<kind>_usage_before_after_<metric>`: every tested subject, whatever its verdict). */
interface MetricTest {
  readonly metric: 'orders' | 'amount';
  readonly label: string;
  readonly kind: 'decimal' | 'money';
}

const METRICS: readonly MetricTest[] = [
  { metric: 'orders', label: 'Orders per customer', kind: 'decimal' },
  { metric: 'amount', label: 'Average order value', kind: 'money' },
];

const METHODS: Readonly<Record<string, string>> = { t: 'paired t-test', wilcoxon: 'Wilcoxon signed-rank test', welch: "Welch's t-test" };

/**
 * The A/B test result of one promotion (or product): for orders per customer and average
 * order value, the paired before/after test of its customers around their first use
 * (`<kind>_usage_before_after_<metric>`, asked for this `subject` only; the seed's `_accept`
 * / `_reject` reports split the same rows by verdict), and for promotions the comparison with the other promotions
 * (`promotion_comparison`). Each shows the verdict in words, before → after, the mean
 * difference with its confidence interval, p-value and method, effect size and customers.
 * A test whose analysis is not registered is left out; a subject with too few customers says
 * it was not tested.
 */
export function AbTestResult(props: AbTestResultProps) {
  return (
    <Connected widget="ab-test-result" props={props}>
      {(connected) => <AbTestResultView {...connected} />}
    </Connected>
  );
}

function AbTestResultView(props: ConnectedProps<AbTestResultProps>) {
  const heading = props.heading ?? (props.kind === 'promotion' ? 'A/B test: before and after first use' : 'A/B test: before and after first purchase');
  return (
    <div class="clv-ab-result">
      <WidgetHeader heading={heading} />
      {METRICS.map((metric) => (
        <MetricResult key={metric.metric} props={props} metric={metric} />
      ))}
      {props.kind === 'promotion' ? <ComparisonResult props={props} /> : null}
      <p class="clv-ab-note">
        Each customer's {props.params?.windowDays ?? 7} days before their first {props.kind === 'promotion' ? 'use' : 'purchase'} are compared with the {props.params?.windowDays ?? 7} days
        from it on.
      </p>
    </div>
  );
}

/** True for an engine's "no such analysis" error: the test is simply not there. */
function isUnknownAnalysis(state: UseQueryResult<Row>): boolean {
  return state.status === 'error' && /unknown (analysis|report)/i.test(state.error?.message ?? '');
}

function useTest(engine: EngineLike, selection: Selection, source: string, spec: QuerySpec): UseQueryResult<Row> {
  const shell = useContext(ShellContext);
  const onError = useCallback(
    (error: Error) => {
      if (!/unknown (analysis|report)/i.test(error.message)) shell.reportError(error, 'query');
    },
    [shell],
  );
  return useQuery<Row>(engine, selection, source, spec, { onError });
}

function testRow(row: Row | undefined): TestRow | null {
  if (!row) return null;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    subject: String(row.subject ?? ''),
    customers: n(row.customers),
    before: n(row.before),
    after: n(row.after),
    meanDifference: n(row.meanDifference),
    ciLow: n(row.ciLow),
    ciHigh: n(row.ciHigh),
    pValue: n(row.pValue),
    method: String(row.method ?? ''),
    effectSize: n(row.effectSize),
    acceptRatio: n(row.acceptRatio),
    verdict: String(row.verdict ?? ''),
  };
}

function MetricResult({ props, metric }: { readonly props: ConnectedProps<AbTestResultProps>; readonly metric: MetricTest }) {
  const { engine, selection, source, subject, kind } = props;
  const params = useMemo(() => ({ ...(props.params ?? {}), subject }), [JSON.stringify(props.params), subject]);
  const state = useTest(engine, selection, `${source}:${metric.metric}`, { kind: 'analysis', name: `${kind}_usage_before_after_${metric.metric}`, params });
  if (isUnknownAnalysis(state)) return null;
  const row = testRow(state.result?.rows.find((r) => String(r.subject) === subject));
  return (
    <section class="clv-ab-test" data-metric={metric.metric} aria-busy={state.status === 'loading' ? 'true' : undefined}>
      <p class="clv-ab-test-title">{metric.label}</p>
      {state.status === 'loading' && !row ? (
        <p class="clv-ab-status" role="status">
          {progressText(state) ?? 'Testing…'}
        </p>
      ) : state.status === 'error' ? (
        <p class="clv-ab-status clv-error-detail" role="alert">
          Could not test: {state.error?.message}{' '}
          <button type="button" class="clv-retry" onClick={() => state.retry()}>
            Retry
          </button>
        </p>
      ) : row ? (
        <TestFigures row={row} kind={metric.kind} format={props} />
      ) : (
        <p class="clv-ab-status">Not tested: too few customers {kind === 'promotion' ? 'used it' : 'bought it'} with orders on both sides.</p>
      )}
    </section>
  );
}

function ComparisonResult({ props }: { readonly props: ConnectedProps<AbTestResultProps> }) {
  const { engine, selection, source, subject } = props;
  const params = useMemo(() => ({ ...(props.params ?? {}) }), [JSON.stringify(props.params)]);
  const state = useTest(engine, selection, `${source}:comparison`, { kind: 'analysis', name: 'promotion_comparison', params });
  if (isUnknownAnalysis(state)) return null;
  const row = testRow(state.result?.rows.find((r) => String(r.subject) === subject));
  const raw = state.result?.rows.find((r) => String(r.subject) === subject);
  return (
    <section class="clv-ab-test" data-metric="comparison" aria-busy={state.status === 'loading' ? 'true' : undefined}>
      <p class="clv-ab-test-title">Compared with the other promotions</p>
      {state.status === 'loading' && !row ? (
        <p class="clv-ab-status" role="status">
          {progressText(state) ?? 'Testing…'}
        </p>
      ) : state.status === 'error' ? (
        <p class="clv-ab-status clv-error-detail" role="alert">
          Could not compare: {state.error?.message}{' '}
          <button type="button" class="clv-retry" onClick={() => state.retry()}>
            Retry
          </button>
        </p>
      ) : row ? (
        <>
          <TestFigures row={row} kind="money" format={props} versus />
          {typeof raw?.wins === 'number' && typeof raw?.losses === 'number' ? (
            <p class="clv-ab-status">{`Significantly better than ${formatValue(raw.wins, 'count', props)} and worse than ${formatValue(raw.losses, 'count', props)} other promotions.`}</p>
          ) : null}
        </>
      ) : (
        <p class="clv-ab-status">Not compared: too few customers, or fewer than two promotions to compare.</p>
      )}
    </section>
  );
}

function progressText(state: UseQueryResult<Row>): string | null {
  const progress = state.status === 'loading' ? state.progress : null;
  return progress ? `${progress.message ?? 'Testing'}: ${progress.done} / ${progress.total}` : null;
}

/** "Increase", "Decrease", "No significant change". */
function verdictText(verdict: string): string {
  if (verdict === 'increase') return 'Increase';
  if (verdict === 'decrease') return 'Decrease';
  if (verdict === 'no significant change') return 'No significant change';
  return verdict === '' ? 'No verdict' : verdict;
}

function TestFigures({ row, kind, format, versus = false }: { readonly row: TestRow; readonly kind: 'decimal' | 'money'; readonly format: FormatOptions; readonly versus?: boolean }) {
  const value = (v: number | null) => formatValue(v, kind, format);
  const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${value(Math.abs(v))}`);
  const p = row.pValue === null ? '—' : row.pValue < 0.001 ? '< 0.001' : numberFormat(format.locale, { maximumSignificantDigits: 2 }).format(row.pValue);
  const ci = row.ciLow !== null && row.ciHigh !== null ? ` (95% CI ${signed(row.ciLow)} to ${signed(row.ciHigh)})` : '';
  return (
    <dl class="clv-ab-figures">
      <div class="clv-ab-verdict" data-verdict={row.verdict}>
        <dt>Verdict</dt>
        <dd>{verdictText(row.verdict)}</dd>
      </div>
      <div>
        <dt>Before → after</dt>
        <dd>{`${value(row.before)} → ${value(row.after)}`}</dd>
      </div>
      <div>
        <dt>{versus ? 'Uplift versus the others' : 'Mean difference'}</dt>
        <dd>{`${signed(row.meanDifference)}${ci}`}</dd>
      </div>
      <div>
        <dt>p-value</dt>
        <dd>{`${p}${METHODS[row.method] ? ` (${METHODS[row.method]})` : ''}`}</dd>
      </div>
      <div>
        <dt>Effect size</dt>
        <dd>{row.effectSize === null ? '—' : formatValue(row.effectSize, 'decimal', format)}</dd>
      </div>
      <div>
        <dt>Customers</dt>
        <dd>{formatValue(row.customers, 'count', format)}</dd>
      </div>
    </dl>
  );
}

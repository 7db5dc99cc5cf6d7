import { useCallback, useContext, useMemo } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions } from '../format.js';
import type { Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { SubjectWidget, useSubjectSelection } from './abtest/SubjectWidget.js';
import { readTestRows, subjectField, subjectLabel, testKind, verdictClass, verdictLabel, type AbTestKind, type AbTestView } from './abtest/test-rows.js';
import { percentText, verdictSentence } from './abtest/verdict-text.js';

/** Options of `AbTestVerdicts`. */
export interface AbTestVerdictsProps extends WidgetProps, ChartQueryProps {
  /** The filter field of a subject (default: promotion_id, product or rfm_segment by the report). */
  readonly field?: string;
  /** How a subject is named on filter chips (default "Promotion", "Product" or "Segment"). */
  readonly fieldLabel?: string;
  /** Cards shown (default 6; the report's order, biggest change first). */
  readonly limit?: number;
}

const DEFAULT_REPORT = 'promotion_usage_before_after_amount';
const METHODS: Readonly<Record<string, string>> = { t: 'paired t test', wilcoxon: 'Wilcoxon signed-rank test', welch: "Welch's t test" };

/**
 * Verdict cards: one card per tested subject with its verdict, the plain-language result
 * ("Customers who used BUNDLEUP spent 47% more per order in the 7 days after than in the 7
 * days before (95% CI 25% to 70%), p < 0.001.") and the facts behind it (before → after,
 * customers, test, effect size, accept ratio). The subject's name is a toggle button that
 * filters on it (`isIn(field, [subject])`; Shift adds or removes; Escape or Clear removes).
 */
export function AbTestVerdicts(props: AbTestVerdictsProps) {
  return (
    <Connected widget="ab-test-verdicts" props={props}>
      {(connected) => <AbTestVerdictsView {...connected} />}
    </Connected>
  );
}

function AbTestVerdictsView(props: ConnectedProps<AbTestVerdictsProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const report = spec.kind === 'analysis' ? spec.name : DEFAULT_REPORT;
  const isEmpty = useCallback((result: QueryResult<Row>) => readTestRows(result.rows ?? []).length === 0, []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const kind = testKind(report, state.result?.meta);
  const field = props.field ?? subjectField(kind);
  const fieldLabel = props.fieldLabel ?? subjectLabel(kind);
  const subjects = useSubjectSelection(selection, shell, source, field, fieldLabel);
  const { selected, select } = subjects;
  const heading = props.heading ?? 'Test results';

  return (
    <SubjectWidget className="clv-ab-verdicts-widget" heading={heading} subjects={subjects}>
      <QueryView state={state} noun={`tested ${fieldLabel.toLowerCase()}s`} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <Cards rows={readTestRows(result.rows)} kind={testKind(report, result.meta)} limit={props.limit} format={props} fieldLabel={fieldLabel} selected={selected} onSelect={select} />}
      </QueryView>
    </SubjectWidget>
  );
}

interface CardsProps {
  readonly rows: readonly AbTestView[];
  readonly kind: AbTestKind;
  readonly limit?: number;
  readonly format: FormatOptions;
  readonly fieldLabel: string;
  readonly selected: readonly Key[];
  readonly onSelect: (subject: Key, additive: boolean) => void;
}

function Cards({ rows, kind, limit, format, fieldLabel, selected, onSelect }: CardsProps) {
  const shown = rows.slice(0, limit && limit > 0 ? Math.floor(limit) : 6);
  const valueKind = kind.metric === 'amount' ? 'money' : 'decimal';
  return (
    <>
      <ul class="clv-ab-cards">
        {shown.map((row) => {
          const isSelected = selected.includes(row.subject);
          const dimmed = selected.length > 0 && !isSelected;
          const facts = [
            `Before ${formatValue(row.before, valueKind, format)} → after ${formatValue(row.after, valueKind, format)}`,
            `${formatValue(row.customers, 'count', format)} customers`,
            METHODS[row.method] ?? row.method,
            row.effectSize === null ? null : `effect size ${formatValue(row.effectSize, 'decimal', format)}`,
            row.acceptRatio === null ? null : `${percentText(row.acceptRatio, format)} of resamples show no difference`,
          ].filter((f): f is string => f !== null && f !== '');
          return (
            <li key={row.subject} class={`clv-ab-card ${verdictClass(row.verdict)}${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`} data-subject={row.subject} data-verdict={row.verdict ?? ''}>
              <div class="clv-ab-card-head">
                <button
                  type="button"
                  class="clv-ab-card-subject"
                  aria-pressed={isSelected ? 'true' : 'false'}
                  title={`Filter by ${fieldLabel.toLowerCase()} ${row.subject}`}
                  onClick={(event: MouseEvent) => onSelect(row.subject, event.shiftKey)}
                >
                  {row.subject}
                </button>
                <span class="clv-ab-badge">{verdictLabel(row.verdict)}</span>
              </div>
              <p class="clv-ab-sentence">{verdictSentence(row, kind, format)}</p>
              <p class="clv-ab-facts">{facts.join(' · ')}</p>
            </li>
          );
        })}
      </ul>
      {rows.length > shown.length ? <p class="clv-status">{`Showing ${shown.length} of ${rows.length} tests.`}</p> : null}
    </>
  );
}

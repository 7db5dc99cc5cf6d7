import type { QueryResult, Row } from '@clvkit/core';
import { Scatter, type ScatterLine, type ScatterProps } from './Scatter.js';

/** Options of `AbTestComparison`: any `Scatter` option overrides the defaults below. */
export type AbTestComparisonProps = ScatterProps;

/** The "no change" line at an uplift of 0. */
const NO_CHANGE: readonly ScatterLine[] = [{ axis: 'x', value: 0, label: 'no change' }];

/** The uplift axis kind: money for the amount metric, decimal (orders per customer) otherwise. */
function upliftKind(metric: unknown): 'money' | 'decimal' {
  return metric === 'orders' ? 'decimal' : 'money';
}

/**
 * Seed 003's promotion comparison: each promotion a point (`promotion_comparison` rows), x its
 * customers' mean uplift after vs before first use (order value by default), y the share of
 * bootstrap resamples in which Welch's test against the other promotions finds a difference
 * (the seed's reject ratio): promotions to the right lift more, higher ones reliably. A click
 * on a point, or its legend entry (the keyboard path), filters on the promotion:
 * `isIn('promotion_id', [promotion])`. Built on the generic `Scatter`.
 */
export function AbTestComparison(props: AbTestComparisonProps) {
  return (
    <Scatter
      heading="Promotions compared"
      report="promotion_comparison"
      x="uplift"
      y="rejectRatio"
      color="subject"
      id="subject"
      xLabel="Mean change per customer, after − before"
      yLabel="Share of resamples that differ from the others"
      yKind="percent"
      yDomain={[0, 1]}
      categoryField="promotion_id"
      categoryLabel="Promotion"
      noun="promotions"
      lines={NO_CHANGE}
      {...props}
      xKind={props.xKind ?? (props.params?.metric !== undefined ? upliftKind(props.params.metric) : 'money')}
    />
  );
}

/** Lines at zero on both axes (for the differences scatter). */
export function zeroLines(_result: QueryResult<Row>): readonly ScatterLine[] {
  return [
    { axis: 'x', value: 0 },
    { axis: 'y', value: 0 },
  ];
}

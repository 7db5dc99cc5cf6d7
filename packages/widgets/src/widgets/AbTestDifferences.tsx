import { zeroLines } from './AbTestComparison.js';
import { Scatter, type ScatterProps } from './Scatter.js';

/** Options of `AbTestDifferences`: any `Scatter` option overrides the defaults below. */
export type AbTestDifferencesProps = ScatterProps;

/**
 * Seed 003's "order and payment amount difference" scatter: each promotion a point
 * (`order_and_payment_amount_differences` rows), x the mean change in orders per customer, y
 * the mean change in average order value, after vs before first use, with lines at zero: the
 * top right lifted both. A click on a point or its legend entry filters on the promotion.
 * Built on the generic `Scatter`.
 */
export function AbTestDifferences(props: AbTestDifferencesProps) {
  return (
    <Scatter
      heading="Change in orders and order value per promotion"
      report="order_and_payment_amount_differences"
      x="ordersDifference"
      y="amountDifference"
      color="subject"
      id="subject"
      xLabel="Change in orders per customer"
      yLabel="Change in average order value"
      xKind="decimal"
      yKind="money"
      categoryField="promotion_id"
      categoryLabel="Promotion"
      noun="promotions"
      lines={zeroLines}
      {...props}
    />
  );
}

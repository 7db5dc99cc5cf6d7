import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { orderAndPaymentAmountDifferences } from './order-and-payment-amount-differences.js';
import { productUsageBeforeAfterAmountAccept } from './product-usage-before-after-amount-accept.js';
import { productUsageBeforeAfterAmountReject } from './product-usage-before-after-amount-reject.js';
import { productUsageBeforeAfterOrdersAccept } from './product-usage-before-after-orders-accept.js';
import { productUsageBeforeAfterOrdersReject } from './product-usage-before-after-orders-reject.js';
import { promotionComparison } from './promotion-comparison.js';
import { promotionUsageBeforeAfterAmount } from './promotion-usage-before-after-amount.js';
import { promotionUsageBeforeAfterOrders } from './promotion-usage-before-after-orders.js';
import { productUsageBeforeAfterAmount } from './product-usage-before-after-amount.js';
import { productUsageBeforeAfterOrders } from './product-usage-before-after-orders.js';
import { promotionUsageBeforeAfterAmountAccept } from './promotion-usage-before-after-amount-accept.js';
import { promotionUsageBeforeAfterAmountReject } from './promotion-usage-before-after-amount-reject.js';
import { promotionUsageBeforeAfterOrdersAccept } from './promotion-usage-before-after-orders-accept.js';
import { promotionUsageBeforeAfterOrdersReject } from './promotion-usage-before-after-orders-reject.js';
import { segmentsChangeDailyBeforeAfterOrders } from './segments-change-daily-before-after-orders.js';
import { segmentsChangeDailyBeforeAfterAmount } from './segments-change-daily-before-after-amount.js';
import { segmentsChangeWeeklyBeforeAfterOrders } from './segments-change-weekly-before-after-orders.js';
import { segmentsChangeWeeklyBeforeAfterAmount } from './segments-change-weekly-before-after-amount.js';
import { segmentsChangeMonthlyBeforeAfterOrders } from './segments-change-monthly-before-after-orders.js';
import { segmentsChangeMonthlyBeforeAfterAmount } from './segments-change-monthly-before-after-amount.js';

/** The abtest analyses (registered through ../index.ts). */
export const ABTEST_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  promotionComparison,
  orderAndPaymentAmountDifferences,
  promotionUsageBeforeAfterAmount,
  promotionUsageBeforeAfterOrders,
  productUsageBeforeAfterAmount,
  productUsageBeforeAfterOrders,
  promotionUsageBeforeAfterAmountAccept,
  promotionUsageBeforeAfterAmountReject,
  promotionUsageBeforeAfterOrdersAccept,
  promotionUsageBeforeAfterOrdersReject,
  productUsageBeforeAfterAmountAccept,
  productUsageBeforeAfterAmountReject,
  productUsageBeforeAfterOrdersAccept,
  productUsageBeforeAfterOrdersReject,
  segmentsChangeDailyBeforeAfterOrders,
  segmentsChangeDailyBeforeAfterAmount,
  segmentsChangeWeeklyBeforeAfterOrders,
  segmentsChangeWeeklyBeforeAfterAmount,
  segmentsChangeMonthlyBeforeAfterOrders,
  segmentsChangeMonthlyBeforeAfterAmount,
] as readonly AnalysisDefinition<unknown>[];

/** Derived filterable fields of this group (registered through ../index.ts). */
export const ABTEST_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [];

import type { AnalysisDefinition } from '../types.js';
import { dailyOrders } from './daily-orders.js';
import { dimensionValues } from './dimension-values.js';
import { hourlyOrders } from './hourly-orders.js';
import { kpis } from './kpis.js';
import { monthlyOrders } from './monthly-orders.js';
import { mostOrderedCategories } from './most-ordered-categories.js';
import { mostOrderedProducts } from './most-ordered-products.js';
import { weeklyOrders } from './weekly-orders.js';
import { STATS_ANALYSES } from './stats/index.js';
import { COHORT_ANALYSES, COHORT_DERIVED_FIELDS } from './cohorts/index.js';
import { COMMERCE_ANALYSES } from './commerce/index.js';
import { CUSTOMER_ANALYSES, CUSTOMER_DERIVED_FIELDS } from './customers/index.js';
import { RFM_ANALYSES, RFM_DERIVED_FIELDS } from './rfm/index.js';
import { CLV_ANALYSES, CLV_DERIVED_FIELDS } from './clv/index.js';
import { ABTEST_ANALYSES, ABTEST_DERIVED_FIELDS } from './abtest/index.js';
import { ANOMALY_ANALYSES, ANOMALY_DERIVED_FIELDS } from './anomaly/index.js';
import { SEARCH_ANALYSES, SEARCH_DERIVED_FIELDS } from './search/index.js';
import { customerOrdersField, firstOrderAtField, orderNumberField } from '../customer-fields.js';
import type { DerivedFieldDefinition } from '../derived-fields.js';

/** The analyses registered by default. */
export const BUILTIN_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  kpis,
  dailyOrders,
  weeklyOrders,
  monthlyOrders,
  hourlyOrders,
  mostOrderedProducts,
  mostOrderedCategories,
  dimensionValues,
  ...STATS_ANALYSES,
  ...COHORT_ANALYSES,
  ...COMMERCE_ANALYSES,
  ...CUSTOMER_ANALYSES,
  ...RFM_ANALYSES,
  ...CLV_ANALYSES,
  ...ABTEST_ANALYSES,
  ...ANOMALY_ANALYSES,
  ...SEARCH_ANALYSES,
];

/** The derived, filterable fields every dataset gets (see derived-fields.ts). */
export const BUILTIN_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [firstOrderAtField, orderNumberField, customerOrdersField, ...COHORT_DERIVED_FIELDS, ...CUSTOMER_DERIVED_FIELDS, ...RFM_DERIVED_FIELDS, ...CLV_DERIVED_FIELDS, ...ABTEST_DERIVED_FIELDS, ...ANOMALY_DERIVED_FIELDS, ...SEARCH_DERIVED_FIELDS];

import type { AnalysisDefinition } from '../../types.js';
import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { churn } from './churn.js';
import { churnMonthly } from './churn-monthly.js';
import { churnWeekly } from './churn-weekly.js';
import { communications } from './communications.js';
import { contactableCustomers } from './contactable-customers.js';
import { customerBase } from './customer-base.js';
import { customerList } from './customer-list.js';
import { customerStatus } from './customer-status.js';
import { customerStatusTrend } from './customer-status-trend.js';
import { demographics } from './demographics.js';
import { lifecycle } from './lifecycle.js';
import { newcomersAndChurners } from './newcomers-and-churners.js';
import { profileCompleteness } from './profile-completeness.js';
import { customerStatusField } from './status-field.js';

/** Derived filterable fields of this group (registered through ../index.ts). */
export const CUSTOMER_DERIVED_FIELDS: readonly DerivedFieldDefinition[] = [customerStatusField];

/**
 * The customers analyses (registered through ../index.ts). Loading this module also registers
 * the derived filterable field `sessions.customer_status` (status-field.ts).
 */
export const CUSTOMER_ANALYSES: readonly AnalysisDefinition<unknown>[] = [
  customerStatus,
  customerStatusTrend,
  churn,
  churnWeekly,
  churnMonthly,
  newcomersAndChurners,
  lifecycle,
  demographics,
  profileCompleteness,
  customerBase,
  communications,
  contactableCustomers,
  customerList,
];

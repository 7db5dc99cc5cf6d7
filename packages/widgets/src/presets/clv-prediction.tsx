import { ClvDateCustomers } from '../widgets/ClvDateCustomers.js';
import { ClvLeastEngagedCustomers, ClvTopCustomers } from '../widgets/ClvCustomerTables.js';
import { ClvRates } from '../widgets/ClvRates.js';
import { ClvTimeline } from '../widgets/ClvTimeline.js';
import { FilterChips } from '../widgets/FilterChips.js';

/** The model's horizon on this dashboard: six months, for the forecast and for who counts as churned. */
export const CLV_PREDICTION_HORIZON_DAYS = 182;

/**
 * Seed 001's CLV prediction dashboard: (1) the CLV prediction timeline, actual and predicted
 * daily revenue around the as-of date; choosing a day on it sets the date of (2) the churned
 * customers (bought before it, nothing in the six months after) and (3) the newcomers (first
 * order in the six months before), each with their revenue over time, and of (6) the churn and
 * newcomer rate rings; (4) the 100 least engaged customers (lowest probability of being
 * alive) and (5) the top 100 by CLV, whose rows (like the churner and newcomer groups and
 * their slices) filter every other panel to those customers. The date lives beside the
 * dashboard's selection (`clvDateStore(selection)`), so a host can read or set it.
 */
export function ClvPredictionLayout() {
  const horizonDays = CLV_PREDICTION_HORIZON_DAYS;
  return (
    <>
      <FilterChips className="clv-wide" />
      <ClvTimeline className="clv-wide" horizonDays={horizonDays} />
      <ClvDateCustomers group="churners" heading="Churned customers of the date" horizonDays={horizonDays} />
      <ClvDateCustomers group="newcomers" heading="Newcomers of the date" horizonDays={horizonDays} />
      <ClvLeastEngagedCustomers horizonDays={horizonDays} />
      <ClvTopCustomers horizonDays={horizonDays} />
      <ClvRates className="clv-wide" horizonDays={horizonDays} />
    </>
  );
}

import { FilterChips } from '../widgets/FilterChips.js';
import { LineChart } from '../widgets/LineChart.js';

const ORDER_REPORTS = { day: 'daily_orders', week: 'weekly_orders', month: 'monthly_orders' };
const ORDERS = [{ key: 'orders', label: 'Orders' }];

/**
 * Seed 003's Stats page: orders per day, week or month, the mean orders per hour of day, and
 * the weekly averages (orders and sessions per customer, payment amount).
 */
export function StatsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <LineChart className="clv-wide" heading="Orders" report="daily_orders" series={ORDERS} bucketReports={ORDER_REPORTS} />
      <LineChart heading="Orders by hour of day (mean per day)" report="hourly_orders" x="hour" series={ORDERS} valueKind="decimal" field="" />
      <LineChart heading="Weekly orders per customer" report="weekly_average_order_per_user" valueKind="decimal" />
      <LineChart heading="Weekly sessions per customer" report="weekly_average_session_per_user" valueKind="decimal" />
      <LineChart heading="Weekly average payment amount" report="weekly_average_payment_amount" valueKind="money" />
    </>
  );
}

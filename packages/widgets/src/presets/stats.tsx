import { FilterChips } from '../widgets/FilterChips.js';
import { isIn } from '@clvkit/core';
import { DataTable } from '../widgets/DataTable.js';
import { LineChart } from '../widgets/LineChart.js';

const ORDER_REPORTS = { day: 'daily_orders', week: 'weekly_orders', month: 'monthly_orders' };
const ORDERS = [{ key: 'orders', label: 'Orders' }];
const byDimension = (key: string) => ({ predicate: isIn('dimension', [key]), label: `Channel: ${key}` });
const byProduct = (key: string) => ({ predicate: isIn('product', [key]), label: `Product: ${key}` });

/**
 * Seed 003's Stats page: orders per day, week or month, the mean orders per hour of day, and
 * the weekly averages (orders and sessions per customer, payment amount); per dimension value
 * and for the top products, the daily series and the dimension KPIs (a series or row filters).
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
      <LineChart className="clv-wide" heading="Orders per day by channel" report="daily_dimension_values" seriesField="dimension" value="orders" seriesFilter={byDimension} />
      <LineChart className="clv-wide" heading="Daily orders of the top products" report="daily_products_of_sales" params={{ limit: 5 }} seriesField="product" value="orders" seriesFilter={byProduct} />
      <DataTable
        className="clv-wide"
        heading="Channels"
        report="dimension_kpis"
        serverSide={false}
        rowKey="dimension"
        rowField="dimension"
        campaign={false}
        noun="channels"
        columns={[
          { key: 'dimension', label: 'Channel', kind: 'text' },
          { key: 'orders', label: 'Orders', kind: 'count' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'buyers', label: 'Buyers', kind: 'count' },
          { key: 'visitors', label: 'Visitors', kind: 'count' },
          { key: 'averageOrderValue', label: 'Average order', kind: 'money' },
          { key: 'discount', label: 'Discount', kind: 'money' },
        ]}
      />
    </>
  );
}

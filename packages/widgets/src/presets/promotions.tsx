import { isIn } from '@clvkit/core';
import { DataTable } from '../widgets/DataTable.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LineChart } from '../widgets/LineChart.js';
import { organicOrPromotedFilter, promotionFilter } from './mark-filters.js';

const byPromotion = (key: string) => ({ predicate: isIn('promotion_id', [key]), label: `Promotion: ${key}` });

/**
 * Seed 003's Promotions page: organic vs promoted orders per day, the promoted share, the
 * promotion KPIs table (a row filters its orders), revenue and discount per promotion per day
 * (a legend entry filters its orders).
 */
export function PromotionsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['orders', 'revenue', 'discount', 'buyers']} />
      <LineChart className="clv-wide" heading="Organic and promoted orders per day" report="daily_organic_orders" seriesFilter={organicOrPromotedFilter} />
      <LineChart className="clv-wide" heading="Promoted share of orders" report="daily_inorganic_ratio" />
      <DataTable
        className="clv-wide"
        heading="Promotions"
        report="promotion_kpis"
        serverSide={false}
        rowKey="promotion"
        rowField="promotion_id"
        rowLabel="Promotion"
        rowFilter={promotionFilter}
        campaign={false}
        noun="promotions"
        pageSize={10}
      />
      <LineChart heading="Organic and promoted orders by hour of day (mean per day)" report="hourly_organic_orders" x="hour" field="" valueKind="decimal" seriesFilter={organicOrPromotedFilter} />
      <LineChart heading="Promoted orders per promotion" report="inorganic_orders_per_promotion_per_day" seriesField="promotion" value="orders" seriesFilter={byPromotion} />
      <LineChart heading="Revenue per promotion" report="daily_promotion_revenue" seriesField="promotion" value="revenue" valueKind="money" seriesFilter={byPromotion} />
      <LineChart heading="Discount per promotion" report="daily_promotion_discount" seriesField="promotion" value="discount" valueKind="money" seriesFilter={byPromotion} />
    </>
  );
}

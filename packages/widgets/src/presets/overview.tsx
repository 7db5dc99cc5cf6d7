import { DimensionPicker } from '../widgets/DimensionPicker.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { TimeSeries } from '../widgets/TimeSeries.js';
import { TopCategories } from '../widgets/TopCategories.js';
import { TopProducts } from '../widgets/TopProducts.js';

/** The overview dashboard's widgets (inside a `Dashboard`, which provides engine and selection). */
export function OverviewLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" />
      <TimeSeries className="clv-wide" />
      <TopProducts />
      <TopCategories />
      <DimensionPicker className="clv-wide" />
    </>
  );
}

import { FilterChips } from '../widgets/FilterChips.js';
import { BoughtWith, PairsTable } from '../widgets/PairsTable.js';
import { TopCategories } from '../widgets/TopCategories.js';
import { TopProducts } from '../widgets/TopProducts.js';
import { CategoryTree } from './CategoryTree.js';

/**
 * Seed 003's Products page: top products and categories, the most combined pairs, what is
 * bought with the product selected in Top products, and the category -> product drill-down.
 */
export function ProductsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <TopProducts limit={10} />
      <TopCategories limit={10} />
      <PairsTable heading="Most combined products" />
      <BoughtWith />
      <CategoryTree className="clv-wide" />
    </>
  );
}

import { useState } from 'preact/hooks';
import { EntityView } from '../widgets/EntityView.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { SearchBox } from '../widgets/SearchBox.js';
import type { EntityRef } from '../widgets/search/entity.js';

/**
 * Seed 003's search: one box for products, customers, promotions and dimension values
 * (bigram similarity, results grouped by type); choosing a result opens its entity view
 * (a product's figures, orders, bought-with, buyers' segments and A/B test; a customer's
 * figures, orders, RFM and predicted CLV; a promotion's usage and test result; a dimension
 * value's KPIs), itself cross-filtered with the dashboard's filters.
 */
export function SearchLayout() {
  const [entity, setEntity] = useState<EntityRef | null>(null);
  return (
    <>
      <SearchBox className="clv-wide" heading="Search" onChoose={(result) => setEntity({ type: result.type, value: result.value })} />
      <FilterChips className="clv-wide" />
      {entity ? (
        <EntityView key={`${entity.type}:${entity.value}`} className="clv-wide" type={entity.type} value={entity.value} onClose={() => setEntity(null)} />
      ) : (
        <div class="clv-widget clv-wide clv-search-hint" role="note">
          <p class="clv-empty-title">Find a product, customer, promotion or dimension value</p>
          <p class="clv-empty-detail">Type two letters or more; choose a result to open its dashboard.</p>
        </div>
      )}
    </>
  );
}

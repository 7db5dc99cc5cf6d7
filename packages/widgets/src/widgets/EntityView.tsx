import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { AggregateSpec, Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import type { FormatOptions } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { DashboardContext, type DashboardContextValue } from '../ui/context.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { Donut } from './Donut.js';
import { KpiCards } from './KpiCards.js';
import { BoughtWith } from './PairsTable.js';
import { TimeSeries } from './TimeSeries.js';
import { AbTestResult } from './search/AbTestResult.js';
import { entityClause, entityLabel, ENTITY_LABELS, isEntityType, type EntityRef, type EntityType } from './search/entity.js';
import { EntityFigures } from './search/EntityFigures.js';
import { ScopedSelection } from './search/scoped-selection.js';

/** Options of `EntityView`. */
export interface EntityViewProps extends WidgetProps {
  /** `product`, `client`, `promotion` or `dimension`. */
  readonly type: EntityType;
  /** The product name, client id, promotion id or dimension value. */
  readonly value: string;
  /** Shows a Close button that calls it (the search layout closes the view). */
  readonly onClose?: () => void;
}

/** What the sections of an entity view are given. */
interface SectionProps {
  readonly entity: EntityRef;
  /** The dashboard's selection, for widgets that must not carry the entity clause. */
  readonly parent: Selection;
  readonly engine: EngineLike;
  readonly format: FormatOptions;
}

/**
 * The dashboard of one product, customer, promotion or dimension value (SPEC "Search"),
 * composed of the existing widgets over a scope of the dashboard's selection that carries the
 * entity as a fixed clause, `isIn('product' | 'client' | 'promotion_id' | 'dimension',
 * [value])`: the widgets follow the dashboard's filters and each other's (a brushed period in
 * the orders chart narrows the rest), and what they publish reaches the dashboard.
 * - product: its figures (`product_kpis`), orders containing it over time, what is bought
 *   with it (`bought_with`, on the dashboard's selection: a product clause would leave only
 *   its own lines), its buyers' shop-wide RFM segments (the derived `rfm_segment`), and its
 *   before/after test;
 * - customer: figures and favourite products (`client_kpis`), orders over time, RFM (`rfm`
 *   scored over the dashboard's customers, only this one's row asked for: scores rank a customer among
 *   others) and predicted CLV (`client_feature_predicted` filtered to the customer);
 * - promotion: usage figures (`promotion_kpis`), orders using it over time, its A/B test
 *   result (before/after usage tests and `promotion_comparison`, on the dashboard's selection);
 * - dimension value: the KPI cards against the previous period, orders over time, customer status.
 */
export function EntityView(props: EntityViewProps) {
  return (
    <Connected widget="entity-view" props={props}>
      {(connected) => <EntityViewBody {...connected} />}
    </Connected>
  );
}

function EntityViewBody(props: ConnectedProps<EntityViewProps>) {
  const { engine, selection, source } = props;
  const valid = isEntityType(props.type) && typeof props.value === 'string' && props.value !== '';
  const entity = useMemo<EntityRef | null>(() => (valid ? { type: props.type, value: props.value } : null), [valid, props.type, props.value]);
  const scope = useMemo(
    () => (entity ? new ScopedSelection(selection, { fixed: entityClause(entity, `${source}:entity`) }) : null),
    [selection, entity, source],
  );
  useEffect(() => () => scope?.dispose(), [scope]);
  const context = useMemo<DashboardContextValue>(
    () => ({ engine, selection: scope ?? selection, locale: props.locale, currency: props.currency }),
    [engine, scope, selection, props.locale, props.currency],
  );
  if (!entity || !scope) {
    return (
      <div class="clv-empty" role="status">
        <p class="clv-empty-title">Nothing to show</p>
        <p class="clv-empty-detail">Choose a product, customer, promotion or dimension value in the search box.</p>
      </div>
    );
  }
  const heading = props.heading ?? entityLabel(entity);
  const sections: SectionProps = { entity, parent: selection, engine, format: props };
  return (
    <div class="clv-entity-view-body" data-entity-type={entity.type} data-entity-value={entity.value}>
      <WidgetHeader heading={heading}>
        {props.onClose ? (
          <button type="button" class="clv-clear clv-entity-close" onClick={props.onClose} aria-label={`Close ${heading}`}>
            Close
          </button>
        ) : null}
      </WidgetHeader>
      <DashboardContext.Provider value={context}>
        <div class="clv-entity-grid">{SECTIONS[entity.type](sections)}</div>
      </DashboardContext.Provider>
    </div>
  );
}

/**
 * Buyers per RFM segment: the derived `rfm_segment` (every customer's segment among all
 * customers) grouped under the entity's filter, so a product's buyers keep their shop-wide
 * segment (the `segmentation` analysis would score them among themselves).
 */
const BUYER_SEGMENTS: AggregateSpec = { kind: 'aggregate', groupBy: [{ field: 'rfm_segment' }], measures: ['buyers'], orderBy: { measure: 'buyers', order: 'desc' } };

/** "Orders with Shoes over time". */
function ordersHeading(entity: EntityRef): string {
  switch (entity.type) {
    case 'product':
      return `Orders with ${entity.value} over time`;
    case 'client':
      return `Orders of ${entity.value} over time`;
    case 'promotion':
      return `Orders using ${entity.value} over time`;
    case 'dimension':
      return `Orders in ${entity.value} over time`;
  }
}

const SECTIONS: Readonly<Record<EntityType, (props: SectionProps) => ComponentChildren>> = {
  product: ({ entity, parent }) => (
    <>
      <EntityFigures
        className="clv-wide"
        heading={`${entity.value}: key figures`}
        report="product_kpis"
        params={{ product: entity.value }}
        noun="orders of this product"
        figures={[
          { key: 'orders', label: 'Orders', kind: 'count' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'quantity', label: 'Quantity', kind: 'count' },
          { key: 'buyers', label: 'Buyers', kind: 'count' },
          { key: 'firstSale', label: 'First sale', kind: 'date' },
          { key: 'lastSale', label: 'Last sale', kind: 'date' },
        ]}
      />
      <TimeSeries className="clv-wide" heading={ordersHeading(entity)} buckets={['day', 'week', 'month']} />
      <BoughtWith selection={parent} anchor={entity.value} heading={`Bought with ${entity.value}`} />
      <Donut heading="Buyers' RFM segments" query={BUYER_SEGMENTS} field="rfm_segment" fieldLabel="Segment" category="rfm_segment" value="buyers" valueLabel="buyers" />
      <AbTestResult className="clv-wide" selection={parent} kind="product" subject={entity.value} />
    </>
  ),
  client: ({ entity, parent }) => (
    <>
      <EntityFigures
        className="clv-wide"
        heading={`${ENTITY_LABELS.client} ${entity.value}: key figures`}
        report="client_kpis"
        params={{ client: entity.value }}
        noun="orders of this customer"
        figures={[
          { key: 'orders', label: 'Orders', kind: 'count' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'averageOrderValue', label: 'Average order value', kind: 'money' },
          { key: 'sessions', label: 'Sessions', kind: 'count' },
          { key: 'daysBetweenOrders', label: 'Days between orders', kind: 'decimal' },
          { key: 'firstOrder', label: 'First order', kind: 'date' },
          { key: 'lastOrder', label: 'Last order', kind: 'date' },
        ]}
        metaList={{ key: 'favouriteProducts', heading: 'Favourite products', name: 'product', count: 'orders', countLabel: 'orders' }}
      />
      <TimeSeries className="clv-wide" heading={ordersHeading(entity)} buckets={['day', 'week', 'month']} bucket="month" />
      <EntityFigures
        selection={parent}
        heading="RFM"
        report="rfm"
        params={{ clients: [entity.value] }}
        match={{ field: 'client', value: entity.value }}
        noun="RFM score for this customer"
        figures={[
          { key: 'segment', label: 'Segment', kind: 'text' },
          { key: 'score', label: 'RFM score', kind: 'text' },
          { key: 'recency', label: 'Recency', kind: 'days' },
          { key: 'frequency', label: 'Orders', kind: 'count' },
          { key: 'monetary', label: 'Monetary', kind: 'money' },
          { key: 'meanGap', label: 'Mean days between orders', kind: 'decimal' },
        ]}
      />
      <EntityFigures
        heading="Predicted CLV"
        report="client_feature_predicted"
        match={{ field: 'client', value: entity.value }}
        noun="prediction for this customer"
        figures={[
          { key: 'clv', label: 'Predicted CLV', kind: 'money' },
          { key: 'expectedOrders', label: 'Expected orders', kind: 'decimal' },
          { key: 'expectedValue', label: 'Expected order value', kind: 'money' },
          { key: 'pAlive', label: 'Probability alive', kind: 'percent' },
          { key: 'churnProbability', label: 'Churn probability', kind: 'percent' },
        ]}
      />
    </>
  ),
  promotion: ({ entity, parent }) => (
    <>
      <EntityFigures
        className="clv-wide"
        heading={`${ENTITY_LABELS.promotion} ${entity.value}: usage`}
        report="promotion_kpis"
        params={{ promotion: entity.value }}
        match={{ field: 'promotion', value: entity.value }}
        noun="orders using this promotion"
        figures={[
          { key: 'orders', label: 'Orders', kind: 'count' },
          { key: 'customers', label: 'Customers', kind: 'count' },
          { key: 'ordersPerCustomer', label: 'Orders per customer', kind: 'decimal' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'discount', label: 'Discount', kind: 'money' },
          { key: 'firstUse', label: 'First use', kind: 'date' },
          { key: 'lastUse', label: 'Last use', kind: 'date' },
        ]}
      />
      <TimeSeries className="clv-wide" heading={ordersHeading(entity)} buckets={['day', 'week', 'month']} />
      <AbTestResult className="clv-wide" selection={parent} kind="promotion" subject={entity.value} />
    </>
  ),
  dimension: ({ entity }) => (
    <>
      <KpiCards className="clv-wide" heading={`${entity.value}: key figures`} metrics={['orders', 'revenue', 'visitors', 'buyers', 'averageOrderValue', 'conversion']} />
      <TimeSeries className="clv-wide" heading={ordersHeading(entity)} buckets={['day', 'week', 'month']} />
      <Donut heading="Customer status" />
    </>
  ),
};

import type { ComponentType } from 'preact';
import type { PresetDefinition } from './types.js';
import { OverviewLayout } from './overview.js';
import { lazyComponent, LayoutPlaceholder } from '../ui/lazy.js';

export type { PresetDefinition, PresetTable } from './types.js';
export { OverviewLayout } from './overview.js';
export { CategoryTree, type CategoryTreeProps } from './CategoryTree.js';

/** The names of the registered dashboard presets. */
export type PresetName =
  | 'overview' | 'overall' | 'customers' | 'funnels' | 'cohorts' | 'stats' | 'products' | 'promotions'
  | 'clv' | 'loyalty-cohorts' | 'loyalty-kpis' | 'customer-base' | 'communications'
  | 'segments' | 'clv-prediction' | 'clv-segments' | 'anomalies' | 'search' | 'ab-tests';

/**
 * A preset's layout, loaded when the dashboard first renders it: only the overview ships in the
 * main bundle; the other layouts and the widgets they use are chunks of their own.
 */
function layout(load: () => Promise<ComponentType>): ComponentType {
  return lazyComponent(load, LayoutPlaceholder);
}

const list: readonly PresetDefinition[] = [
  { name: 'overview', title: 'Overview', origin: 'foundation', tables: ['lines'], layout: OverviewLayout },
  { name: 'overall', title: 'Overall', origin: 'seed 003', tables: ['lines'], layout: layout(() => import('./overall.js').then((m) => m.OverallLayout)) },
  { name: 'customers', title: 'Customers', origin: 'seed 003', tables: ['customers'], layout: layout(() => import('./customers.js').then((m) => m.CustomersLayout)) },
  { name: 'funnels', title: 'Funnels', origin: 'seed 003', tables: ['customers'], layout: layout(() => import('./funnels.js').then((m) => m.FunnelsLayout)) },
  { name: 'cohorts', title: 'Cohorts', origin: 'seed 003', tables: ['customers'], layout: layout(() => import('./cohorts.js').then((m) => m.CohortsLayout)) },
  { name: 'stats', title: 'Stats', origin: 'seed 003', tables: [], layout: layout(() => import('./stats.js').then((m) => m.StatsLayout)) },
  { name: 'products', title: 'Products', origin: 'seed 003', tables: ['lines'], layout: layout(() => import('./products.js').then((m) => m.ProductsLayout)) },
  { name: 'promotions', title: 'Promotions', origin: 'seed 003', tables: [], layout: layout(() => import('./promotions.js').then((m) => m.PromotionsLayout)) },
  { name: 'clv', title: 'CLV Dashboard', origin: 'seed 000', tables: ['lines', 'customers'], layout: layout(() => import('./clv.js').then((m) => m.ClvLayout)) },
  { name: 'loyalty-cohorts', title: 'Cohort analysis', origin: 'seed 004', tables: [], layout: layout(() => import('./loyalty-cohorts.js').then((m) => m.LoyaltyCohortsLayout)) },
  { name: 'loyalty-kpis', title: 'Loyalty KPIs', origin: 'seed 004', tables: ['customers'], layout: layout(() => import('./loyalty-kpis.js').then((m) => m.LoyaltyKpisLayout)) },
  { name: 'customer-base', title: 'Customer base', origin: 'seed 004', tables: ['customers'], layout: layout(() => import('./customer-base.js').then((m) => m.CustomerBaseLayout)) },
  { name: 'communications', title: 'Communications', origin: 'seed 004', tables: ['messages', 'customers'], layout: layout(() => import('./communications.js').then((m) => m.CommunicationsLayout)) },
  { name: 'segments', title: 'Customer segmentation (RFM)', origin: 'seed 003', tables: [], layout: layout(() => import('./segments.js').then((m) => m.SegmentsLayout)) },
  { name: 'clv-prediction', title: 'CLV prediction', origin: 'seed 001', tables: [], layout: layout(() => import('./clv-prediction.js').then((m) => m.ClvPredictionLayout)) },
  { name: 'clv-segments', title: 'CLV by segment', origin: 'seed 002', tables: ['lines', 'customers'], layout: layout(() => import('./clv-segments.js').then((m) => m.ClvSegmentsLayout)) },
  { name: 'anomalies', title: 'Anomaly detection', origin: 'seed 003', tables: ['customers'], layout: layout(() => import('./anomalies.js').then((m) => m.AnomaliesLayout)) },
  { name: 'search', title: 'Search', origin: 'seed 003', tables: ['lines'], layout: layout(() => import('./search.js').then((m) => m.SearchLayout)) },
  { name: 'ab-tests', title: 'A/B tests', origin: 'seed 003', tables: ['lines'], layout: layout(() => import('./ab-tests.js').then((m) => m.AbTestsLayout)) },
];

/** Every dashboard preset by name: its layout component, title and the tables it needs. */
export const PRESETS: Readonly<Record<PresetName, PresetDefinition>> = Object.fromEntries(list.map((p) => [p.name, p])) as Record<PresetName, PresetDefinition>;

/** The preset names in menu order. */
export const PRESET_NAMES: readonly PresetName[] = list.map((p) => p.name as PresetName);

/** The preset of `name`, or undefined for an unknown name. */
export function presetOf(name: string | null | undefined): PresetDefinition | undefined {
  return name && Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name as PresetName] : undefined;
}

import type { PresetDefinition } from './types.js';
import { ClvLayout } from './clv.js';
import { CohortsLayout } from './cohorts.js';
import { CommunicationsLayout } from './communications.js';
import { CustomerBaseLayout } from './customer-base.js';
import { CustomersLayout } from './customers.js';
import { FunnelsLayout } from './funnels.js';
import { LoyaltyCohortsLayout } from './loyalty-cohorts.js';
import { LoyaltyKpisLayout } from './loyalty-kpis.js';
import { OverallLayout } from './overall.js';
import { OverviewLayout } from './overview.js';
import { ProductsLayout } from './products.js';
import { PromotionsLayout } from './promotions.js';
import { StatsLayout } from './stats.js';
import { SegmentsLayout } from './segments.js';
import { ClvPredictionLayout } from './clv-prediction.js';
import { ClvSegmentsLayout } from './clv-segments.js';
import { AnomaliesLayout } from './anomalies.js';
import { SearchLayout } from './search.js';
import { AbTestsLayout } from './ab-tests.js';

export type { PresetDefinition, PresetTable } from './types.js';
export { OverviewLayout } from './overview.js';
export { CategoryTree, type CategoryTreeProps } from './CategoryTree.js';

/** The names of the registered dashboard presets. */
export type PresetName =
  | 'overview' | 'overall' | 'customers' | 'funnels' | 'cohorts' | 'stats' | 'products' | 'promotions'
  | 'clv' | 'loyalty-cohorts' | 'loyalty-kpis' | 'customer-base' | 'communications'
  | 'segments' | 'clv-prediction' | 'clv-segments' | 'anomalies' | 'search' | 'ab-tests';

const list: readonly PresetDefinition[] = [
  { name: 'overview', title: 'Overview', origin: 'foundation', tables: ['lines'], layout: OverviewLayout },
  { name: 'overall', title: 'Overall', origin: 'seed 003', tables: ['lines'], layout: OverallLayout },
  { name: 'customers', title: 'Customers', origin: 'seed 003', tables: ['customers'], layout: CustomersLayout },
  { name: 'funnels', title: 'Funnels', origin: 'seed 003', tables: ['customers'], layout: FunnelsLayout },
  { name: 'cohorts', title: 'Cohorts', origin: 'seed 003', tables: ['customers'], layout: CohortsLayout },
  { name: 'stats', title: 'Stats', origin: 'seed 003', tables: [], layout: StatsLayout },
  { name: 'products', title: 'Products', origin: 'seed 003', tables: ['lines'], layout: ProductsLayout },
  { name: 'promotions', title: 'Promotions', origin: 'seed 003', tables: [], layout: PromotionsLayout },
  { name: 'clv', title: 'CLV Dashboard', origin: 'seed 000', tables: ['lines', 'customers'], layout: ClvLayout },
  { name: 'loyalty-cohorts', title: 'Cohort analysis', origin: 'seed 004', tables: [], layout: LoyaltyCohortsLayout },
  { name: 'loyalty-kpis', title: 'Loyalty KPIs', origin: 'seed 004', tables: ['customers'], layout: LoyaltyKpisLayout },
  { name: 'customer-base', title: 'Customer base', origin: 'seed 004', tables: ['customers'], layout: CustomerBaseLayout },
  { name: 'communications', title: 'Communications', origin: 'seed 004', tables: ['messages', 'customers'], layout: CommunicationsLayout },
  { name: 'segments', title: 'Customer segmentation (RFM)', origin: 'seed 003', tables: [], layout: SegmentsLayout },
  { name: 'clv-prediction', title: 'CLV prediction', origin: 'seed 001', tables: [], layout: ClvPredictionLayout },
  { name: 'clv-segments', title: 'CLV by segment', origin: 'seed 002', tables: ['lines', 'customers'], layout: ClvSegmentsLayout },
  { name: 'anomalies', title: 'Anomaly detection', origin: 'seed 003', tables: ['customers'], layout: AnomaliesLayout },
  { name: 'search', title: 'Search', origin: 'seed 003', tables: ['lines'], layout: SearchLayout },
  { name: 'ab-tests', title: 'A/B tests', origin: 'seed 003', tables: ['lines'], layout: AbTestsLayout },
];

/** Every dashboard preset by name: its layout component, title and the tables it needs. */
export const PRESETS: Readonly<Record<PresetName, PresetDefinition>> = Object.fromEntries(list.map((p) => [p.name, p])) as Record<PresetName, PresetDefinition>;

/** The preset names in menu order. */
export const PRESET_NAMES: readonly PresetName[] = list.map((p) => p.name as PresetName);

/** The preset of `name`, or undefined for an unknown name. */
export function presetOf(name: string | null | undefined): PresetDefinition | undefined {
  return name && Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name as PresetName] : undefined;
}

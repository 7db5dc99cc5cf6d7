/**
 * @clvkit/widgets: embeddable customer-analytics widgets (Preact + d3 submodules), linked by
 * one cross-filter `Selection` and fed by an engine. Each widget exists three ways: a Preact
 * component, a custom element (`defineElements()`), and `mountX(element, options)`.
 *
 * The components below are the widgets themselves; the custom elements, `mount` and `mountX`
 * load the code of these widgets on first use (see lazy-widgets.ts).
 */
export * from './exports.js';

export { Funnel } from './widgets/Funnel.js';
export { CohortHeatmap } from './widgets/CohortHeatmap.js';
export { Histogram } from './widgets/Histogram.js';
export { LineChart } from './widgets/LineChart.js';
export { Journey } from './widgets/Journey.js';
export { DataTable } from './widgets/DataTable.js';
export { CustomerList } from './widgets/CustomerList.js';
export { PairsTable, BoughtWith } from './widgets/PairsTable.js';
export { SegmentTreemap } from './widgets/SegmentTreemap.js';
export { Scatter } from './widgets/Scatter.js';
export { Scatter3d } from './widgets/Scatter3d.js';
export { ClusterHistogram } from './widgets/ClusterHistogram.js';
export { SegmentMovement } from './widgets/SegmentMovement.js';
export { ClvTimeline } from './widgets/ClvTimeline.js';
export { ClvDateCustomers } from './widgets/ClvDateCustomers.js';
export { ClvRates } from './widgets/ClvRates.js';
export { ClvBars } from './widgets/ClvBars.js';
export { ClvSegmentSplit } from './widgets/ClvSegmentSplit.js';
export { ClvTopCustomers, ClvLeastEngagedCustomers } from './widgets/ClvCustomerTables.js';
export { AnomalySeries } from './widgets/AnomalySeries.js';
export { AnomalyTable } from './widgets/AnomalyTable.js';
export { SearchBox } from './widgets/SearchBox.js';
export { EntityView } from './widgets/EntityView.js';
export { AbTestForest } from './widgets/AbTestForest.js';
export { AbTestVerdicts } from './widgets/AbTestVerdicts.js';
export { AbTestPairs } from './widgets/AbTestPairs.js';
export { AbTestComparison } from './widgets/AbTestComparison.js';
export { AbTestDifferences } from './widgets/AbTestDifferences.js';

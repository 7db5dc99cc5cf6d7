import { COMMON_OPTIONS, type OptionSchema } from '../../elements/option-types.js';

/**
 * Proposed attribute schemas of the RFM custom elements (for the element registry). Objects,
 * lists of objects and callbacks are `json` as for the other charts: attributes carry JSON,
 * properties take any value (functions too, e.g. `el.bands = basketBands`).
 */
const QUERY: OptionSchema = { query: 'json', report: 'string', params: 'json' };

/** `<clv-segment-treemap>`. */
export const SEGMENT_TREEMAP_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, ...QUERY, measure: 'string', switchable: 'boolean', segmentFilter: 'json', width: 'number', height: 'number' };

/** `<clv-scatter>` (`category-field=""` makes the legend highlight only). */
export const SCATTER_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  x: 'string', y: 'string', color: 'string', id: 'string', xLabel: 'string', yLabel: 'string', xKind: 'string', yKind: 'string',
  xScale: 'string', yScale: 'string', xDomain: 'json', yDomain: 'json', categoryField: 'string', categoryLabel: 'string',
  categoryFilter: 'json', labels: 'json', categories: 'list', bands: 'json', lines: 'json', canvasThreshold: 'number',
  radius: 'number', noun: 'string', width: 'number', height: 'number',
};

/** `<clv-scatter-3d>` (axes as JSON: `x='{"label":"Recency (days)","scale":"linear"}'`). */
export const SCATTER_3D_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  x: 'json', y: 'json', z: 'json', color: 'string', id: 'string', segmentFilter: 'json', view: 'json', step: 'number', width: 'number', height: 'number',
};

/** `<clv-cluster-histogram>`. */
export const CLUSTER_HISTOGRAM_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  field: 'string', clusterFilter: 'json', metricLabel: 'string', xKind: 'string', unit: 'string', width: 'number', height: 'number',
};

/** `<clv-segment-movement>`. */
export const SEGMENT_MOVEMENT_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, ...QUERY, from: 'string', to: 'string', showEmpty: 'boolean', timeZone: 'string' };

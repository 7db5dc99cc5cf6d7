import { COMMON_OPTIONS, type OptionSchema } from './option-types.js';

/**
 * Attribute schemas of the chart widgets. Objects, lists of objects and callbacks are `json`:
 * attributes carry JSON, properties take any value (functions too, e.g. `el.cellFilter = fn`).
 */
const QUERY: OptionSchema = { query: 'json', report: 'string', params: 'json' };
const BUCKET: OptionSchema = { bucket: 'string', buckets: 'list', bucketParam: 'string', bucketReports: 'json' };

/** `<clv-funnel>`. */
export const FUNNEL_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY, ...BUCKET,
  steps: 'json', step: 'string', value: 'string', label: 'string', stepField: 'string', bucketField: 'string',
  labels: 'json', stepFilters: 'json', stepFilter: 'json', orientation: 'string', valueKind: 'string', combine: 'string',
  noun: 'string', width: 'number', height: 'number', timeZone: 'string',
};

/** `<clv-cohort-heatmap>`. */
export const HEATMAP_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY, ...BUCKET,
  row: 'string', column: 'string', value: 'string', ratio: 'string', size: 'string', mode: 'string', valueKind: 'string',
  valueLabel: 'string', metaRows: 'string', metaColumns: 'string', metaSizes: 'string', columnLabels: 'json', columnTitle: 'string',
  rowField: 'string', columnField: 'string', rowBucket: 'string', cellFilter: 'json', width: 'number', timeZone: 'string', weekStart: 'number',
};

/** `<clv-histogram>`. */
export const HISTOGRAM_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  field: 'string', fieldLabel: 'string', x0: 'string', x1: 'string', value: 'string', xKind: 'string', valueLabel: 'string',
  binFilter: 'json', width: 'number', height: 'number',
};

/** `<clv-donut>`. */
export const DONUT_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  field: 'string', fieldLabel: 'string', category: 'string', value: 'string', label: 'string', labels: 'json',
  valueKind: 'string', valueLabel: 'string', sliceFilter: 'json', size: 'number',
};

/** `<clv-line-chart>`. */
export const LINE_CHART_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY, ...BUCKET,
  x: 'string', series: 'json', seriesField: 'string', value: 'string', labels: 'json', valueKind: 'string', hidden: 'list',
  field: 'string', timeUnit: 'string', seriesFilters: 'json', seriesFilter: 'json', width: 'number', height: 'number',
  timeZone: 'string', weekStart: 'number',
};

/** `<clv-journey>`. */
export const JOURNEY_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  step: 'string', value: 'string', gap: 'string', count: 'string', gapUnit: 'string', showIn: 'string', valueKind: 'string', figures: 'json',
  field: 'string', stepFilter: 'json', width: 'number', height: 'number',
};

/** `<clv-data-table>` and `<clv-customer-list>`. */
export const TABLE_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  columns: 'json', pageSize: 'number', sort: 'string', order: 'string', serverSide: 'boolean', paramNames: 'json', sortStyle: 'string', maxLimit: 'number', totalMeta: 'string',
  rowKey: 'string', rowField: 'string', rowLabel: 'string', rowFilter: 'json', exportable: 'boolean', filename: 'string',
  campaign: 'boolean', campaignLabel: 'string', download: 'json', noun: 'string', timeZone: 'string',
};

/** `<clv-pairs-table>` and `<clv-bought-with>`. */
export const PAIRS_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  first: 'string', second: 'string', item: 'string', anchor: 'string', anchorParam: 'string', metrics: 'json',
  field: 'string', fieldLabel: 'string', match: 'string', pairFilter: 'json', limit: 'number',
};

/** `<clv-location-breakdown>`. */
export const LOCATION_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, field: 'string', fieldLabel: 'string', table: 'string', metric: 'string', metrics: 'list', limit: 'number', width: 'number',
};

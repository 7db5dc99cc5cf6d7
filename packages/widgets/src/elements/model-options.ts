import { COMMON_OPTIONS, type OptionSchema } from './option-types.js';
import { TABLE_OPTIONS } from './chart-options.js';

/**
 * Attribute schemas of the model widgets' custom elements (CLV prediction, anomalies, search).
 * Callbacks and objects are `json` as for the other charts: attributes carry JSON, properties
 * take any value (functions too).
 */
const QUERY: OptionSchema = { query: 'json', report: 'string', params: 'json' };

/** `<clv-clv-timeline>`. */
export const CLV_TIMELINE_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  horizonDays: 'number', asOf: 'string', date: 'string', onDateChange: 'json', selectable: 'boolean', width: 'number', height: 'number', timeZone: 'string',
};

/** `<clv-date-customers>` (group `churners` or `newcomers`). */
export const CLV_DATE_CUSTOMERS_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, group: 'string', date: 'string', horizonDays: 'number', limit: 'number', bucket: 'string', timeZone: 'string', width: 'number',
};

/** `<clv-rates>`. */
export const CLV_RATES_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, date: 'string', horizonDays: 'number', limit: 'number', size: 'number', timeZone: 'string' };

/** `<clv-bars>`. */
export const CLV_BARS_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  by: 'string', category: 'string', metrics: 'list', field: 'string', fieldLabel: 'string', barFilter: 'json', limit: 'number', order: 'string', noun: 'string', width: 'number',
};

/** `<clv-segment-split>`. */
export const CLV_SEGMENT_SPLIT_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, field: 'string', split: 'string', fieldLabel: 'string', splitLabel: 'string', labels: 'json', measure: 'string', width: 'number',
};

/** `<clv-top-customers>` and `<clv-least-engaged>`: a data table plus the model's horizon and list size. */
export const CLV_CUSTOMER_TABLE_OPTIONS: OptionSchema = { ...TABLE_OPTIONS, limit: 'number', horizonDays: 'number' };

/** `<clv-anomaly-series>`. */
export const ANOMALY_SERIES_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  valueLabel: 'string', expectedLabel: 'string', valueKind: 'string', field: 'string', dayFilter: 'json', width: 'number', height: 'number', timeZone: 'string',
};

/** `<clv-anomaly-table>`. */
export const ANOMALY_TABLE_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, ...QUERY,
  keyKind: 'string', keyLabel: 'string', featureLabels: 'json', valueLabel: 'string', valueKind: 'string', field: 'string', rowFilter: 'json', pageSize: 'number', flaggedOnly: 'boolean', timeZone: 'string',
};

/** `<clv-search-box>` (listen for `clv-search-select`). */
export const SEARCH_BOX_OPTIONS: OptionSchema = {
  ...COMMON_OPTIONS, onChoose: 'json', limit: 'number', types: 'list', debounce: 'number', minLength: 'number', report: 'string', label: 'string', placeholder: 'string',
};

/** `<clv-entity-view type="product" value="...">`. */
export const ENTITY_VIEW_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, type: 'string', value: 'string', onClose: 'json' };

/** `<clv-ab-test-forest>` and `<clv-ab-test-verdicts>`: one row or card per tested subject. */
export const AB_TEST_RESULT_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, ...QUERY, field: 'string', fieldLabel: 'string', limit: 'number', width: 'number' };

/** `<clv-ab-test-pairs>`: per-customer before vs after of one subject. */
export const AB_TEST_PAIRS_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, ...QUERY, subject: 'string', width: 'number', height: 'number' };

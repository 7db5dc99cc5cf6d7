import type { Row } from '@clvkit/core';
import { hasField, read, readKey, readNumber, type Accessor } from './accessor.js';

/** A funnel step as the options name it: a key (a row column in the wide format, a step value in the long one), a label, the field it filters on. */
export interface FunnelStepDefinition {
  readonly key: string;
  readonly label?: string;
  /** The boolean field a click on the step filters on (`isIn(field, [true])`). */
  readonly field?: string;
}

/** One step of a drawn funnel. */
export interface FunnelStep {
  readonly key: string;
  readonly label: string;
  /** 0 for the first step. */
  readonly index: number;
  /** The step's count: summed over the result's buckets (or their mean, see `combine`). */
  readonly value: number;
  /** value / the previous step's value (null for the first step or a previous 0). */
  readonly fromPrevious: number | null;
  /** value / the first step's value (null when the first is 0). */
  readonly overall: number | null;
  /** The field the step filters on, when the options or the rows name one. */
  readonly field: string | null;
}

/** Overall conversion (last step / first step) of one bucket, for the trend line. */
export interface FunnelBucket {
  readonly bucket: number | string;
  readonly conversion: number | null;
}

/** How the funnel reads rows. */
export interface FunnelMapping {
  /** Step order, labels and fields; in the wide format the keys are the count columns. */
  readonly steps?: readonly (string | FunnelStepDefinition)[];
  /** Long format: the column naming the step of a row (default `step`). */
  readonly step: Accessor<Row>;
  /** Long format: the count (default `count`). */
  readonly value: Accessor<Row>;
  /** Long format: the step's label (default: `labels[key]`, else the key). */
  readonly label?: Accessor<Row>;
  /** Long format: the field the step filters on (default `field`). */
  readonly stepField: Accessor<Row>;
  /** The bucket of a row, for the trend of overall conversion (default: `bucket`, else `hour`). */
  readonly bucketField?: Accessor<Row>;
  readonly labels?: Readonly<Record<string, string>>;
  /** How rows of several buckets combine into one count per step (default `sum`). */
  readonly combine?: 'sum' | 'mean';
}

/**
 * Reads funnel steps from result rows in either format:
 * - long: one row per step (and bucket): `{step: 'basket', count: 40, bucket?}`;
 * - wide: one row per bucket with a count column per step: `{bucket, sessions: 100, basket: 40}`,
 *   the steps from `mapping.steps`, else `meta.steps` (strings or `{key, label, field}`), else
 *   every numeric column but the bucket, in column order.
 * Counts of the same step in several rows (buckets) are summed (or averaged with
 * `combine: 'mean'`); conversions are ratios of those counts.
 */
export function funnelData(rows: readonly Row[], meta: Readonly<Record<string, unknown>> | undefined, mapping: FunnelMapping): { steps: FunnelStep[]; buckets: FunnelBucket[] } {
  const definitions = stepDefinitions(mapping.steps ?? (Array.isArray(meta?.steps) ? (meta!.steps as unknown[]) : undefined), Array.isArray(meta?.fields) ? (meta!.fields as unknown[]) : []);
  const long = hasField(rows, mapping.step);
  const bucketField = mapping.bucketField ?? (!hasField(rows, 'bucket') && hasField(rows, 'hour') ? 'hour' : 'bucket');
  const totals = new Map<string, { label: string; field: string | null; sum: number; n: number }>();
  const perBucket = new Map<string | number, Map<string, number>>();
  const order: string[] = definitions.map((d) => d.key);
  const add = (key: string, label: string, field: string | null, value: number, bucket: string | number | null) => {
    let total = totals.get(key);
    if (!total) {
      total = { label, field, sum: 0, n: 0 };
      totals.set(key, total);
      if (!order.includes(key)) order.push(key);
    }
    total.sum += value;
    total.n += 1;
    if (bucket !== null) {
      const map = perBucket.get(bucket) ?? new Map<string, number>();
      map.set(key, (map.get(key) ?? 0) + value);
      perBucket.set(bucket, map);
    }
  };

  rows.forEach((row, i) => {
    const bucketKey = readKey(row, bucketField, i);
    const bucket = typeof bucketKey === 'boolean' ? String(bucketKey) : bucketKey;
    if (long) {
      const key = readKey(row, mapping.step, i);
      if (key === null) return;
      const text = String(key);
      const definition = definitions.find((d) => d.key === text);
      const rowLabel = mapping.label ? read(row, mapping.label, i) : undefined;
      const label = definition?.label ?? mapping.labels?.[text] ?? (typeof rowLabel === 'string' && rowLabel !== '' ? rowLabel : text);
      const rowField = read(row, mapping.stepField, i);
      const field = definition?.field ?? (typeof rowField === 'string' && rowField !== '' ? rowField : null);
      add(text, label, field, readNumber(row, mapping.value, i) ?? 0, bucket);
      return;
    }
    const wide = definitions.length > 0 ? definitions : inferWideSteps(row, bucketField);
    for (const definition of wide) {
      add(definition.key, definition.label ?? mapping.labels?.[definition.key] ?? definition.key, definition.field ?? null, readNumber(row, definition.key, i) ?? 0, bucket);
    }
  });

  const mean = mapping.combine === 'mean';
  const values = order.filter((key) => totals.has(key)).map((key) => {
    const t = totals.get(key)!;
    return { key, label: t.label, field: t.field, value: mean && t.n > 0 ? t.sum / t.n : t.sum };
  });
  const first = values[0]?.value ?? 0;
  const steps = values.map((v, index): FunnelStep => {
    const previous = index > 0 ? values[index - 1].value : null;
    return {
      ...v,
      index,
      fromPrevious: previous === null || previous === 0 ? null : v.value / previous,
      overall: first === 0 ? null : v.value / first,
    };
  });
  const firstKey = steps[0]?.key;
  const lastKey = steps[steps.length - 1]?.key;
  const buckets = [...perBucket.entries()]
    .map(([bucket, counts]): FunnelBucket => {
      const start = firstKey !== undefined ? (counts.get(firstKey) ?? 0) : 0;
      const end = lastKey !== undefined ? (counts.get(lastKey) ?? 0) : 0;
      return { bucket, conversion: start > 0 ? end / start : null };
    })
    .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
  return { steps, buckets };
}

/** Step definitions from options or `meta.steps`; `fields[i]` (as `meta.fields` lists them) names step i's field. */
function stepDefinitions(steps: readonly unknown[] | undefined, fields: readonly unknown[]): FunnelStepDefinition[] {
  if (!steps) return [];
  const out: FunnelStepDefinition[] = [];
  for (const [i, step] of steps.entries()) {
    const field = typeof fields[i] === 'string' && fields[i] !== '' ? (fields[i] as string) : undefined;
    if (typeof step === 'string' && step !== '') out.push({ key: step, field });
    else if (step && typeof step === 'object' && typeof (step as FunnelStepDefinition).key === 'string') {
      const s = step as FunnelStepDefinition;
      out.push({ key: s.key, label: typeof s.label === 'string' ? s.label : undefined, field: typeof s.field === 'string' ? s.field : field });
    }
  }
  return out;
}

const NOT_STEPS = new Set(['bucket', 'hour', 'stepIndex', 'conversionFromPrevious', 'conversionFromFirst', 'cohortSize']);

function inferWideSteps(row: Row, bucketField: Accessor<Row>): FunnelStepDefinition[] {
  return Object.keys(row)
    .filter((key) => key !== bucketField && !NOT_STEPS.has(key) && typeof row[key] === 'number')
    .map((key) => ({ key }));
}

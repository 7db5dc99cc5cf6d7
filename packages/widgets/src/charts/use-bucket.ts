import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QuerySpec, TimeUnit } from '@clvkit/core';
import { specParam, withParams } from './chart-query.js';

/** Options of a chart's bucket switch (day / week / month ...). */
export interface BucketSwitchProps {
  /** The bucket shown first (and whenever this option changes); default: the spec's. */
  readonly bucket?: string;
  /** The choices of the switch; one (or none) hides it. */
  readonly buckets?: readonly string[];
  /** The analysis param that holds the bucket (default `bucket`). */
  readonly bucketParam?: string;
  /**
   * One analysis per bucket, for reports named by bucket as in the seed
   * (`{"day": "daily_funnel", "week": "weekly_funnel"}`): the switch changes the report name.
   */
  readonly bucketReports?: Readonly<Record<string, string>>;
}

/** The bucket switch's state and the spec to query with the chosen bucket. */
export interface BucketSwitch {
  readonly spec: QuerySpec;
  /** The chosen bucket, or null when the spec has none. */
  readonly bucket: string | null;
  /** The switch's choices (empty or one: no switch is shown). */
  readonly choices: readonly string[];
  setBucket(bucket: string): void;
}

const LABELS: Readonly<Record<string, string>> = {
  hour: 'Hour', hourly: 'Hourly', day: 'Day', daily: 'Daily', week: 'Week', weekly: 'Weekly',
  month: 'Month', monthly: 'Monthly', quarter: 'Quarter', quarterly: 'Quarterly', year: 'Year', yearly: 'Yearly',
};

const UNITS: Readonly<Record<string, TimeUnit>> = {
  hour: 'hour', hourly: 'hour', day: 'day', daily: 'day', week: 'week', weekly: 'week',
  month: 'month', monthly: 'month', quarter: 'quarter', quarterly: 'quarter', year: 'year', yearly: 'year',
};

/** The switch label of a bucket value: "Week" for `week`, "Weekly" for `weekly`. */
export function bucketLabel(bucket: string): string {
  return LABELS[bucket] ?? bucket.charAt(0).toUpperCase() + bucket.slice(1);
}

/** The calendar unit of a bucket value (`weekly` -> `week`), or null for anything else. */
export function bucketUnit(bucket: string | null | undefined): TimeUnit | null {
  return bucket ? (UNITS[bucket] ?? null) : null;
}

/**
 * Preact hook: a bucket switch over `spec`. With `bucketReports` the switch picks the report;
 * with a bucket param in an analysis spec (or `buckets` given) it sets that param; on an
 * aggregate it sets the bucket of the first time group key. `fallbackChoices` are offered when
 * the spec has a bucket but `buckets` is not given.
 */
export function useBucketSwitch(spec: QuerySpec, props: BucketSwitchProps, fallbackChoices: readonly string[]): BucketSwitch {
  const param = props.bucketParam && props.bucketParam !== '' ? props.bucketParam : 'bucket';
  const reports = props.bucketReports && Object.keys(props.bucketReports).length > 0 ? props.bucketReports : null;
  const specBucket = currentBucket(spec, param, reports);
  const choices = useMemo(() => {
    if (specBucket === null && !(props.buckets && props.buckets.length > 0 && spec.kind === 'analysis')) return [];
    if (props.buckets && props.buckets.length > 0) return props.buckets;
    if (reports) return Object.keys(reports);
    return fallbackChoices;
  }, [specBucket, (props.buckets ?? []).join(','), reports ? JSON.stringify(reports) : '', fallbackChoices.join(','), spec.kind]);
  const initial = props.bucket ?? specBucket ?? choices[0] ?? null;
  const [bucket, setBucket] = useState<string | null>(initial);
  useEffect(() => {
    if (props.bucket) setBucket(props.bucket);
  }, [props.bucket]);
  const chosen = bucket ?? initial;
  const specKey = JSON.stringify(spec);
  const resolved = useMemo(() => applyBucket(spec, chosen, param, reports), [specKey, chosen, param, reports ? JSON.stringify(reports) : '']);
  return { spec: resolved, bucket: chosen, choices, setBucket };
}

function currentBucket(spec: QuerySpec, param: string, reports: Readonly<Record<string, string>> | null): string | null {
  if (spec.kind === 'aggregate') {
    const key = spec.groupBy?.find((k) => k.bucket !== undefined && bucketUnit(k.bucket) !== null);
    return key?.bucket ?? null;
  }
  if (reports) {
    const found = Object.entries(reports).find(([, name]) => name === spec.name);
    if (found) return found[0];
  }
  const value = specParam(spec, param);
  return typeof value === 'string' && value !== '' ? value : null;
}

function applyBucket(spec: QuerySpec, bucket: string | null, param: string, reports: Readonly<Record<string, string>> | null): QuerySpec {
  if (bucket === null) return spec;
  if (spec.kind === 'aggregate') {
    const unit = bucketUnit(bucket);
    if (!unit || !spec.groupBy) return spec;
    let done = false;
    const groupBy = spec.groupBy.map((key) => {
      if (done || key.bucket === undefined || bucketUnit(key.bucket) === null) return key;
      done = true;
      return { ...key, bucket: unit };
    });
    return { ...spec, groupBy };
  }
  if (reports) return reports[bucket] ? { ...spec, name: reports[bucket] } : spec;
  return withParams(spec, { [param]: bucket });
}

const PREFIX_BUCKETS: Readonly<Record<string, string>> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };

/**
 * The seed's report families named by bucket (`daily_funnel`, `weekly_funnel` ...): for a
 * name starting with one of `prefixes` (`hourly`, `daily`, `weekly`, `monthly`), the report of
 * each prefix by bucket, e.g. `{day: 'daily_cohort_from_1_to_2', week: 'weekly_cohort_from_1_to_2'}`;
 * null for other names.
 */
export function familyReports(name: string | undefined, prefixes: readonly string[]): Record<string, string> | null {
  const match = name ? /^(hourly|daily|weekly|monthly)_(.+)$/.exec(name) : null;
  if (!match || !prefixes.includes(match[1])) return null;
  return Object.fromEntries(prefixes.map((prefix) => [PREFIX_BUCKETS[prefix], `${prefix}_${match[2]}`]));
}

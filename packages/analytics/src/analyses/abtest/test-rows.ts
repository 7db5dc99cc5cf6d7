import type { Row } from '@clvkit/core';
import { beforeAfterTest, type BeforeAfterResult } from '../../models/abtest/before-after-test.js';
import { seedFor } from '../../models/abtest/prng.js';
import type { PairedMethod } from '../../models/abtest/normality.js';
import type { Verdict } from '../../models/abtest/verdict.js';
import type { AnalysisContext } from '../../types.js';
import { resamplesFor, type AbTestParams } from './params.js';
import type { CustomerPair } from './usage-samples.js';

/** The accept/reject split of the seed's report names (see README.md). */
export type AbOutcome = 'accept' | 'reject' | 'all';

/** A subject's pairs for the metric under test. */
export interface SubjectPairs {
  readonly subject: string;
  readonly pairs: readonly CustomerPair[];
}

/** One test row (the row contract of every A/B analysis). */
export interface AbTestRow extends Row {
  readonly test: string;
  readonly subject: string;
  readonly customers: number;
  readonly before: number;
  readonly after: number;
  readonly meanDifference: number;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly relativeChange: number | null;
  readonly relativeLow: number | null;
  readonly relativeHigh: number | null;
  readonly pValue: number;
  readonly method: 't' | 'wilcoxon' | 'welch';
  readonly statistic: number | null;
  readonly df: number | null;
  readonly effectSize: number | null;
  readonly acceptRatio: number | null;
  readonly verdict: Verdict;
}

/** What `testSubjects` returns: rows and the meta every before/after analysis reports. */
export interface TestedSubjects {
  readonly rows: AbTestRow[];
  readonly meta: Record<string, unknown>;
}

/**
 * Runs the paired test (`beforeAfterTest`) for each subject with at least `minCustomers`
 * pairs (the `limit` subjects with the most pairs; with `params.subject` only that one), then
 * keeps the rows of `outcome`: 'accept' = verdict increase, sorted by mean difference
 * descending; 'reject' = decrease or no significant change, sorted ascending; 'all' = every
 * row by mean difference descending. Each subject's bootstrap has its own seed
 * (`seedFor(seed, subject)`), so a result does not depend on the other subjects. A
 * checkpoint before each subject reports progress and lets the caller cancel. `meta.pairs`
 * lists the customers' pairs of `params.subject`, or with `params.pairs` of the first row's
 * subject (named in `meta.pairsSubject`).
 */
export async function testSubjects(
  context: AnalysisContext,
  test: string,
  subjects: readonly SubjectPairs[],
  params: AbTestParams,
  outcome: AbOutcome,
  clientNames: readonly string[],
): Promise<TestedSubjects> {
  const chosen = params.subject === null ? subjects : subjects.filter((s) => s.subject === params.subject);
  const eligible = chosen.filter((s) => s.pairs.length >= params.minCustomers);
  eligible.sort((a, b) => b.pairs.length - a.pairs.length || (a.subject < b.subject ? -1 : 1));
  const tested = eligible.slice(0, params.limit);
  const resamples = resamplesFor(params.resamples, tested.reduce((sum, s) => sum + s.pairs.length, 0));
  const all: AbTestRow[] = [];
  for (const [k, subject] of tested.entries()) {
    await context.checkpoint(k, tested.length, `Testing ${subject.subject} (${k + 1} of ${tested.length})`);
    all.push(testRow(test, subject, params, resamples));
  }
  await context.checkpoint(tested.length, tested.length, 'Tested');
  const rows = all.filter((r) => outcome === 'all' || (outcome === 'accept') === (r.verdict === 'increase'));
  rows.sort((a, b) => (outcome === 'reject' ? a.meanDifference - b.meanDifference : b.meanDifference - a.meanDifference) || (a.subject < b.subject ? -1 : 1));
  const meta: Record<string, unknown> = {
    test,
    outcome,
    windowDays: params.windowDays,
    alpha: params.alpha,
    resamples,
    minCustomers: params.minCustomers,
    tested: tested.length,
    subjects: chosen.length,
    // subjects with too few customers to test, or beyond the limit
    untested: chosen.length - tested.length,
  };
  if (params.subject !== null) meta.pairs = pairsOf(chosen[0]?.pairs ?? [], clientNames);
  else if (params.pairs) {
    const first = rows.length > 0 ? tested.find((s) => s.subject === rows[0].subject) : undefined;
    meta.pairs = first ? pairsOf(first.pairs, clientNames) : [];
    meta.pairsSubject = first?.subject ?? null;
  }
  return { rows, meta };
}

/** The test row of one subject (`method`: the paired test, default the normality rule). */
export function testRow(test: string, subject: SubjectPairs, params: Pick<AbTestParams, 'alpha' | 'seed'>, resamples: number, method: PairedMethod | 'auto' = 'auto'): AbTestRow {
  const before = Float64Array.from(subject.pairs, (p) => p.before);
  const after = Float64Array.from(subject.pairs, (p) => p.after);
  const result = beforeAfterTest(before, after, { alpha: params.alpha, resamples, seed: seedFor(params.seed, subject.subject), method });
  return rowOf(test, subject.subject, result, resamples);
}

function rowOf(test: string, subject: string, r: BeforeAfterResult, resamples: number): AbTestRow {
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return {
    test,
    subject,
    customers: r.customers,
    before: r.before,
    after: r.after,
    meanDifference: r.meanDifference,
    ciLow: resamples > 0 ? finite(r.ciLow) : null,
    ciHigh: resamples > 0 ? finite(r.ciHigh) : null,
    relativeChange: r.relativeChange,
    relativeLow: resamples > 0 ? r.relativeLow : null,
    relativeHigh: resamples > 0 ? r.relativeHigh : null,
    pValue: r.pValue,
    method: r.method,
    statistic: finite(r.statistic),
    df: r.df,
    effectSize: finite(r.effectSize),
    acceptRatio: resamples > 0 ? finite(r.acceptRatio) : null,
    verdict: r.verdict,
  };
}

/** Most pairs listed in `meta.pairs` (a scatter of more points says nothing more). */
export const MAX_LISTED_PAIRS = 2000;

/** `{ client, before, after }` per customer, at most `MAX_LISTED_PAIRS`, evenly spaced when more. */
export function pairsOf(pairs: readonly CustomerPair[], clientNames: readonly string[]): Row[] {
  const step = pairs.length > MAX_LISTED_PAIRS ? pairs.length / MAX_LISTED_PAIRS : 1;
  const out: Row[] = [];
  for (let k = 0; k < Math.min(pairs.length, MAX_LISTED_PAIRS); k++) {
    const p = pairs[Math.floor(k * step)];
    out.push({ client: clientNames[p.client] ?? String(p.client), before: p.before, after: p.after });
  }
  return out;
}

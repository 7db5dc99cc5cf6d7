import type { Row } from '@clvkit/core';
import { adjustRestComparisons, compareOneWithRest, pairwiseWelch, type UnadjustedRestComparison } from '../../models/abtest/comparison.js';
import { mean } from '../../models/abtest/descriptive.js';
import { seedFor } from '../../models/abtest/prng.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { readAbParams, resamplesFor } from './params.js';
import { usageSamples, type AbMetric } from './usage-samples.js';

const NAME = 'promotion_comparison';

/**
 * `promotion_comparison` (a seed report name): promotions compared with each other by the
 * change they brought. Each customer's uplift = after − before of `metric` (default
 * `amount`: average order value; `orders`: orders per customer) around their first use
 * (the samples of `usageSamples`). Promotions with at least `minCustomers` customers take part
 * (the `limit` largest).
 *
 * Rows, one per promotion, by mean difference descending: the test row of Welch's t test of
 * the promotion's uplifts against the uplifts of all other promotions' customers pooled,
 * Holm-adjusted over the promotions: `meanDifference` = mean uplift − the others' mean uplift,
 * `ciLow`/`ciHigh` its two-sample bootstrap interval, `pValue` Holm-adjusted, `effectSize`
 * Hedges' g, `acceptRatio` the share of bootstrap resamples whose Welch test (at alpha) does
 * not reject, `rejectRatio` = 1 − acceptRatio, `verdict` 'increase' when the promotion lifts
 * more than the others; `before`/`after` the promotion's own means, `uplift` its mean uplift,
 * `restUplift` the others'. From the pairwise Welch tests (Holm over all pairs): `wins` /
 * `losses` = promotions it beats / loses to significantly, `ties` the rest.
 * The filter's promotion clauses (a promotion picked) do not shrink the comparison: every
 * promotion is compared, and only the promotions used by an order passing the whole filter
 * are reported (with `subject`, only that one). Fewer than two promotions to compare: no rows. Meta: settings, and `pairs` (every pair: first, second, difference, t, df, pValue,
 * adjustedPValue, effectSize, verdict of first vs second).
 */
export const promotionComparison = defineAnalysis({
  name: NAME,
  description: 'Promotions compared by the change in spend (or orders) they brought, Welch tests with Holm correction',
  long: true,
  params: (raw) => {
    const { params, read } = readAbParams(NAME, raw, ['metric']);
    return { ...params, metric: read.oneOf<AbMetric>('metric', ['amount', 'orders'], 'amount') };
  },
  async run(context, params) {
    // Every promotion is compared; the filter's promotion clauses choose the rows reported.
    const samples = usageSamples(context, NAME, 'promotion', params.windowDays, true);
    const reported = promotionsInFilter(context);
    if (params.subject !== null) for (const name of [...reported]) if (name !== params.subject) reported.delete(name);
    const chosen = samples
      .map((s) => ({ subject: s.subject, pairs: s[params.metric] }))
      .filter((s) => s.pairs.length >= params.minCustomers)
      .sort((a, b) => b.pairs.length - a.pairs.length || (a.subject < b.subject ? -1 : 1))
      .slice(0, params.limit);
    const groups = chosen.map((s) => ({ name: s.subject, values: Float64Array.from(s.pairs, (p) => p.after - p.before) }));
    const total = groups.reduce((sum, g) => sum + g.values.length, 0);
    // each promotion's bootstrap draws its own customers and all the others'
    const resamples = resamplesFor(params.resamples, total * Math.max(1, groups.length));
    const pairs = pairwiseWelch(groups, params.alpha);
    const partial: UnadjustedRestComparison[] = [];
    if (groups.length >= 2) {
      for (let g = 0; g < groups.length; g++) {
        await context.checkpoint(g, groups.length, `Comparing ${groups[g].name} (${g + 1} of ${groups.length})`);
        partial.push(compareOneWithRest(groups, g, { alpha: params.alpha, resamples, seedOf: (name) => seedFor(params.seed, name) }));
      }
      await context.checkpoint(groups.length, groups.length, 'Compared');
    }
    const rest = adjustRestComparisons(partial, params.alpha);
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    const rows: Row[] = rest.filter((r) => reported.has(r.name)).map((r) => {
      const g = groups.findIndex((group) => group.name === r.name);
      const pairsOf = chosen[g].pairs;
      const wins = pairs.filter((p) => (p.first === r.name && p.verdict === 'increase') || (p.second === r.name && p.verdict === 'decrease')).length;
      const losses = pairs.filter((p) => (p.first === r.name && p.verdict === 'decrease') || (p.second === r.name && p.verdict === 'increase')).length;
      return {
        test: NAME,
        subject: r.name,
        customers: r.n,
        before: mean(pairsOf.map((p) => p.before)),
        after: mean(pairsOf.map((p) => p.after)),
        meanDifference: r.difference,
        ciLow: resamples > 0 ? finite(r.ciLow) : null,
        ciHigh: resamples > 0 ? finite(r.ciHigh) : null,
        pValue: r.adjustedPValue,
        method: 'welch',
        statistic: finite(r.t),
        df: r.df,
        effectSize: finite(r.effectSize),
        acceptRatio: resamples > 0 ? r.acceptRatio : null,
        rejectRatio: resamples > 0 ? 1 - r.acceptRatio : null,
        verdict: r.verdict,
        uplift: r.mean,
        restUplift: r.restMean,
        wins,
        losses,
        ties: groups.length - 1 - wins - losses,
      };
    });
    rows.sort((a, b) => (b.meanDifference as number) - (a.meanDifference as number) || ((a.subject as string) < (b.subject as string) ? -1 : 1));
    const meta = {
      test: NAME,
      metric: params.metric,
      windowDays: params.windowDays,
      alpha: params.alpha,
      resamples,
      minCustomers: params.minCustomers,
      tested: groups.length,
      untested: samples.length - groups.length,
      pairs: pairs.map((p) => ({ first: p.first, second: p.second, difference: p.difference, t: finite(p.t), df: p.df, pValue: p.pValue, adjustedPValue: p.adjustedPValue, effectSize: finite(p.effectSize), verdict: p.verdict })),
    };
    return { rows, meta };
  },
});

/** The promotions used by an order passing the whole filter (the ones a comparison reports). */
function promotionsInFilter(context: AnalysisContext): Set<string> {
  const column = context.dataset.sessions.columns.promotion_id;
  const out = new Set<string>();
  if (!column || column.type !== 'string') return out;
  const mask = context.sessionMask();
  const purchased = context.derived.purchased();
  const seen = new Uint8Array(column.dictionary.length);
  for (let i = 0; i < mask.length; i++) {
    const code = column.codes[i];
    if (mask[i] && purchased[i] && code >= 0 && !seen[code]) {
      seen[code] = 1;
      out.add(column.dictionary[code]);
    }
  }
  return out;
}

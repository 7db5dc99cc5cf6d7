import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { readAbParams, type AbTestParams } from './params.js';
import { testSubjects, type AbOutcome } from './test-rows.js';
import { usageSamples, type AbMetric, type TriggerKind } from './usage-samples.js';

/**
 * A before/after usage test analysis: the seed's `<kind>_usage_before_after_<metric>_<outcome>`
 * (accept / reject), or with outcome 'all' `<kind>_usage_before_after_<metric>`: every tested
 * subject (what the widgets draw).
 * Rows: one test row per subject (see README.md "A/B tests"); meta: the test settings,
 * `tested` / `untested` subject counts and, with `params.subject`, that subject's `pairs`.
 */
export function usageAnalysis(kind: TriggerKind, metric: AbMetric, outcome: AbOutcome): AnalysisDefinition<AbTestParams> {
  const name = outcome === 'all' ? `${kind}_usage_before_after_${metric}` : `${kind}_usage_before_after_${metric}_${outcome}`;
  const test = `${kind}_usage_before_after_${metric}`;
  return defineAnalysis({
    name,
    description: `${kind === 'promotion' ? 'Promotions' : 'Products'} whose customers' ${metric === 'orders' ? 'order count' : 'average order value'} ${outcome === 'accept' ? 'rose significantly' : outcome === 'reject' ? 'did not rise significantly' : 'before vs after'} in the days after their first ${kind === 'promotion' ? 'use' : 'purchase'}`,
    tables: kind === 'product' ? ['lines'] : [],
    long: true,
    params: (raw) => readAbParams(name, raw).params,
    async run(context, params) {
      const samples = usageSamples(context, name, kind, params.windowDays);
      const clients = context.dataset.sessions.columns.client;
      const names = clients && clients.type === 'string' ? clients.dictionary : [];
      const { rows, meta } = await testSubjects(context, test, samples.map((s) => ({ subject: s.subject, pairs: s[metric] })), params, outcome, names);
      return { rows, meta: { ...meta, metric, kind } };
    },
  });
}

import type { AnalysisContext } from '../../types.js';
import type { SummaryColumns } from '../../models/clv/summary.js';
import { clvModel } from './fitted-model.js';
import { DEFAULT_HORIZON_DAYS } from './params.js';
import { predictionsOf, type Predictions } from './predictions.js';
import { clvScope, selectedClients } from './scope.js';
import type { AsOfParam } from '../../as-of.js';

/** Every customer's CLV predictions, for other analyses (e.g. an anomaly detector's baseline). */
export interface CustomerPredictions extends Predictions {
  /** Row i is client code `summary.client[i]`; x, t_x (`tx`), T, monetary in days. */
  readonly summary: SummaryColumns;
  /** Per row, 1 when the context's customer clauses select the customer. */
  readonly selected: Uint8Array;
  readonly asOf: number;
}

/**
 * The predictions the CLV analyses report (see client_feature_predicted), for use inside another
 * long analysis: fits (or reuses the cached) BG/NBD + Gamma-Gamma model of the context's
 * order clauses and as-of, reporting progress through `context.checkpoint`. Null when the
 * dataset has no session times.
 * @throws ClvFitError when the model cannot be fitted.
 */
export async function clvCustomerPredictions(context: AnalysisContext, options: { asOf?: AsOfParam; horizonDays?: number; discountRate?: number; analysis?: string } = {}): Promise<CustomerPredictions | null> {
  const scope = clvScope(context, options.analysis ?? 'clv', options.asOf);
  if (!scope) return null;
  const model = await clvModel(context, scope);
  const predictions = await predictionsOf(context, model, options.horizonDays ?? DEFAULT_HORIZON_DAYS, options.discountRate ?? 0.01);
  const clients = selectedClients(context, scope);
  const selected = new Uint8Array(model.summary.length);
  for (let i = 0; i < selected.length; i++) selected[i] = !clients || clients[model.summary.client[i]] ? 1 : 0;
  return { ...predictions, summary: model.summary, selected, asOf: model.asOf };
}

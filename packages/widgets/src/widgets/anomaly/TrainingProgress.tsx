import type { UseQueryResult } from '../../data/use-query.js';
import { progressOf, progressText } from './progress.js';

/** Props of `TrainingProgress`. */
export interface TrainingProgressProps {
  readonly state: UseQueryResult<unknown>;
}

/**
 * The progress of a long analysis while it runs ("Training autoencoder: epoch 3 / 20") as a
 * native progress bar with its text, announced politely. Renders nothing when the query is
 * not loading or reports no progress (the widget's skeleton says "Loading …" then).
 */
export function TrainingProgress({ state }: TrainingProgressProps) {
  const progress = progressOf(state);
  if (!progress) return null;
  const text = progressText(progress);
  return (
    <div class="clv-training" data-done={progress.done} data-total={progress.total}>
      <progress class="clv-training-bar" max={progress.total} value={progress.done} aria-label={text} />
      <span class="clv-training-text" role="status">
        {text}
      </span>
    </div>
  );
}

import type { QueryState } from '../../data/query-state.js';

/** How far a long analysis has got (the engine's `onProgress` payload): `done` of `total` steps. */
export interface QueryProgress {
  readonly done: number;
  readonly total: number;
  /** What it is doing, e.g. "Training autoencoder". */
  readonly message?: string;
}

/**
 * The latest progress of a loading query, or null. Reads `state.progress`, which `useQuery`
 * fills from `engine.query(spec, { onProgress })` for long analyses; states without it (an
 * engine or a hook that does not report progress) give null, so the widget shows its plain
 * loading state.
 */
export function progressOf(state: QueryState<unknown>): QueryProgress | null {
  if (state.status !== 'loading') return null;
  const progress = (state as { readonly progress?: unknown }).progress;
  if (!progress || typeof progress !== 'object') return null;
  const { done, total, message } = progress as { done?: unknown; total?: unknown; message?: unknown };
  if (typeof done !== 'number' || typeof total !== 'number' || !Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return null;
  return { done: Math.min(Math.max(done, 0), total), total, message: typeof message === 'string' && message !== '' ? message : undefined };
}

/**
 * The progress as one line of text, e.g. "Training autoencoder: epoch 3 / 20". A message that
 * already carries numbers is shown as it is; a training message gets "epoch done / total",
 * any other message "done / total".
 */
export function progressText(progress: QueryProgress): string {
  const counts = `${Math.round(progress.done)} / ${Math.round(progress.total)}`;
  if (!progress.message) return `Step ${counts}`;
  if (/\d/.test(progress.message)) return progress.message;
  return /autoencoder|training/i.test(progress.message) ? `${progress.message}: epoch ${counts}` : `${progress.message}: ${counts}`;
}

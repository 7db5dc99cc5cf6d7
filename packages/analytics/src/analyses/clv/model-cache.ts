import { throwIfAborted } from '../../context.js';
import type { DerivedColumns } from '../../derived.js';

/**
 * Fitted CLV models shared by the CLV analyses of one dataset (daily_clv,
 * client_feature_predicted, clvsegments_amount and clv_by on the same data, filter and as-of
 * fit once). Kept in the dataset's DerivedColumns memo, at most `CAPACITY` fits (least recently
 * used dropped). A fit in progress is shared too: a second analysis waits for it instead of
 * fitting again; if the first one is cancelled, the waiter fits on its own. Failures other
 * than cancellations are remembered (the same data fails the same way).
 */
const CAPACITY = 8;

type Entry<T> = { readonly model: T } | { readonly pending: Promise<T>; readonly owner: AbortSignal } | { readonly error: unknown };

class ModelCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  get(key: string): Entry<T> | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry<T>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > CAPACITY) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  delete(key: string, entry: Entry<T>): void {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
  }
}

/**
 * The model cached under `key` for `derived`'s dataset, fitting it with `fit` when absent.
 * `signal` cancels this caller's wait (or its own fit, through `fit`'s checkpoints).
 */
export async function sharedModel<T>(derived: DerivedColumns, key: string, signal: AbortSignal, fit: () => Promise<T>): Promise<T> {
  const cache = derived.memo('clv:models', () => new ModelCache<unknown>()) as ModelCache<T>;
  for (;;) {
    throwIfAborted(signal);
    const entry = cache.get(key);
    if (entry && 'model' in entry) return entry.model;
    if (entry && 'error' in entry) throw entry.error;
    if (entry && 'pending' in entry) {
      try {
        return await untilAborted(entry.pending, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        if (entry.owner.aborted) continue; // its owner was cancelled: fit here
        throw error;
      }
    }
    const pending = fit();
    const mine: Entry<T> = { pending, owner: signal };
    cache.set(key, mine);
    try {
      const model = await pending;
      if (cache.get(key) === mine) cache.set(key, { model });
      return model;
    } catch (error) {
      if (signal.aborted) cache.delete(key, mine);
      else if (cache.get(key) === mine) cache.set(key, { error });
      throw error;
    }
  }
}

/** `promise`, or a rejection with the abort reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        throwIfAborted(signal);
      } catch (error) {
        reject(error);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

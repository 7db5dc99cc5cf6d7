/** A promise with its settle functions, that knows whether it has settled. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  resolve(value: T): void;
  reject(error: Error): void;
}

/** A deferred whose rejection never counts as unhandled (callers may not be listening yet). */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  const state = {
    promise,
    settled: false,
    resolve(value: T) {
      if (state.settled) return;
      state.settled = true;
      resolve(value);
    },
    reject(error: Error) {
      if (state.settled) return;
      state.settled = true;
      reject(error);
    },
  };
  return state;
}

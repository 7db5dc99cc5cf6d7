/**
 * The part of `Worker` the engine uses. A browser `Worker`, the in-thread worker of inline mode
 * and a Node `worker_threads` wrapper all fit.
 */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

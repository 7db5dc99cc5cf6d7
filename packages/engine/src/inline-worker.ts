import { exposeWorkerApi } from './serve-worker-api.js';
import type { WorkerApi } from './worker-api.js';
import type { WorkerLike } from './worker-like.js';

type Listener = (event: Event) => void;

/**
 * A worker that runs on the calling thread: the API is exposed on one end of a MessageChannel
 * and the engine talks to the other end, so every request and result is structured-cloned
 * exactly as with a real Worker (Node scripts, tests and SSR get the same semantics). If the
 * API fails to load, an `error` event is dispatched as a real worker would.
 */
export function createInlineWorker(api: WorkerApi | Promise<WorkerApi>): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const errorListeners = new Set<Listener>();
  let terminated = false;

  Promise.resolve(api).then(
    (resolved) => {
      if (!terminated) exposeWorkerApi(resolved, port2);
    },
    (error: unknown) => {
      if (terminated) return;
      const event = Object.assign(new Event('error'), { error, message: error instanceof Error ? error.message : String(error) });
      for (const listener of [...errorListeners]) listener(event);
    },
  );

  return {
    postMessage(message, transfer) {
      if (!terminated) port1.postMessage(message, transfer ?? []);
    },
    addEventListener(type, listener) {
      if (type === 'error') {
        errorListeners.add(listener);
        return;
      }
      port1.addEventListener(type, listener as EventListener);
      port1.start();
    },
    removeEventListener(type, listener) {
      if (type === 'error') errorListeners.delete(listener);
      else port1.removeEventListener(type, listener as EventListener);
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      errorListeners.clear();
      port1.close();
      port2.close();
    },
  };
}

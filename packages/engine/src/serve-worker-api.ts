import * as Comlink from 'comlink';
import { isBatchMessage, type BatchMessage, type BatchResult, type ResultsMessage } from './batch-protocol.js';
import { clip } from './errors.js';
import type { WorkerApi } from './worker-api.js';

/**
 * How long finished answers of a batch may wait for the rest of it before they are sent
 * anyway: one frame. A batch that finishes sooner (the usual brush: eight quick aggregates)
 * is answered in one message, so the page renders every widget in one task and paints once; a
 * batch with a long analysis in it does not hold the quick answers back for longer.
 */
export const REPLY_WINDOW_MS = 16;

type Listener = (event: MessageEvent) => void;

/**
 * Serves `api` on `endpoint` (a worker's global scope, or a MessagePort): batches of queries
 * (`batch-protocol.ts`) are answered here, every other message goes to comlink.
 */
export function exposeWorkerApi(api: WorkerApi, endpoint: Comlink.Endpoint): void {
  const onBatch = batchHandler(api, (message) => endpoint.postMessage(message));
  // Comlink must not see batches: it would answer each with an empty reply.
  const wrapped = new Map<EventListenerOrEventListenerObject, Listener>();
  const forComlink: Comlink.Endpoint = {
    postMessage: (message: unknown, transfer?: Transferable[]) => endpoint.postMessage(message, transfer),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: object) {
      const filtered: Listener = (event) => {
        if (isBatchMessage(event.data)) return;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, filtered);
      endpoint.addEventListener(type, filtered as EventListener, options);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: object) {
      const filtered = wrapped.get(listener);
      if (!filtered) return;
      wrapped.delete(listener);
      endpoint.removeEventListener(type, filtered as EventListener, options);
    },
  };
  endpoint.addEventListener('message', ((event: MessageEvent) => {
    if (isBatchMessage(event.data)) onBatch(event.data);
  }) as EventListener);
  Comlink.expose(api, forComlink);
  // A MessagePort delivers nothing until started (comlink only starts the endpoint it was given).
  (endpoint as { start?: () => void }).start?.();
}

/**
 * Handles one batch: cancels first (a newer frame's batch carries the ids its queries made
 * stale), then queues every query through `api.query` (so caching, the one-at-a-time queue,
 * cancellation and progress behave as for single calls), and posts the answers together when
 * the last one is in, or what is in after `REPLY_WINDOW_MS` when the batch takes longer.
 */
export function batchHandler(api: WorkerApi, post: (message: ResultsMessage) => void, windowMs = REPLY_WINDOW_MS): (message: BatchMessage) => void {
  return (message) => {
    for (const id of message.cancel) api.cancel(id);
    if (message.prefetch) api.prefetch(message.prefetch);
    let open = message.jobs.length;
    if (open === 0) return;
    const outbox: BatchResult[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (outbox.length > 0) postResults(post, outbox.splice(0));
    };
    for (const job of message.jobs) {
      void api.query(job.id, job.request).then((outcome) => {
        outbox.push({ id: job.id, outcome });
        open--;
        if (open === 0) flush();
        else timer ??= setTimeout(flush, windowMs);
      });
    }
  };
}

/**
 * Posts answers together; when that fails (an analysis returned something structured clone
 * refuses: a function, a symbol, a class instance holding one), posts them one by one and
 * replaces each answer that cannot be sent by an error saying so. Without this the whole
 * message, and with it every answer of the batch, would be lost and its widgets would wait
 * forever (the worker still answers pings, so nothing would restart it).
 */
function postResults(post: (message: ResultsMessage) => void, results: BatchResult[]): void {
  try {
    post({ clv: 'results', results });
    return;
  } catch {
    // find the answers that cannot be cloned, below
  }
  for (const result of results) {
    try {
      post({ clv: 'results', results: [result] });
    } catch (error) {
      const reason = clip(error instanceof Error ? error.message : String(error), 300);
      post({
        clv: 'results',
        results: [
          {
            id: result.id,
            outcome: {
              ok: false,
              error: {
                name: 'DataCloneError',
                message: `The query's result could not be sent from the analytics worker (${reason}): an analysis must return plain data (numbers, strings, booleans, null, dates, arrays and plain objects)`,
              },
            },
          },
        ],
      });
    }
  }
}

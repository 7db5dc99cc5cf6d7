import * as Comlink from 'comlink';
import { isResultsMessage, type BatchMessage, type BatchResult } from './batch-protocol.js';
import { EngineError } from './errors.js';
import type { WorkerApi } from './worker-api.js';
import type { WorkerLike } from './worker-like.js';

/** What a connection reports to its engine. */
export interface ConnectionHooks {
  /** Any message arrived from the worker (a sign of life). */
  onMessage(): void;
  /** Answers to batched queries arrived (see batch-protocol.ts). */
  onResults(results: readonly BatchResult[]): void;
  /** The worker failed (`error` or `messageerror` event); it is treated as dead. */
  onFailure(error: Error): void;
}

/** One worker and the comlink proxy over it. */
export interface Connection {
  readonly remote: Comlink.Remote<WorkerApi>;
  /** True once the worker has sent anything (tells "never started" from "crashed"). */
  readonly started: boolean;
  /** Sends a batch of queries and cancellations as one message. */
  post(message: BatchMessage): void;
  /** Removes the listeners and terminates the worker. */
  close(): void;
}

/** Wraps a worker with comlink and watches it for failure. */
export function connect(worker: WorkerLike, hooks: ConnectionHooks): Connection {
  let started = false;
  let closed = false;
  const onMessage = (event: Event): void => {
    started = true;
    hooks.onMessage();
    const data = (event as MessageEvent).data;
    if (isResultsMessage(data)) hooks.onResults(data.results);
  };
  const onError = (event: Event): void => hooks.onFailure(errorFromEvent(event, started));
  const onMessageError = (): void => hooks.onFailure(new EngineError('A message from the analytics worker could not be deserialised'));
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  const remote = Comlink.wrap<WorkerApi>(worker as unknown as Comlink.Endpoint);
  return {
    remote,
    get started() {
      return started;
    },
    post(message) {
      if (!closed) worker.postMessage(message);
    },
    close() {
      if (closed) return;
      closed = true;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      worker.terminate();
    },
  };
}

/** A readable error from a worker `error` event (an ErrorEvent, or a bare Event when the script failed to load). */
function errorFromEvent(event: Event, started: boolean): Error {
  const detail = event as Event & { message?: unknown; error?: unknown; filename?: unknown; lineno?: unknown };
  const cause = detail.error instanceof Error ? detail.error : undefined;
  const text = typeof detail.message === 'string' && detail.message ? detail.message : cause?.message;
  if (!started && !text) {
    return new EngineError(
      'The analytics worker could not be started: its script failed to load (check that your bundler emitted the worker file and that the Content-Security-Policy allows it)',
    );
  }
  const where = typeof detail.filename === 'string' && detail.filename ? ` (${detail.filename}${detail.lineno ? `:${String(detail.lineno)}` : ''})` : '';
  return new EngineError(`The analytics worker failed: ${text ?? 'unknown error'}${where}`, { cause });
}

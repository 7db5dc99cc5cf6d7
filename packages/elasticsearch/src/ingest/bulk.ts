import type { Client } from '@elastic/elasticsearch';
import { jsonHeaders, ndjsonHeaders, type RestCompatibility } from './compat.js';
import type { IdentifiedDocument } from './documents.js';

/**
 * Streams documents into one index with the bulk API: `index` actions (so a document with an id
 * already there is replaced, and a rerun of the same input writes the same ids: no duplicates),
 * in batches of `batchSize` documents, at most `concurrency` batches in flight. Documents are
 * pulled from the iterator only when a batch slot is free, so a slow cluster slows the reader
 * (backpressure) instead of filling memory. Items answered 429 (the cluster's write queue is
 * full) are sent again after a growing pause, up to `maxRetries` times; every other item error
 * is counted under its Elasticsearch error type with a few samples.
 */

/** Options of `bulkIndex`. */
export interface BulkOptions {
  /** Documents per bulk request. Default 1000. */
  readonly batchSize?: number;
  /** Bulk requests in flight at once. Default 2. */
  readonly concurrency?: number;
  /** Resends of an item (or a whole request) answered 429. Default 5. */
  readonly maxRetries?: number;
  /** First pause before a resend, doubled each time. Default 200 ms. */
  readonly retryDelayMs?: number;
  /** `refresh` of the last request (`wait_for` makes the documents searchable before returning). Default false. */
  readonly refresh?: boolean | 'wait_for';
  /** Stops after the batches in flight (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /** REST compatibility headers (default 8: works with 8.x and 9.x clusters; see compat.ts). */
  readonly restCompatibility?: RestCompatibility;
  /** Called after each batch with the running counts (for progress output). */
  readonly onProgress?: (report: BulkReport) => void;
}

/** A failed item, as the cluster named it. */
export interface BulkItemFailure {
  readonly id: string;
  readonly status: number;
  /** Elasticsearch's error type, e.g. `strict_dynamic_mapping_exception`. */
  readonly type: string;
  readonly reason: string;
}

/** What `bulkIndex` did. `documents === written + failed` always holds. */
export interface BulkReport {
  readonly index: string;
  /** Documents read from the input. */
  documents: number;
  /** Items the cluster accepted: created + updated. */
  written: number;
  /** New ids. */
  created: number;
  /** Ids that were there already (a rerun replaces them). */
  updated: number;
  /** Items that failed for good. */
  failed: number;
  /** Failed items by Elasticsearch error type. */
  readonly errors: Record<string, number>;
  /** The first failures (at most 20). */
  readonly samples: BulkItemFailure[];
  /** Bulk requests sent (retries included). */
  requests: number;
  /** Items sent again after a 429. */
  retried: number;
}

/** A bulk request failed as a whole (not per item): connection, auth, 5xx after the client's retries. */
export class BulkRequestError extends Error {
  override readonly name = 'BulkRequestError';
  constructor(
    message: string,
    /** The counts up to the failure. */
    readonly report: BulkReport,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const MAX_SAMPLES = 20;

/** Indexes `documents` into `index`; resolves with the counts once every batch is answered. */
export async function bulkIndex(
  client: Client,
  index: string,
  documents: Iterable<IdentifiedDocument<object>> | AsyncIterable<IdentifiedDocument<object>>,
  options: BulkOptions = {},
): Promise<BulkReport> {
  const batchSize = positive('batchSize', options.batchSize ?? 1000);
  const concurrency = positive('concurrency', options.concurrency ?? 2);
  const maxRetries = options.maxRetries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const compat = options.restCompatibility === undefined ? 8 : options.restCompatibility;
  const report: BulkReport = { index, documents: 0, written: 0, created: 0, updated: 0, failed: 0, errors: {}, samples: [], requests: 0, retried: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  const fail = (item: BulkItemFailure) => {
    report.failed++;
    report.errors[item.type] = (report.errors[item.type] ?? 0) + 1;
    if (report.samples.length < MAX_SAMPLES) report.samples.push(item);
  };

  const send = async (batch: IdentifiedDocument<object>[], refresh: BulkOptions['refresh']): Promise<void> => {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(retryDelayMs * 2 ** (attempt - 1), options.signal);
      const operations: object[] = [];
      for (const { id, document } of pending) operations.push({ index: { _index: index, _id: id } }, document);
      report.requests++;
      let items: Record<string, BulkResponseItem>[];
      try {
        const response = await client.bulk({ operations, ...(refresh && { refresh }) }, { signal: options.signal, headers: ndjsonHeaders(compat) });
        items = response.items as unknown as Record<string, BulkResponseItem>[];
      } catch (error) {
        if (statusOf(error) === 429 && attempt < maxRetries) {
          report.retried += pending.length;
          continue;
        }
        throw error;
      }
      const again: IdentifiedDocument<object>[] = [];
      items.forEach((entry, k) => {
        const item = entry.index ?? Object.values(entry)[0];
        if (item.status >= 200 && item.status < 300) {
          report.written++;
          if (item.result === 'created') report.created++;
          else report.updated++;
        } else if (item.status === 429 && attempt < maxRetries) {
          again.push(pending[k]);
        } else {
          fail({ id: pending[k].id, status: item.status, type: item.error?.type ?? `http_${item.status}`, reason: item.error?.reason ?? '' });
        }
      });
      report.retried += again.length;
      pending = again;
    }
  };

  const launch = (batch: IdentifiedDocument<object>[], refresh: BulkOptions['refresh']) => {
    const job = send(batch, refresh)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => {
        inFlight.delete(job);
        options.onProgress?.(report);
      });
    inFlight.add(job);
  };

  let batch: IdentifiedDocument<object>[] = [];
  for await (const entry of documents as AsyncIterable<IdentifiedDocument<object>>) {
    if (failure) break;
    options.signal?.throwIfAborted();
    report.documents++;
    batch.push(entry);
    if (batch.length < batchSize) continue;
    launch(batch, false);
    batch = [];
    // Backpressure: read on only when a slot is free.
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (!failure && (batch.length > 0 || options.refresh)) {
    // The last batch carries the refresh (an empty one only when a refresh is wanted).
    if (batch.length > 0) launch(batch, options.refresh);
    else await client.indices.refresh({ index }, { signal: options.signal, headers: jsonHeaders(compat) }).catch((error) => (failure ??= error));
    await Promise.all(inFlight);
  }
  if (failure) {
    options.signal?.throwIfAborted();
    throw new BulkRequestError(`bulk indexing into "${index}" stopped: ${describe(failure)} (${report.written} of ${report.documents} documents read were written)`, report, failure);
  }
  return report;
}

interface BulkResponseItem {
  readonly status: number;
  readonly result?: string;
  readonly error?: { readonly type?: string; readonly reason?: string };
}

function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } })?.meta?.statusCode;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  const name = (error as Error)?.name ?? 'Error';
  return status ? `${name} (HTTP ${status})` : `${name}: ${(error as Error)?.message ?? String(error)}`;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`bulk: ${name} must be an integer >= 1, got ${value}`);
  return value;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

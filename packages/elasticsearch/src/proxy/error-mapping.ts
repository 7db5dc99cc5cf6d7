import { ProxyError } from './errors.js';

/**
 * Turns whatever a request failed with into the `ProxyError` the browser sees. The message is
 * the proxy's own, never the cluster's (an Elasticsearch error names indices, fields, shards,
 * sometimes hosts); the original error stays as `cause` for the host's `onError` log.
 *
 * - errors of the query layer: `UnsupportedQueryError` -> 422, `QueryLimitError` -> 422,
 *   `SearchResponseError` -> 504 (timed out) or 502 (an error or unreadable answer), a core
 *   `UnknownFieldError` or `MissingInputError` -> 400;
 * - the client's errors (@elastic/transport): a timeout or our own abort -> 504; a response
 *   429 -> 503 (the cluster is busy); other responses -> 502; connection and deserialisation
 *   errors -> 502;
 * - anything else -> 500, with a generic message.
 */
export function toProxyError(error: unknown, timedOut: boolean): ProxyError {
  if (error instanceof ProxyError) return error;
  const name = (error as Error)?.name ?? '';
  const message = (error as Error)?.message ?? '';
  if (timedOut || name === 'TimeoutError') return new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again', { cause: error });
  switch (name) {
    case 'UnsupportedQueryError':
      return new ProxyError('unsupported', safe(message, 'this query cannot run on Elasticsearch'), { cause: error });
    case 'QueryLimitError':
      return new ProxyError('query-limit', safe(message, 'the query needs more buckets or rows than this endpoint allows'), { cause: error });
    case 'SearchResponseError':
      return (error as { reason?: string }).reason === 'timeout'
        ? new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again', { cause: error })
        : new ProxyError('upstream', 'the data store could not answer this query', { cause: error });
    case 'UnknownFieldError':
    case 'MissingInputError':
      return new ProxyError('invalid-request', safe(message, 'the query names something this data does not have'), { cause: error });
    case 'ResponseError': {
      const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode ?? 0;
      if (status === 429) return new ProxyError('cluster-busy', 'the data store is busy; try again in a moment', { cause: error, headers: { 'retry-after': '1' } });
      if (status === 408 || status === 504) return new ProxyError('timeout', 'the query took longer than this endpoint allows; narrow the selection or try again', { cause: error });
      return new ProxyError('upstream', 'the data store could not answer this query', { cause: error });
    }
    case 'RequestAbortedError':
      return new ProxyError('timeout', 'the query was stopped before it finished', { cause: error });
    case 'ConnectionError':
    case 'NoLivingConnectionsError':
    case 'DeserializationError':
    case 'SerializationError':
    case 'ProductNotSupportedError':
    case 'ElasticsearchClientError':
      return new ProxyError('upstream', 'the data store could not be reached or answered something unreadable', { cause: error });
    default:
      return new ProxyError('internal', 'the query failed inside the proxy', { cause: error });
  }
}

/**
 * The query layer's messages describe the request (which spec, which field, why), written for
 * the browser; still, keep them short and single-line so nothing else can ride along.
 */
function safe(message: string, fallback: string): string {
  if (!message) return fallback;
  const line = message.split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

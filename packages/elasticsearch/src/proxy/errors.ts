/**
 * The proxy's errors: each has the HTTP status and the stable `code` the browser receives in
 * `{ error: { code, message } }`. Messages name what was wrong in the request and how to fix it,
 * never anything about the cluster (index names, hosts, stack traces); those go to `onError`.
 */

/** Error codes and their HTTP status. */
export const PROXY_ERROR_STATUS = Object.freeze({
  'invalid-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'too-large': 413,
  'unsupported-media-type': 415,
  unsupported: 422,
  'query-limit': 422,
  'rate-limited': 429,
  internal: 500,
  upstream: 502,
  'cluster-busy': 503,
  timeout: 504,
} as const);

/** A code of `PROXY_ERROR_STATUS`. */
export type ProxyErrorCode = keyof typeof PROXY_ERROR_STATUS;

/**
 * An error the proxy answers with. Hosts may throw one from `authorize` or `tenantFilter` to
 * choose the answer (e.g. `new ProxyError('unauthorized', 'sign in first')`).
 */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  readonly status: number;
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = PROXY_ERROR_STATUS[code];
    this.headers = options.headers ?? {};
  }
  /** Extra response headers (e.g. `retry-after`). */
  readonly headers: Record<string, string>;
}

/** A 400 naming the path in the body that is wrong: `request.spec.groupBy[0].field: ...`. */
export function invalid(path: string, message: string): ProxyError {
  return new ProxyError('invalid-request', path ? `${path}: ${message}` : message);
}

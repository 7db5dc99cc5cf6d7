/**
 * Request headers that ask for Elasticsearch 8 REST compatibility. The official client 9.x
 * sends `compatible-with=9` on every request, which an 8.x cluster refuses (400
 * `media_type_header_exception`: "Accept version must be either version 8 or 7, but found 9").
 * A 9.x cluster accepts `compatible-with=8` (REST API compatibility) and then answers in the 8.x
 * shapes the query layer reads, so ingest and the proxy send these per request by default and
 * work against both majors with the one client. `restCompatibility: null` leaves the client's
 * own headers (e.g. for Elastic Cloud Serverless).
 */

/** The compatibility version to ask for, or null for the client's default headers. */
export type RestCompatibility = 8 | null;

/** Headers of a JSON request, for `client.x(params, { headers })`. */
export function jsonHeaders(version: RestCompatibility): Record<string, string> | undefined {
  if (version === null) return undefined;
  const type = `application/vnd.elasticsearch+json; compatible-with=${version}`;
  return { accept: type, 'content-type': type };
}

/** Headers of an NDJSON (bulk) request. */
export function ndjsonHeaders(version: RestCompatibility): Record<string, string> | undefined {
  if (version === null) return undefined;
  return { accept: `application/vnd.elasticsearch+json; compatible-with=${version}`, 'content-type': `application/vnd.elasticsearch+x-ndjson; compatible-with=${version}` };
}

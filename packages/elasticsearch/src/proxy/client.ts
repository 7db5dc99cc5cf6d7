import { Client, type ClientOptions } from '@elastic/elasticsearch';

/**
 * The official client from the usual environment variables, for hosts that configure the
 * cluster that way (and for the example server): `ES_URL`, then `ES_API_KEY`, or
 * `ES_USERNAME` and `ES_PASSWORD`. `overrides` win (e.g. `{ node }`, `tls`, `maxRetries`).
 */
export function clientFromEnv(env: Readonly<Record<string, string | undefined>>, overrides: Partial<ClientOptions> = {}): Client {
  const node = (overrides.node as string | undefined) ?? env.ES_URL;
  if (!node) throw new TypeError('clientFromEnv: set ES_URL (or pass { node })');
  let auth: ClientOptions['auth'];
  if (env.ES_API_KEY) auth = { apiKey: env.ES_API_KEY };
  else if (env.ES_USERNAME || env.ES_PASSWORD) {
    if (!env.ES_USERNAME || !env.ES_PASSWORD) throw new TypeError('clientFromEnv: set both ES_USERNAME and ES_PASSWORD (or ES_API_KEY)');
    auth = { username: env.ES_USERNAME, password: env.ES_PASSWORD };
  }
  return new Client({ ...(auth && { auth }), ...overrides, node });
}

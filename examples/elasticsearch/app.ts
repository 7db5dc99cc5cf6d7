/**
 * The server side of the Elasticsearch example (bundled and started by server.mjs): the
 * official client, the clvkit proxy on /api/clvkit, and, with `standIn`, a local stand-in
 * cluster filled with the sample shop through the real ingest path.
 */
import { generateShop } from '@clvkit/sample-data';
import { ingest, jsonHeaders } from '../../packages/elasticsearch/src/ingest/index.js';
import { indexLayout, type IndexLayout } from '../../packages/elasticsearch/src/layout.js';
import { clientFromEnv, createProxyHandler, standardFields, type ProxyHandler } from '../../packages/elasticsearch/src/proxy/index.js';

type Client = ReturnType<typeof clientFromEnv>;
import { startStandIn, type StandIn } from '../../packages/elasticsearch/test/stand-in/server.js';

/** Options of `startBackend`. */
export interface BackendOptions {
  /** The cluster (ignored with `standIn`). */
  readonly esUrl?: string;
  readonly apiKey?: string;
  readonly username?: string;
  readonly password?: string;
  /** IANA zone of the data's calendar (the zone the files were ingested with). Default UTC. */
  readonly timeZone?: string;
  /** Start the test stand-in with `orders` sample orders instead of connecting to a cluster. */
  readonly standIn?: boolean;
  readonly orders?: number;
  readonly log?: (line: string) => void;
}

/** The proxy and what it runs on. */
export interface Backend {
  readonly proxy: ProxyHandler;
  readonly layout: IndexLayout;
  /** The stand-in's URL when one was started. */
  readonly clusterUrl: string;
  close(): Promise<void>;
}

/** Connects (or starts the stand-in and ingests the sample shop) and builds the proxy. */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? (() => {});
  let standIn: StandIn | null = null;
  let node = options.esUrl ?? 'http://127.0.0.1:9200';
  let timeZone = options.timeZone ?? 'UTC';
  if (options.standIn) {
    standIn = await startStandIn();
    node = standIn.url;
    // The demo's own shop (the same one the in-memory demo embeds), messages included.
    const shop = generateShop({ orders: options.orders ?? 5_000 });
    timeZone = shop.options.timeZone;
    const loader = clientFromEnv({}, { node });
    const report = await ingest(shop.input, { client: loader, createIndices: { replicas: 0 }, layout: { timeZone } });
    await loader.close();
    log(`stand-in cluster at ${node}: ${report.orders.written} sessions, ${report.customers?.written ?? 0} customers, ${report.messages?.written ?? 0} messages ingested`);
  }
  const client = clientFromEnv({ ES_API_KEY: options.apiKey, ES_USERNAME: options.username, ES_PASSWORD: options.password }, { node });
  const layout = await discoverLayout(client, indexLayout({ timeZone }));
  log(`orders actions: ${layout.orderActions.join(', ') || '(none)'}; customer attributes: ${layout.customerAttributes.join(', ') || '(none)'}`);
  const proxy = createProxyHandler({
    client,
    layout,
    // Everything the documents hold; a real host trims this (e.g. drop customers' email and phone).
    allow: { fields: standardFields(layout) },
    // A host adds its tenant clause here, e.g. () => [{ term: { dimension: session.shop } }].
    tenantFilter: undefined,
    rateLimit: { requests: 1_200, perMs: 60_000 },
    limits: { timeoutMs: 30_000 },
    onError: (error, info) => {
      if (info.status >= 500) log(`proxy ${info.status} ${info.code}: ${(error as Error)?.stack ?? String(error)}`);
    },
  });
  return {
    proxy,
    layout,
    clusterUrl: node,
    async close() {
      await client.close();
      await standIn?.close();
    },
  };
}

/**
 * The layout's action and attribute names, read from the indices' mappings (what ingest
 * created them with), so the proxy's allow-list and the query layer know the same fields.
 */
async function discoverLayout(client: Client, base: IndexLayout): Promise<IndexLayout> {
  const names = async (index: string, object: string): Promise<string[]> => {
    try {
      const response = (await client.indices.getMapping({ index }, { headers: jsonHeaders(8) })) as Record<string, { mappings?: { properties?: Record<string, { properties?: Record<string, unknown> }> } }>;
      const mapping = Object.values(response)[0]?.mappings;
      return Object.keys(mapping?.properties?.[object]?.properties ?? {});
    } catch {
      return [];
    }
  };
  return indexLayout({
    ...base,
    orderActions: await names(base.orders, 'actions'),
    customerActions: await names(base.customers, 'actions'),
    customerAttributes: await names(base.customers, 'attributes'),
  });
}

#!/usr/bin/env node
/**
 * clvkit dashboards over Elasticsearch: serves a dashboard page whose engine reads from
 * `elasticsearchSource({ endpoint: '/api/clvkit' })`, and mounts the clvkit proxy at
 * /api/clvkit. The proxy talks to the cluster with the official client.
 *
 *   ES_URL=https://... ES_API_KEY=... node examples/elasticsearch/server.mjs
 *   node examples/elasticsearch/server.mjs --stand-in [--orders 5000]   (no cluster needed)
 *
 * Env: ES_URL (default http://127.0.0.1:9200), ES_API_KEY or ES_USERNAME/ES_PASSWORD,
 * ES_TIME_ZONE (the zone the data was ingested with, default UTC), PORT (default 5180; 0 = any).
 * Prints `clvkit on Elasticsearch: <url>` once it listens.
 */
import { createServer as createHttpServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const port = Number(option('--port') ?? process.env.PORT ?? 5180);

const { startBackend } = await import(pathToFileURL(await bundleForNode(`${here}app.ts`, 'example-app.mjs')).href);
const backend = await startBackend({
  standIn: args.includes('--stand-in'),
  orders: option('--orders') ? Number(option('--orders')) : undefined,
  esUrl: process.env.ES_URL,
  apiKey: process.env.ES_API_KEY,
  username: process.env.ES_USERNAME,
  password: process.env.ES_PASSWORD,
  timeZone: process.env.ES_TIME_ZONE,
  log: (line) => console.log(line),
});

// The page and the widget packages, compiled from source by Vite (as `npm start` does).
const { createServer: createVite } = await import('vite');
const vite = await createVite({
  configFile: fileURLToPath(new URL('../vite.config.mjs', import.meta.url)),
  root: here,
  server: { middlewareMode: true, hmr: false },
  appType: 'mpa',
});

const server = createHttpServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/api/clvkit') return backend.proxy.node(req, res);
  vite.middlewares(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`clvkit on Elasticsearch: http://127.0.0.1:${server.address().port}/`);
});

const stop = async () => {
  server.close();
  await vite.close();
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

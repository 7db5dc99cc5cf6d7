import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { readFile } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import type { IndexLayout } from '../layout.js';
import { BulkRequestError } from './bulk.js';
import { formatIngestReport } from './format.js';
import { ingest, type IngestInput } from './ingest.js';

/**
 * The `clvkit-es-ingest` command: files in, the report out. Files are read as streams (a Blob
 * over the file), through the core importer, exactly as the in-browser importer reads them.
 */

/** Where the command writes, and how it exits (replaceable in tests). */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: clvkit-es-ingest --node URL [inputs] [options]

Inputs (CSV or JSON files, read with the same importer as the browser):
  --orders FILE        sessions / orders table (canonical column names, or see --mapping)
  --lines FILE         basket lines of those orders
  --line-items FILE    a one-row-per-line export (instead of --orders/--lines)
  --customers FILE     customers table
  --messages FILE      messages table
  --mapping FILE       JSON { "sessions": {...}, "lines": {...}, "customers": {...},
                       "messages": {...}, "lineItems": {...} }: canonical field -> column

Options:
  --node URL           the cluster (default: env ES_URL)
  --time-zone ZONE     IANA zone of wall-clock times in the files and of calendar buckets (default UTC)
  --week-start 0|1     first day of the week (default 1, Monday)
  --create-indices     create missing indices with clvkit's mappings first
  --shards N --replicas N   settings of created indices (default 1 and 1)
  --batch-size N       documents per bulk request (default 1000)
  --concurrency N      bulk requests in flight (default 2)
  --orders-index NAME --customers-index NAME --messages-index NAME   (default clvkit-orders, ...)
  --refresh            make the documents searchable before exiting

Authentication from the environment: ES_API_KEY, or ES_USERNAME and ES_PASSWORD.
Exit status: 0 all written, 1 some documents failed, 2 usage or input error, 3 cluster error.`;

const FLAGS = new Set(['create-indices', 'refresh', 'help']);

/** Parses `--name value` / `--flag` arguments; throws on unknown ones. */
export function parseArgs(argv: readonly string[]): Record<string, string | true> {
  const known = new Set(['node', 'orders', 'lines', 'line-items', 'customers', 'messages', 'mapping', 'time-zone', 'week-start', 'shards', 'replicas', 'batch-size', 'concurrency', 'orders-index', 'customers-index', 'messages-index', ...FLAGS]);
  const out: Record<string, string | true> = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
    if (FLAGS.has(name)) out[name] = true;
    else {
      const value = inline ?? argv[++k];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      out[name] = value;
    }
  }
  return out;
}

/** A mistake in the command line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The client options from `--node` and the environment's credentials. */
export function clientOptions(node: string, env: Readonly<Record<string, string | undefined>>): ClientOptions {
  if (env.ES_API_KEY) return { node, auth: { apiKey: env.ES_API_KEY } };
  if (env.ES_USERNAME || env.ES_PASSWORD) {
    if (!env.ES_USERNAME || !env.ES_PASSWORD) throw new UsageError('set both ES_USERNAME and ES_PASSWORD (or ES_API_KEY)');
    return { node, auth: { username: env.ES_USERNAME, password: env.ES_PASSWORD } };
  }
  return { node };
}

/** Runs the command; resolves with the exit status. `makeClient` is replaceable for tests. */
export async function runIngestCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIO, makeClient: (options: ClientOptions) => Client = (o) => new Client(o)): Promise<number> {
  let args: Record<string, string | true>;
  let client: Client | null = null;
  try {
    args = parseArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    const node = str(args.node) ?? env.ES_URL;
    if (!node) throw new UsageError('--node URL (or env ES_URL) is required');
    if (!args.orders && !args['line-items']) throw new UsageError('give --orders FILE (with --lines) or --line-items FILE');
    const mapping = args.mapping ? (JSON.parse(await readFile(String(args.mapping), 'utf8')) as Record<string, object>) : {};
    const table = async (flag: string, key: string) => (args[flag] ? { data: await openAsBlob(String(args[flag]), { type: String(args[flag]).endsWith('.json') ? 'application/json' : 'text/csv' }), ...(mapping[key] && { mapping: mapping[key] }) } : undefined);
    const input: IngestInput = {
      sessions: await table('orders', 'sessions'),
      lines: await table('lines', 'lines'),
      lineItems: await table('line-items', 'lineItems'),
      customers: await table('customers', 'customers'),
      messages: await table('messages', 'messages'),
    } as IngestInput;
    const layout: Partial<{ -readonly [K in keyof IndexLayout]: IndexLayout[K] }> = {};
    if (args['time-zone']) layout.timeZone = String(args['time-zone']);
    if (args['week-start'] !== undefined) layout.weekStart = integer(args['week-start'], 'week-start', 0, 1) as 0 | 1;
    if (args['orders-index']) layout.orders = String(args['orders-index']);
    if (args['customers-index']) layout.customers = String(args['customers-index']);
    if (args['messages-index']) layout.messages = String(args['messages-index']);
    client = makeClient(clientOptions(node, env));
    const report = await ingest(input, {
      client,
      layout,
      createIndices: args['create-indices'] ? { shards: optionalInteger(args.shards, 'shards', 1), replicas: optionalInteger(args.replicas, 'replicas', 0) } : false,
      batchSize: optionalInteger(args['batch-size'], 'batch-size', 1),
      concurrency: optionalInteger(args.concurrency, 'concurrency', 1),
      refresh: args.refresh ? 'wait_for' : false,
    });
    io.out(formatIngestReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof BulkRequestError) {
      io.err(`error: ${error.message}`);
      return 3;
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const name = (error as Error)?.name;
    if (name === 'ResponseError' || name === 'ConnectionError' || name === 'NoLivingConnectionsError' || name === 'TimeoutError' || name === 'ProductNotSupportedError') {
      io.err(`error: the cluster: ${(error as Error).message}`);
      return 3;
    }
    io.err(`error: ${(error as Error)?.message ?? String(error)}`);
    return 2;
  } finally {
    await client?.close();
  }
}

function str(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(value: string | true, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got "${value}"`);
  return n;
}

function optionalInteger(value: string | true | undefined, name: string, min: number): number | undefined {
  return value === undefined ? undefined : integer(value, name, min);
}

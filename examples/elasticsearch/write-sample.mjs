#!/usr/bin/env node
/**
 * `node examples/elasticsearch/write-sample.mjs [DIR] [--orders N]`: the sample shop as CSV
 * files (default DIR sample-data/, N 20000) and mapping.json, ready for clvkit-es-ingest.
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './bundle.mjs';

const args = process.argv.slice(2);
const k = args.indexOf('--orders');
const orders = k >= 0 ? Number(args[k + 1]) : 20_000;
const dir = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--orders') ?? 'sample-data');
const here = fileURLToPath(new URL('.', import.meta.url));
const { writeSample } = await import(pathToFileURL(await bundleForNode(`${here}write-sample.ts`, 'write-sample.mjs')).href);
const info = writeSample(dir, orders);
console.log(`wrote ${info.summary.sessions} sessions (${info.summary.orders} orders), ${info.summary.lines} lines, ${info.summary.customers} customers to ${dir}`);
console.log(`time zone: ${info.options.timeZone} (pass --time-zone ${info.options.timeZone} to clvkit-es-ingest)`);

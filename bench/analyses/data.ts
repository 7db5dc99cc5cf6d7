/**
 * The benchmark's data: the sample shop of @clvkit/sample-data at a given number of orders.
 * Generating and importing 1M orders takes ~20 s, so the imported Dataset is kept in
 * bench/.cache (v8 serialisation of its typed arrays), keyed by the orders, the seed and a hash
 * of the generator's and the importer's sources: a change to either regenerates it.
 */
import { sampleDataset } from '@clvkit/sample-data';
import type { Dataset } from '@clvkit/core';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Where the data came from and how long it took. */
export interface LoadedData {
  readonly dataset: Dataset;
  readonly source: 'generated' | 'cache';
  readonly ms: number;
}

/** The sample shop with `orders` orders (seed 42), from the cache when `useCache` and present. */
export async function loadShop(root: string, orders: number, useCache: boolean): Promise<LoadedData> {
  const t0 = performance.now();
  const file = join(root, 'bench', '.cache', `analyses-shop-${orders}-${sourcesHash(root)}.v8`);
  if (useCache && existsSync(file)) {
    const dataset = deserialize(readFileSync(file)) as Dataset;
    return { dataset, source: 'cache', ms: performance.now() - t0 };
  }
  const { dataset } = await sampleDataset({ orders, seed: 42 });
  const ms = performance.now() - t0;
  if (useCache) {
    // Write then rename, so an interrupted run never leaves a truncated cache behind.
    writeFileSync(`${file}.tmp`, serialize(dataset));
    renameSync(`${file}.tmp`, file);
  }
  return { dataset, source: 'generated', ms };
}

/** core's query-side modules: they never change what an import produces. */
const QUERY_SIDE = /[/\\](filter|predicate|selection|query|report|cohort-predicates|customer-event-predicates)\.ts$/;

/** A short hash of every source file of the generator and of core's import (which builds the columns). */
function sourcesHash(root: string): string {
  const hash = createHash('sha1');
  for (const dir of ['packages/sample-data/src', 'packages/core/src']) {
    for (const file of walk(join(root, dir)).filter((f) => !QUERY_SIDE.test(f)).sort()) {
      hash.update(file);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/**
 * A copy of `dataset` with a new identity over the same columns: every per-dataset cache
 * (derived columns, row orderings, filter masks, model snapshots) is keyed by identity, so
 * the copy starts cold, as a freshly imported dataset in the worker would.
 */
export function coldCopy(dataset: Dataset): Dataset {
  return { ...dataset };
}

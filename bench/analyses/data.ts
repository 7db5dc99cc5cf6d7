/**
 * The benchmark's data: the sample shop of @clvkit/sample-data at a given number of orders.
 * Generating and importing 1M orders takes ~20 s, so the imported Dataset is kept in
 * bench/.cache (v8 serialisation of its typed arrays), keyed by the orders, the seed and a hash
 * of the generator's sources and core's data model: a change to either regenerates it.
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

/** The sample shop with `orders` orders from `seed`, from the cache when `useCache` and present. */
export async function loadShop(root: string, orders: number, seed: number, useCache: boolean): Promise<LoadedData> {
  const t0 = performance.now();
  const file = join(root, 'bench', '.cache', `analyses-shop-${orders}-s${seed}-${sourcesHash(root)}.v8`);
  if (useCache && existsSync(file)) {
    const dataset = deserialize(readFileSync(file)) as Dataset;
    return { dataset, source: 'cache', ms: performance.now() - t0 };
  }
  const { dataset } = await sampleDataset({ orders, seed });
  const ms = performance.now() - t0;
  if (useCache) {
    // Write then rename, so an interrupted run never leaves a truncated cache behind.
    writeFileSync(`${file}.tmp`, serialize(dataset));
    renameSync(`${file}.tmp`, file);
  }
  return { dataset, source: 'generated', ms };
}

/**
 * A short hash of the generator's sources and of core's data model. core's importer is left
 * out on purpose: it is being optimised in parallel and must keep producing the same columns
 * (its tests say so); pass --no-data-cache to regenerate anyway.
 */
function sourcesHash(root: string): string {
  const hash = createHash('sha1');
  const files = [...walk(join(root, 'packages/sample-data/src')).sort(), join(root, 'packages/core/src/table.ts')];
  for (const file of files) {
    hash.update(file.slice(root.length));
    hash.update(readFileSync(file));
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

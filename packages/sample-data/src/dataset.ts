/** `sampleDataset`: a generated shop imported into a columnar `Dataset`. */
import { importDataset, type Dataset, type ImportReport } from '@clvkit/core';
import type { ShopOptions } from './options.js';
import { generateShop } from './shop.js';

/**
 * Generates a shop (see `generateShop`) and imports it with `importDataset` from
 * @clvkit/core, with the shop's time options (its time zone, weeks from Monday).
 */
export async function sampleDataset(options: ShopOptions = {}): Promise<{ dataset: Dataset; report: ImportReport }> {
  const shop = generateShop(options);
  return importDataset(shop.input, shop.options);
}

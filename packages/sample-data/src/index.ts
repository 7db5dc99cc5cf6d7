/**
 * @clvkit/sample-data: a deterministic synthetic shop (customers, sessions, basket lines,
 * messages) with planted effects, the demo's embedded default and the benchmark data source.
 */
export { generateShop } from './shop.js';
export { shopCsv, writeShopCsv } from './csv.js';
export type { ShopCsv, ShopCsvInfo, ShopCsvSinks, ShopCsvTable } from './csv.js';
export type { ShopData, ShopInput, ShopTable, ShopSummary } from './shop.js';
export { sampleDataset } from './dataset.js';
export { DEFAULT_SHOP_OPTIONS, resolveShopOptions } from './options.js';
export type { ShopOptions, ResolvedShopOptions } from './options.js';
export { groupOfClient } from './planted.js';
export type {
  PlantedEffects,
  PlantedPromotion,
  PlantedBrokenCheckout,
  PlantedCampaign,
  BaselineCampaign,
  PlantedGroup,
  PromotionInfo,
} from './planted.js';
export { clientId, customerIndex, SALES_CHANNELS } from './customer.js';
export type { SalesChannel } from './customer.js';
export { GROUPS } from './groups.js';
export type { CustomerGroup, GroupProfile } from './groups.js';
export type { Channel, OrderDrive } from './campaigns.js';
export type { ProductPair } from './catalog.js';
export type { Holiday } from './seasonality.js';
export type { CustomerRow, SessionRow, LineRow, MessageRow } from './rows.js';

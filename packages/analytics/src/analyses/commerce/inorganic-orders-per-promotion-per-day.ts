import { promotionDays } from './promotion-days.js';

/**
 * `inorganic_orders_per_promotion_per_day` (a seed report name): rows
 * `{ bucket, promotion, orders }`, the promoted orders per day and promotion (see
 * `promotionDays`).
 */
export const inorganicOrdersPerPromotionPerDay = promotionDays('inorganic_orders_per_promotion_per_day', null, 'Promoted orders per day and promotion');

import { promotionDays } from './promotion-days.js';

/** `daily_promotion_discount`: rows `{ bucket, promotion, orders, discount }` per day and promotion (see `promotionDays`). */
export const dailyPromotionDiscount = promotionDays('daily_promotion_discount', 'discount', 'Discount given on promoted orders per day and promotion');

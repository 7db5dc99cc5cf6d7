import { promotionDays } from './promotion-days.js';

/** `daily_promotion_revenue`: rows `{ bucket, promotion, orders, revenue }` per day and promotion (see `promotionDays`). */
export const dailyPromotionRevenue = promotionDays('daily_promotion_revenue', 'revenue', 'Revenue of promoted orders per day and promotion');

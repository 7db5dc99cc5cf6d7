import { topLineValues } from './top-line-values.js';

/**
 * `most_ordered_categories`: rows `{ category, orders, quantity, revenue }` (see
 * `topLineValues`); param `depth` cuts category paths to their first levels.
 */
export const mostOrderedCategories = topLineValues('most_ordered_categories', 'category');

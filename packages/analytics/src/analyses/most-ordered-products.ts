import { topLineValues } from './top-line-values.js';

/** `most_ordered_products`: rows `{ product, orders, quantity, revenue }` (see `topLineValues`). */
export const mostOrderedProducts = topLineValues('most_ordered_products', 'product');

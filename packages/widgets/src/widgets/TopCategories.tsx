import { Connected } from '../ui/Connected.js';
import { withDefaults } from '../ui/with-defaults.js';
import { BarListView, type BarListProps } from './BarList.js';

/** Options of `TopCategories`: a `BarList` over basket lines whose field defaults to `category`. */
export type TopCategoriesProps = Omit<BarListProps, 'field'> & { readonly field?: string };

/** The best-selling categories (basket lines grouped by category), ranked by orders, quantity or revenue. */
export function TopCategories(props: TopCategoriesProps) {
  const full = withDefaults<BarListProps>({ heading: 'Top categories', fieldLabel: 'Category', noun: 'categories', field: 'category' }, props as BarListProps);
  return (
    <Connected widget="top-categories" props={full}>
      {(connected) => <BarListView {...connected} />}
    </Connected>
  );
}

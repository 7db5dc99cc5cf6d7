import { Connected } from '../ui/Connected.js';
import { withDefaults } from '../ui/with-defaults.js';
import { BarListView, type BarListProps } from './BarList.js';

/** Options of `TopProducts`: a `BarList` over basket lines whose field defaults to `product`. */
export type TopProductsProps = Omit<BarListProps, 'field'> & { readonly field?: string };

/** The best-selling products (basket lines grouped by product), ranked by orders, quantity or revenue. */
export function TopProducts(props: TopProductsProps) {
  const full = withDefaults<BarListProps>({ heading: 'Top products', fieldLabel: 'Product', noun: 'products', field: 'product' }, props as BarListProps);
  return (
    <Connected widget="top-products" props={full}>
      {(connected) => <BarListView {...connected} />}
    </Connected>
  );
}

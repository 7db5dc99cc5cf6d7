import type { Meta, StoryObj } from '@storybook/preact-vite';
import { CustomerList, type CustomerListProps, type TableColumn } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<CustomerListProps, 'pageSize' | 'locale' | 'currency'> & { mode: ChartMode };

const COLUMNS: TableColumn[] = [
  { key: 'client', label: 'Customer' },
  { key: 'name', label: 'Name' },
  { key: 'email', label: 'Email' },
  { key: 'status', label: 'Status' },
  { key: 'orders', label: 'Orders', kind: 'count' },
  { key: 'revenue', label: 'Revenue', kind: 'money' },
  { key: 'lastOrder', label: 'Last order', kind: 'date' },
  { key: 'topProducts', label: 'Top products', sortable: false },
];

/** Logs what a host would receive from "Send to campaign" and the CSV export. */
function log(what: string) {
  return (event: Event) => console.info(what, (event as CustomEvent).detail);
}

const meta: Meta<Args> = {
  title: 'Widgets/CustomerList',
  args: { mode: 'ready', pageSize: 10, locale: 'en-US', currency: 'USD' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, ...args }) => (
    <div
      ref={(el) => {
        el?.addEventListener('clv-segment-action', log('clv-segment-action'));
      }}
    >
      <WithSelection>
        {(selection) => <CustomerList {...args} columns={COLUMNS} engine={chartEngine(mode)} selection={selection} timeZone="UTC" download={(csv) => console.info('CSV export', csv)} />}
      </WithSelection>
    </div>
  ),
};
export default meta;

type Story = StoryObj<Args>;

/** Sort by a header, page, click a row to filter; the export and the campaign action log to the console. */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };

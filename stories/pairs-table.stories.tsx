import type { Meta, StoryObj } from '@storybook/preact-vite';
import { BoughtWith, PairsTable, TopProducts, type PairsTableProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { fakeEngine } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<PairsTableProps, 'match' | 'limit' | 'locale'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/PairsTable',
  args: { mode: 'ready', match: 'both', limit: 10, locale: 'en-US' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    match: { control: 'inline-radio', options: ['both', 'either'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <PairsTable {...args} engine={chartEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** "Bought with" follows the product picked in Top products. */
export const BoughtWithTopProducts: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <>
          <TopProducts engine={fakeEngine('ready')} selection={selection} limit={5} />
          <div class="clv-story-gap">
            <BoughtWith {...args} engine={chartEngine(mode)} selection={selection} />
          </div>
        </>
      )}
    </WithSelection>
  ),
};

import type { Meta, StoryObj } from '@storybook/preact-vite';
import { KpiCards, type KpiCardsProps } from '@clvkit/widgets';
import { fakeEngine, type FakeMode } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<KpiCardsProps, 'metrics' | 'locale' | 'currency' | 'heading'> & { mode: FakeMode };

const meta: Meta<Args> = {
  title: 'Widgets/KpiCards',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD', metrics: ['orders', 'revenue', 'visitors', 'discount', 'averageOrderValue'] },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    locale: { control: 'select', options: ['en-US', 'de-DE', 'fr-FR', 'ja-JP'] },
    currency: { control: 'select', options: ['USD', 'EUR', 'GBP', 'JPY'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <KpiCards {...args} engine={fakeEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const GermanEuro: Story = { args: { locale: 'de-DE', currency: 'EUR', metrics: ['orders', 'revenue', 'conversion', 'buyers'] } };

import type { Meta, StoryObj } from '@storybook/preact-vite';
import { CohortHeatmap, type CohortHeatmapProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<CohortHeatmapProps, 'report' | 'mode' | 'locale'> & { engineMode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/CohortHeatmap',
  args: { engineMode: 'ready', report: 'retention_cohorts', mode: 'percent', locale: 'en-US' },
  argTypes: {
    engineMode: { control: 'select', options: ['ready', 'loading', 'empty', 'error', 'missing-customers'] },
    report: { control: 'select', options: ['retention_cohorts', 'daily_cohort_from_1_to_2'] },
    mode: { control: 'inline-radio', options: ['count', 'percent'] },
  },
  render: ({ engineMode, report, ...args }) => (
    <WithSelection>
      {(selection) => <CohortHeatmap {...args} report={report} params={report === 'retention_cohorts' ? { bucket: 'month' } : undefined} engine={chartEngine(engineMode)} selection={selection} timeZone="UTC" />}
    </WithSelection>
  ),
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { engineMode: 'loading' } };
export const Empty: Story = { args: { engineMode: 'empty' } };
export const Error: Story = { args: { engineMode: 'error' } };
export const MissingCustomers: Story = { args: { engineMode: 'missing-customers' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const Counts: Story = { args: { mode: 'count' } };
export const FirstToSecondOrder: Story = { args: { report: 'daily_cohort_from_1_to_2' } };

import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createEngine } from '@clvkit/engine';
import { Dashboard, defineElements } from '@clvkit/widgets';
import { fakeEngine } from './support/fake-engine.js';

const meta: Meta = {
  title: 'Dashboards/Overview',
};
export default meta;

type Story = StoryObj;

/** The overview layout over canned rows (no cross-filtering: the fake engine ignores filters). */
export const Canned: Story = {
  render: () => <Dashboard engine={fakeEngine('ready')} preset="overview" locale="en-US" currency="USD" />,
};

export const CannedDark: Story = {
  ...Canned,
  parameters: { theme: 'dark' },
};

/** The real engine on the synthetic shop (20,000 orders, seed 42), computing on the main thread. */
function LiveDashboard() {
  const [engine] = useState(() => createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' }));
  useEffect(() => () => engine.destroy(), [engine]);
  return <Dashboard engine={engine} preset="overview" locale="en-US" currency="USD" />;
}

export const Live: Story = {
  render: () => <LiveDashboard />,
};

/** The same, as a host page writes it: `<clv-dashboard source="sample" ... preset="overview">`. */
function LiveElement() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    defineElements();
    const element = document.createElement('clv-dashboard');
    for (const [name, value] of Object.entries({ source: 'sample', orders: '20000', seed: '42', worker: 'inline', preset: 'overview', locale: 'en-US' })) {
      element.setAttribute(name, value);
    }
    host.current?.append(element);
    return () => element.remove();
  }, []);
  return <div ref={host} />;
}

export const LiveElementStory: Story = {
  name: 'Live (custom element)',
  render: () => <LiveElement />,
};

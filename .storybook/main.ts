import type { StorybookConfig } from '@storybook/preact-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: '@storybook/preact-vite',
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // One preact in the page: two copies break hooks and context between the widgets and the
    // Storybook renderer (the root package.json pins preact with an override; this guards it).
    const dedupe = [...(viteConfig.resolve?.dedupe ?? []), 'preact', '@preact/signals', '@preact/signals-core'];
    return { ...viteConfig, resolve: { ...viteConfig.resolve, dedupe } };
  },
};

export default config;

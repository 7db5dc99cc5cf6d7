import { h } from 'preact';
import type { Preview } from '@storybook/preact-vite';
import { adoptStyles } from '@clvkit/widgets';
import '../stories/support/story.css';

// The theme tokens must exist before the first story paints the frame background.
adoptStyles(document);

/**
 * A toolbar switch between the light and the dark theme: the story is wrapped in an element
 * with `data-clv-theme`, exactly as a host page would do it, so switching tests the run-time
 * theme change too.
 */
const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'clvkit theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (Story, context) => {
      const theme = context.parameters.theme ?? context.globals.theme ?? 'light';
      return h('div', { 'data-clv-theme': theme, class: 'clv-story' }, h(Story, null));
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;

// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as builder from '../../../stories/theme-builder.stories.js';
import { cleanupStory, renderStory, type StoryModule } from '../../../stories/support/render-story.js';

/** The theme-builder story: its controls become tokens on the themed frame, and the printed CSS lists them. */
const module = builder as unknown as StoryModule;

afterEach(cleanupStory);

const ready = (root: HTMLElement) => root.querySelector('.clv-loading') === null && root.querySelectorAll('.clv-widget').length > 3;

describe('theme builder story', () => {
  test('Builder: light base, the default controls set no token, the widgets render', async () => {
    const root = await renderStory(module, 'Builder', ready);
    const frame = root.querySelector('[data-clv-theme]') as HTMLElement;
    expect(frame.getAttribute('data-clv-theme')).toBe('light');
    expect(frame.style.getPropertyValue('--clv-color-accent')).toBe('');
    expect(root.querySelector('.clv-error')).toBeNull();
    expect(root.querySelector('pre')!.textContent).toContain('no changes yet');
  });

  test('GreenGrocer: changed controls are set as tokens on the frame and printed as CSS', async () => {
    const root = await renderStory(module, 'GreenGrocer', ready);
    const frame = root.querySelector('[data-clv-theme]') as HTMLElement;
    expect(frame.style.getPropertyValue('--clv-color-accent')).toBe('#166534');
    expect(frame.style.getPropertyValue('--clv-radius')).toBe('0px');
    expect(frame.style.getPropertyValue('--clv-grid-dasharray')).toBe('2 3');
    const css = root.querySelector('pre')!.textContent!;
    expect(css).toContain('--clv-color-accent: #166534;');
    expect(css).toContain('--clv-font-family: Georgia');
  });

  test('BuilderDark: the dark base under the frame', async () => {
    const root = await renderStory(module, 'BuilderDark', ready);
    expect(root.querySelector('[data-clv-theme]')!.getAttribute('data-clv-theme')).toBe('dark');
  });
});

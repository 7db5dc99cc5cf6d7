import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** A story file as a test sees it: named stories beside the default export (meta). */
export type StoryModule = Record<string, unknown> & {
  default: { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => ComponentChild };
};

type Story = { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => ComponentChild };

let mounted: HTMLElement | null = null;

/** Unmounts the story `renderStory` drew last (call it in `afterEach`). */
export function cleanupStory(): void {
  if (mounted) render(null, mounted);
  mounted?.remove();
  mounted = null;
}

/** Lets `ms` pass inside `act`, so answers of the canned engines render. */
export async function waitFor(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/**
 * Renders story `name` of `module` as Storybook would (the meta's args, then the story's; the
 * story's render, else the meta's) into a fresh container attached to the document, then
 * waits in 25 ms steps, at most `tries` of them, until `until(root)` holds (default: nothing
 * is loading). The canned engines of the stories answer after about 200 ms.
 */
export async function renderStory(
  module: StoryModule,
  name: string,
  until: (root: HTMLElement) => boolean = (root) => root.querySelector('.clv-loading') === null,
  tries = 80,
): Promise<HTMLElement> {
  cleanupStory();
  const story = module[name] as Story;
  const args = { ...(module.default.args ?? {}), ...(story.args ?? {}) };
  const draw = story.render ?? module.default.render!;
  const container = document.createElement('div');
  mounted = container;
  document.body.append(container);
  await act(async () => {
    render(draw(args), container);
  });
  for (let i = 0; i < tries && !until(container); i++) await waitFor(25);
  return container;
}

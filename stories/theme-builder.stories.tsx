import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Dashboard, Donut, LineChart, THEME_TOKENS } from '@clvkit/widgets';
import { chartEngine } from './support/chart-engine.js';
import { fakeEngine } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

/**
 * The theme builder: designers change the main tokens with the Storybook controls and see an
 * overview dashboard, a donut (the categorical palette) and a line chart re-theme live. The
 * panel under the widgets prints the CSS a host pastes to ship the brand. A control only
 * sets its token when it differs from the light default, so "Base theme: dark" shows the
 * dark values of every token left alone.
 */

/** Control name -> token. The controls a designer needs most; every other token keeps its default. */
const CONTROLS = {
  accent: '--clv-color-accent',
  accentText: '--clv-color-accent-text',
  accentSoft: '--clv-color-accent-soft',
  background: '--clv-color-bg',
  surface: '--clv-color-surface',
  text: '--clv-color-text',
  muted: '--clv-color-muted',
  border: '--clv-color-border',
  grid: '--clv-color-grid',
  gridDasharray: '--clv-grid-dasharray',
  palette1: '--clv-palette-1',
  palette2: '--clv-palette-2',
  palette3: '--clv-palette-3',
  palette4: '--clv-palette-4',
  palette5: '--clv-palette-5',
  fontFamily: '--clv-font-family',
  fontSize: '--clv-font-size',
  radius: '--clv-radius',
  radiusSmall: '--clv-radius-small',
  space: '--clv-space',
} as const;

type TokenArgs = { [K in keyof typeof CONTROLS]: string };
type Args = TokenArgs & { base: 'light' | 'dark' };

const lightDefault = (token: string): string => THEME_TOKENS.find((t) => t.name === token)?.light ?? '';

const DEFAULTS = Object.fromEntries(Object.entries(CONTROLS).map(([arg, token]) => [arg, lightDefault(token)])) as TokenArgs;

/** The tokens the args change (those that differ from the light defaults), as `[name, value]` pairs. */
function changed(args: Args): [string, string][] {
  return (Object.keys(CONTROLS) as (keyof typeof CONTROLS)[])
    .filter((arg) => args[arg] !== undefined && args[arg] !== '' && args[arg] !== lightDefault(CONTROLS[arg]))
    .map((arg) => [CONTROLS[arg], args[arg]]);
}

function ThemeBuilder(args: Args) {
  const host = useRef<HTMLDivElement>(null);
  const tokens = changed(args);
  // Set through the CSSOM (as a host's stylesheet would), not a style attribute: also works
  // under the strict CSP the widgets support.
  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    for (const token of Object.values(CONTROLS)) element.style.removeProperty(token);
    for (const [name, value] of tokens) element.style.setProperty(name, value);
  });
  const css = `.my-brand {\n${tokens.map(([name, value]) => `  ${name}: ${value};`).join('\n') || '  /* no changes yet */'}\n}`;
  return (
    <div ref={host} data-clv-theme={args.base} class="clv-story">
      <WithSelection>
        {(selection) => (
          <>
            <Dashboard engine={fakeEngine('ready')} selection={selection} preset="overview" locale="en-US" currency="USD" />
            <div class="clv-dashboard">
              <Donut engine={chartEngine('ready')} selection={selection} size={180} locale="en-US" />
              <LineChart engine={chartEngine('ready')} selection={selection} report="lifecycle" height={220} locale="en-US" timeZone="UTC" />
            </div>
          </>
        )}
      </WithSelection>
      <pre class="clv-story-gap" aria-label="CSS for these tokens">{css}</pre>
    </div>
  );
}

const colour = { control: 'color' } as const;
const text = { control: 'text' } as const;

const meta: Meta<Args> = {
  title: 'Theming/Theme builder',
  args: { base: 'light', ...DEFAULTS },
  argTypes: {
    base: { control: 'inline-radio', options: ['light', 'dark'], description: 'the built-in theme the changed tokens sit on' },
    ...Object.fromEntries(
      Object.entries(CONTROLS).map(([arg, token]) => [
        arg,
        { ...(token.startsWith('--clv-color') || token.startsWith('--clv-palette') ? colour : text), description: `\`${token}\`: ${THEME_TOKENS.find((t) => t.name === token)?.description ?? ''}` },
      ]),
    ),
  },
  // The builder draws its own themed frame; the toolbar theme does not apply here.
  parameters: { theme: 'none' },
  render: (args) => <ThemeBuilder {...args} />,
};
export default meta;

type Story = StoryObj<Args>;

/** The light defaults: change any control. */
export const Builder: Story = {};

/** The dark defaults underneath: change any control. */
export const BuilderDark: Story = { args: { base: 'dark' } };

/** A worked example: a green grocer brand with a serif face, square corners and dotted grids. */
export const GreenGrocer: Story = {
  args: {
    accent: '#166534',
    accentSoft: '#dcfce7',
    background: '#f7f5ef',
    surface: '#fffdf7',
    grid: '#e4e0d3',
    gridDasharray: '2 3',
    palette1: '#166534',
    palette2: '#b45309',
    palette3: '#7c2d12',
    fontFamily: 'Georgia, "Times New Roman", serif',
    radius: '0px',
    radiusSmall: '0px',
  },
};

import type { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import type { FormatOptions } from '../format.js';

/** Options every widget takes. `engine` and `selection` may come from an enclosing `Dashboard`. */
export interface WidgetProps extends FormatOptions {
  /** Answers the widget's queries (`createEngine()` from `@clvkit/engine`, or any `EngineLike`). */
  readonly engine?: EngineLike;
  /** The cross-filter shared with the other widgets. */
  readonly selection?: Selection;
  /** The widget's id on the selection; unique per widget (default: generated). */
  readonly source?: string;
  /** The heading; each widget has a default. */
  readonly heading?: string;
  /** `light` or `dark` forces a theme on this widget; by default it follows its ancestors. */
  readonly theme?: string;
  /** Extra classes for the widget's root element. */
  readonly className?: string;
}

/** Widget props with engine and selection resolved. */
export type ConnectedProps<P extends WidgetProps> = Omit<P, 'engine' | 'selection' | 'source'> & {
  readonly engine: EngineLike;
  readonly selection: Selection;
  readonly source: string;
};

import type { ComponentChildren } from 'preact';

/** Props of `WidgetHeader`. */
export interface WidgetHeaderProps {
  readonly heading: string;
  /** Switches and buttons shown at the right of the heading. */
  readonly children?: ComponentChildren;
}

/** A widget's heading and its controls. */
export function WidgetHeader({ heading, children }: WidgetHeaderProps) {
  return (
    <div class="clv-header">
      <div class="clv-title" role="heading" aria-level={3}>
        {heading}
      </div>
      {children ? <div class="clv-controls">{children}</div> : null}
    </div>
  );
}

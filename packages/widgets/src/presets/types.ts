import type { ComponentType } from 'preact';

/** Tables beyond sessions that a preset's widgets read (a dataset without one shows "Needs …" in those widgets). */
export type PresetTable = 'lines' | 'customers' | 'messages';

/** A dashboard layout that `<clv-dashboard preset="...">` and `<Dashboard preset>` can render. */
export interface PresetDefinition {
  /** The preset's name, as the `preset` attribute carries it (`overview`, `clv`, ...). */
  readonly name: string;
  /** The dashboard's title, from the seed that describes it. */
  readonly title: string;
  /** Which seed (or `foundation`) the layout comes from. */
  readonly origin: string;
  /** Tables beyond sessions that its widgets read. */
  readonly tables: readonly PresetTable[];
  /** The widgets, rendered inside a `Dashboard` (which provides engine and selection). */
  readonly layout: ComponentType;
}

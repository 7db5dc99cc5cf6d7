import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { type MarkFilter } from '../charts/mark-filter.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { CHAR_WIDTH, truncate } from '../charts/text.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions } from '../format.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { Segmented } from '../ui/Segmented.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { categoryColorScale, SEGMENT_NAMES } from './rfm/segments.js';
import { emptySegments, treemapTiles, type TreemapMeasure, type TreemapTile } from './rfm/treemap-layout.js';
import { useSegmentClause } from './rfm/use-segment-clause.js';

export type { TreemapMeasure, TreemapTile } from './rfm/treemap-layout.js';

/** Options of `SegmentTreemap`. */
export interface SegmentTreemapProps extends WidgetProps, ChartQueryProps {
  /** What a tile's area shows at first: `customers` (default) or `revenue`; the header switch changes it. */
  readonly measure?: TreemapMeasure;
  /** Show the customers / revenue switch (default true). */
  readonly switchable?: boolean;
  /** What selected segments publish (default `isIn('rfm_segment', segments)`). */
  readonly segmentFilter?: (segments: readonly Key[]) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 300). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'segmentation';
const MEASURES = [
  { value: 'customers' as const, label: 'Customers' },
  { value: 'revenue' as const, label: 'Revenue' },
];

/**
 * The RFM segments as a treemap (`segmentation` rows), tile area = customers or revenue. A
 * click on a tile (or Enter/Space on a focused tile) filters every widget to that segment,
 * `isIn('rfm_segment', [segment])`; again clears; Shift adds or removes a segment; Escape or
 * Clear removes the filter. Tiles are one tab stop, moved between with the arrow keys, largest
 * first. Colours come from the shared segment scale, as in every RFM widget.
 */
export function SegmentTreemap(props: SegmentTreemapProps) {
  return (
    <Connected widget="segment-treemap" props={props}>
      {(connected) => <SegmentTreemapView {...connected} />}
    </Connected>
  );
}

function SegmentTreemapView(props: ConnectedProps<SegmentTreemapProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const [measure, setMeasure] = useState<TreemapMeasure>(props.measure === 'revenue' ? 'revenue' : 'customers');
  const isEmpty = useCallback((result: QueryResult<Row>) => treemapTiles(result.rows ?? [], 'customers', 100, 100).length === 0, []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const { selected, label, publish } = useSegmentClause(selection, shell, source, props.segmentFilter);
  const heading = props.heading ?? 'Customer segments';

  return (
    <div
      class="clv-segment-treemap-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publish([]);
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {props.switchable === false ? null : <Segmented label="Tile size" options={MEASURES} value={measure} onChange={setMeasure} />}
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={() => publish([])}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <TreemapChart
            result={result}
            measure={measure}
            selected={selected}
            heading={heading}
            width={props.width}
            height={props.height ?? 300}
            format={props}
            onSelect={(segment, additive) => publish(toggleValues(selected, segment, additive))}
          />
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {selected.length > 0 ? <span>{label}</span> : <span>Click a segment to filter every widget; Shift+click adds one.</span>}
      </div>
    </div>
  );
}

interface TreemapChartProps {
  readonly result: QueryResult<Row>;
  readonly measure: TreemapMeasure;
  readonly selected: readonly Key[];
  readonly heading: string;
  readonly width: number | undefined;
  readonly height: number;
  readonly format: FormatOptions;
  readonly onSelect: (segment: string, additive: boolean) => void;
}

/** The tile's text lines that fit: the name, then share and value. */
function tileLines(tile: TreemapTile, measure: TreemapMeasure, format: FormatOptions): string[] {
  const w = tile.x1 - tile.x0;
  const h = tile.y1 - tile.y0;
  if (w < 36 || h < 18) return [];
  const chars = (w - 10) / CHAR_WIDTH;
  const lines = [truncate(tile.segment, chars)];
  if (h >= 36) lines.push(truncate(`${formatValue(tile.share, 'percent', format)} · ${formatValue(tile.value, measure === 'revenue' ? 'money' : 'count', format, true)}`, chars));
  return lines;
}

function TreemapChart({ result, measure, selected, heading, width: fixed, height, format, onSelect }: TreemapChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixed, 480);
  const order = Array.isArray(result.meta?.segments) ? (result.meta!.segments as string[]) : SEGMENT_NAMES;
  const tiles = useMemo(() => treemapTiles(result.rows, measure, width, height, 2, order), [result, measure, width, height]);
  const empty = useMemo(() => emptySegments(result.rows, measure, order), [result, measure]);
  const colorOf = categoryColorScale(order);
  const roving = useRovingFocus(tiles.length);
  const noun = measure === 'revenue' ? 'revenue' : 'customers';
  const valueText = (tile: TreemapTile) =>
    measure === 'revenue' ? `${formatValue(tile.value, 'money', format)} revenue` : `${formatValue(tile.value, 'count', format)} customers`;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, tiles.length);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(tiles[index].segment, event.shiftKey);
    }
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg clv-treemap"
        ref={roving.container as never}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`${heading}: ${tiles.length} segments sized by ${noun}`}
      >
        {tiles.map((tile, i) => {
          const isSelected = selected.includes(tile.segment);
          const dimmed = selected.length > 0 && !isSelected;
          const lines = tileLines(tile, measure, format);
          return (
            <g
              key={tile.segment}
              class={`clv-treemap-tile ${colorOf(tile.segment)}${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
              role="button"
              tabindex={roving.tabIndex(i)}
              data-roving={String(i)}
              data-segment={tile.segment}
              aria-pressed={isSelected ? 'true' : 'false'}
              aria-label={`${tile.segment}: ${valueText(tile)}, ${formatValue(tile.share, 'percent', format)} of ${noun}`}
              onClick={(event: MouseEvent) => {
                roving.setActive(i);
                onSelect(tile.segment, event.shiftKey);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i)}
            >
              <title>{`${tile.segment}: ${valueText(tile)} (${formatValue(tile.share, 'percent', format)})`}</title>
              <rect
                class="clv-series-bar clv-treemap-fill"
                x={tile.x0}
                y={tile.y0}
                width={tile.x1 - tile.x0}
                height={tile.y1 - tile.y0}
                rx={3}
                fill="currentColor"
                fill-opacity={isSelected ? 0.65 : 0.35}
                stroke="currentColor"
                stroke-width={isSelected ? 2 : 1}
              />
              {lines.map((line, k) => (
                <text key={k} class={k === 0 ? 'clv-treemap-name' : 'clv-treemap-value'} x={tile.x0 + 6} y={tile.y0 + 14 + k * 16} aria-hidden="true">
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
      {empty.length > 0 && tiles.length > 0 ? <p class="clv-status">{`No ${noun}: ${empty.join(', ')}`}</p> : null}
    </div>
  );
}

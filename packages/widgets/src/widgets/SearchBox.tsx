import { useContext, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { QuerySpec } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { isAbortError, isStaleQueryError, toError } from '../engine-like.js';
import { formatValue } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { emit } from '../ui/events.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { ENTITY_GROUP_LABELS, ENTITY_LABELS, type EntityType } from './search/entity.js';
import { groupResults, searchResults, type SearchResult } from './search/search-results.js';

/** Detail of the `clv-search-select` event: the chosen result. */
export interface ClvSearchSelectDetail extends SearchResult {
  readonly source: string;
}

/** Options of `SearchBox`. */
export interface SearchBoxProps extends WidgetProps {
  /** Called with the chosen result (a `clv-search-select` event is dispatched too). */
  readonly onChoose?: (entity: SearchResult) => void;
  /** Results asked for (default 10). */
  readonly limit?: number;
  /** Only these types (default all: product, client, promotion, dimension). */
  readonly types?: readonly EntityType[];
  /** Milliseconds of quiet typing before searching (default 200). */
  readonly debounce?: number;
  /** Characters needed before searching (default 2). */
  readonly minLength?: number;
  /** The analysis to ask (default `search`). */
  readonly report?: string;
  /** The input's label (default "Search products, customers, promotions and dimensions"). */
  readonly label?: string;
  /** Placeholder text (default "Search…"). */
  readonly placeholder?: string;
}

type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface SearchState {
  readonly status: SearchStatus;
  readonly results: readonly SearchResult[];
  /** The text the results are for. */
  readonly query: string;
  readonly error: Error | null;
}

const IDLE: SearchState = { status: 'idle', results: [], query: '', error: null };

/**
 * A search box for products, customers, promotions and dimension values: the ARIA 1.2
 * combobox pattern (an input with `role="combobox"`, `aria-expanded`, `aria-controls` and
 * `aria-activedescendant` over a `role="listbox"` popup whose options are grouped by type with
 * their similarity). Typing queries the `search` analysis after `debounce` ms of quiet (older
 * requests are aborted); Down/Up open the list and move through the options (wrapping),
 * Alt+Down opens without moving, Enter chooses, Escape closes the list (a second Escape clears
 * the text), Tab leaves. Choosing calls `onChoose` and dispatches `clv-search-select`; the
 * search layout opens the entity view. Values are rendered as text.
 */
export function SearchBox(props: SearchBoxProps) {
  return (
    <Connected widget="search-box" props={props}>
      {(connected) => <SearchBoxView {...connected} />}
    </Connected>
  );
}

function SearchBoxView(props: ConnectedProps<SearchBoxProps>) {
  const { engine, source } = props;
  const shell = useContext(ShellContext);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const inputId = `clv-search-input-${id}`;
  const listId = `clv-search-list-${id}`;
  const optionId = (index: number) => `clv-search-option-${id}-${index}`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The result last chosen: its value fills the input and is not searched again.
  const [chosen, setChosen] = useState<SearchResult | null>(null);
  const showing = chosen !== null && chosen.value === text;
  const state = useSearch(engine, source, showing ? '' : text, props, (error) => shell.reportError(error, 'query'));

  const groups = useMemo(() => groupResults(state.results), [state.results]);
  // Options in the order they are shown (grouped), for the arrow keys and the ids.
  const options = useMemo(() => groups.flatMap((g) => g.results), [groups]);
  useEffect(() => setActive(-1), [options]);

  const minLength = props.minLength ?? 2;
  const searchable = !showing && text.trim().length >= minLength;
  const expanded = open && searchable && state.status !== 'idle';

  const choose = (result: SearchResult) => {
    setChosen(result);
    setText(result.value);
    setOpen(false);
    setActive(-1);
    try {
      props.onChoose?.(result);
    } catch (error) {
      shell.reportError(toError(error), 'interaction');
    }
    emit<ClvSearchSelectDetail>(root.current, 'clv-search-select', { ...result, source });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        if (!searchable) return;
        if (event.altKey || !expanded) {
          setOpen(true);
          if (!event.altKey && !expanded && count > 0) setActive(0);
          return;
        }
        if (count > 0) setActive((active + 1) % count);
        return;
      }
      case 'ArrowUp': {
        event.preventDefault();
        if (!searchable) return;
        if (event.altKey) {
          setOpen(false);
          return;
        }
        if (!expanded) {
          setOpen(true);
          if (count > 0) setActive(count - 1);
          return;
        }
        if (count > 0) setActive(active <= 0 ? count - 1 : active - 1);
        return;
      }
      case 'Enter':
        if (expanded && active >= 0 && active < count) {
          event.preventDefault();
          choose(options[active]);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
          setChosen(null);
        }
        return;
    }
  };

  const label = props.label ?? 'Search products, customers, promotions and dimensions';
  const status = showing ? `Showing ${ENTITY_LABELS[chosen.type].toLowerCase()} ${chosen.value}.` : statusText(state, searchable, minLength, text, props);
  return (
    <div class="clv-search" ref={root}>
      <label class="clv-search-label" for={inputId}>
        {props.heading ?? label}
      </label>
      <div class="clv-search-field">
        <input
          id={inputId}
          class="clv-search-input"
          type="text"
          role="combobox"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 && active < options.length ? optionId(active) : undefined}
          aria-describedby={`${listId}-status`}
          autocomplete="off"
          spellcheck={false}
          placeholder={props.placeholder ?? 'Search…'}
          value={text}
          onInput={(event) => {
            setText((event.currentTarget as HTMLInputElement).value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <div id={listId} class="clv-search-list" role="listbox" aria-label={`${label}: results`} hidden={!expanded}>
          {groups.map((group) => {
            const groupId = `${listId}-${group.type}`;
            return (
              <div key={group.type} role="group" aria-labelledby={groupId} class="clv-search-group" data-type={group.type}>
                <div id={groupId} role="presentation" class="clv-search-group-label">
                  {ENTITY_GROUP_LABELS[group.type]}
                </div>
                {group.results.map((result) => {
                  const index = options.indexOf(result);
                  const score = formatValue(result.score, 'percent', props);
                  return (
                    <div
                      key={`${result.type}:${result.value}`}
                      id={optionId(index)}
                      role="option"
                      class="clv-search-option"
                      aria-selected={index === active ? 'true' : 'false'}
                      aria-label={`${result.value}, ${ENTITY_LABELS[result.type].toLowerCase()}, match ${score}`}
                      data-type={result.type}
                      data-value={result.value}
                      // Keep the focus in the input, so the click lands before the blur closes the list.
                      onMouseDown={(event) => event.preventDefault()}
                      onMouseMove={() => {
                        if (index !== active) setActive(index);
                      }}
                      onClick={() => choose(result)}
                    >
                      <span class="clv-search-value">{result.value}</span>
                      <span class="clv-search-score" aria-hidden="true">
                        {score}
                      </span>
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <p id={`${listId}-status`} class="clv-search-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** What the live region says: searching, how many results, none, or the error. */
function statusText(state: SearchState, searchable: boolean, minLength: number, text: string, props: SearchBoxProps): string {
  if (text.trim() === '') return '';
  if (!searchable) return `Type at least ${minLength} characters to search.`;
  if (state.status === 'error') return `Search failed: ${state.error?.message ?? 'unknown error'}`;
  if (state.status !== 'ready' || state.query !== text.trim()) return 'Searching…';
  const n = state.results.length;
  if (n === 0) return `No results for “${state.query}”.`;
  return `${formatValue(n, 'count', props)} result${n === 1 ? '' : 's'}. Use the up and down arrow keys to review, Enter to open one.`;
}

/**
 * Preact hook: the `search` analysis for `text`, asked `debounce` ms after the last change
 * (texts shorter than `minLength` are not searched). A newer text aborts the request in
 * flight; stale and aborted answers are dropped. The search looks through every value, so it
 * is not filtered by the selection.
 */
function useSearch(engine: EngineLike, source: string, text: string, props: SearchBoxProps, onError: (error: Error) => void): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const query = text.trim();
  const minLength = props.minLength ?? 2;
  const limit = props.limit && props.limit > 0 ? Math.floor(props.limit) : 10;
  const typesKey = (props.types ?? []).join(',');
  useEffect(() => {
    if (query.length < minLength) {
      setState(IDLE);
      return;
    }
    const abort = new AbortController();
    setState((current) => ({ ...current, status: 'loading', error: null }));
    const timer = setTimeout(() => {
      const params: Record<string, unknown> = { query, limit };
      if (props.types && props.types.length > 0) params.types = [...props.types];
      const spec: QuerySpec = { kind: 'analysis', name: props.report ?? 'search', params };
      let request: Promise<{ rows: unknown[] }>;
      try {
        request = engine.query(spec, { source, signal: abort.signal });
      } catch (error) {
        request = Promise.reject(error);
      }
      request.then(
        (result) => {
          if (abort.signal.aborted) return;
          setState({ status: 'ready', results: searchResults(result), query, error: null });
        },
        (error: unknown) => {
          if (abort.signal.aborted || isStaleQueryError(error) || isAbortError(error)) return;
          const shown = toError(error);
          setState({ status: 'error', results: [], query, error: shown });
          onError(shown);
        },
      );
    }, Math.max(props.debounce ?? 200, 0));
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [engine, source, query, minLength, limit, typesKey, props.report, props.debounce]);
  return state;
}

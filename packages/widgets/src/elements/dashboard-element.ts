import { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { createOwnedEngine, type DashboardDataOptions, type OwnedEngine } from '../engine-factory.js';
import { mountComponent, type MountHandle } from '../mount.js';
import { adoptStyles } from '../theme/styles.js';
import type { DashboardContextValue } from '../ui/context.js';
import { emit } from '../ui/events.js';
import { Dashboard, type DashboardProps } from '../widgets/Dashboard.js';
import { CONTEXT_REQUEST_EVENT, isContextConsumer, type ContextRequestDetail } from './context-protocol.js';
import { presetOf } from '../presets/index.js';
import { HTMLElementBase } from './html-element-base.js';
import { parseAttribute } from './option-types.js';

const ENGINE_ATTRIBUTES = ['source', 'orders', 'seed', 'time-zone', 'worker'];
const VIEW_ATTRIBUTES = ['preset', 'theme', 'locale', 'currency'];

/**
 * `<clv-dashboard>`: gives its engine and selection to the clv-* elements inside it that
 * have none. It uses the `engine` property, or creates its own from attributes
 * (`source="sample" orders="20000" seed="42"`, optional `time-zone` and `worker`), and a fresh
 * `Selection` unless one is set. With `preset="<name>"` (any name of `PRESETS`: `overview`,
 * `clv`, `cohorts` ...) and no child elements it renders that dashboard itself; changing the
 * attribute switches the layout.
 */
export class ClvDashboardElement extends HTMLElementBase {
  static get observedAttributes(): string[] {
    return [...ENGINE_ATTRIBUTES, ...VIEW_ATTRIBUTES];
  }

  #engine: EngineLike | undefined;
  #ownEngine: OwnedEngine | undefined;
  #ownEngineKey = '';
  #creating = 0;
  #selection: Selection | undefined;
  readonly #subscribers = new Set<(context: DashboardContextValue) => void>();
  #handle: MountHandle<DashboardProps> | null = null;
  #scheduled = false;

  constructor() {
    super();
    for (const name of ['engine', 'selection']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as unknown as Record<string, unknown>)[name];
        delete (this as unknown as Record<string, unknown>)[name];
        (this as unknown as Record<string, unknown>)[name] = value;
      }
    }
  }

  /** The engine given to the widgets: the one set as property, else the one created from attributes. */
  get engine(): EngineLike | undefined {
    return this.#engine ?? this.#ownEngine;
  }

  set engine(value: EngineLike | undefined) {
    this.#engine = value ?? undefined;
    if (this.#engine) this.#dropOwnEngine();
    else if (this.isConnected) this.#ensureOwnEngine();
    this.#changed();
  }

  /** The selection shared by the widgets (created on first use unless set). */
  get selection(): Selection {
    this.#selection ??= new Selection();
    return this.#selection;
  }

  set selection(value: Selection | undefined) {
    this.#selection = value ?? undefined;
    this.#changed();
  }

  /** What the widgets inside receive. */
  get context(): DashboardContextValue {
    return {
      engine: this.engine,
      selection: this.selection,
      locale: this.getAttribute('locale') ?? undefined,
      currency: this.getAttribute('currency') ?? undefined,
    };
  }

  connectedCallback(): void {
    this.addEventListener(CONTEXT_REQUEST_EVENT, this.#onRequest);
    adoptStyles(this.ownerDocument);
    this.#ensureOwnEngine();
    // Widgets upgraded before this dashboard asked nobody: let them ask again.
    for (const element of this.querySelectorAll('*')) if (isContextConsumer(element)) element.requestContext();
    this.#render();
  }

  disconnectedCallback(): void {
    this.removeEventListener(CONTEXT_REQUEST_EVENT, this.#onRequest);
    this.#handle?.destroy();
    this.#handle = null;
    // Moving the element in the DOM disconnects and reconnects it at once: keep the engine then.
    queueMicrotask(() => {
      if (!this.isConnected) this.#dropOwnEngine();
    });
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || !this.isConnected) return;
    if (ENGINE_ATTRIBUTES.includes(name)) this.#ensureOwnEngine();
    this.#changed();
  }

  readonly #onRequest = (event: Event): void => {
    const detail = (event as CustomEvent<ContextRequestDetail>).detail;
    if (!detail || typeof detail.callback !== 'function' || event.target === this) return;
    event.stopPropagation();
    const callback = detail.callback;
    this.#subscribers.add(callback);
    detail.unsubscribe = () => this.#subscribers.delete(callback);
    callback(this.context);
  };

  #dataOptions(): DashboardDataOptions | null {
    if (this.getAttribute('source') !== 'sample') return null;
    const worker = this.getAttribute('worker');
    return {
      source: 'sample',
      orders: parseAttribute(this.getAttribute('orders'), 'number') as number | undefined,
      seed: parseAttribute(this.getAttribute('seed'), 'number') as number | undefined,
      timeZone: this.getAttribute('time-zone') ?? undefined,
      worker: worker === 'inline' ? 'inline' : 'auto',
    };
  }

  #ensureOwnEngine(): void {
    if (this.#engine) return;
    const options = this.#dataOptions();
    const key = options ? JSON.stringify(options) : '';
    if (key === this.#ownEngineKey) return;
    this.#dropOwnEngine();
    this.#ownEngineKey = key;
    if (!options) return;
    const attempt = ++this.#creating;
    createOwnedEngine(options).then(
      (engine) => {
        if (attempt !== this.#creating || !this.isConnected) {
          engine.destroy();
          return;
        }
        this.#ownEngine = engine;
        this.#changed();
      },
      (error: unknown) => {
        if (attempt !== this.#creating) return;
        const shown = error instanceof Error ? error : new Error(String(error));
        emit(this, 'clv-error', { error: shown, widget: 'dashboard', source: '', phase: 'query' });
      },
    );
  }

  #dropOwnEngine(): void {
    this.#creating++;
    this.#ownEngineKey = '';
    const engine = this.#ownEngine;
    this.#ownEngine = undefined;
    engine?.destroy();
  }

  #changed(): void {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (!this.isConnected) return;
      const context = this.context;
      for (const subscriber of [...this.#subscribers]) subscriber(context);
      this.#render();
    });
  }

  /** Renders the preset when there are no child elements; otherwise the children are the layout. */
  #render(): void {
    const preset = this.getAttribute('preset');
    const usePreset = preset !== null && presetOf(preset) !== undefined && (this.#handle !== null || this.children.length === 0);
    if (!usePreset) {
      this.#handle?.destroy();
      this.#handle = null;
      return;
    }
    const props: DashboardProps = {
      engine: this.engine,
      selection: this.selection,
      preset: preset as DashboardProps['preset'],
      theme: this.getAttribute('theme') ?? undefined,
      locale: this.getAttribute('locale') ?? undefined,
      currency: this.getAttribute('currency') ?? undefined,
    };
    if (this.#handle) this.#handle.update(props);
    else
      this.#handle = mountComponent(Dashboard, this, {
        ...props,
        shadow: this.hasAttribute('shadow') && this.getAttribute('shadow') !== 'false',
        nonce: this.nonce || undefined,
      });
  }
}

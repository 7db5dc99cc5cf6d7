import type { Selection } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';
import { mountComponent, type MountHandle } from '../mount.js';
import type { WidgetDefinition } from '../registry.js';
import type { DashboardContextValue } from '../ui/context.js';
import { requestContext } from './context-protocol.js';
import { kebabCase, parseAttribute, type OptionSchema } from './option-types.js';

/** The custom element class of a widget: options as attributes and properties, plus `engine` and `selection`. */
export interface WidgetElement extends HTMLElement {
  /** The engine (default: the enclosing `<clv-dashboard>`'s). */
  engine: EngineLike | undefined;
  /** The selection (default: the enclosing `<clv-dashboard>`'s). */
  selection: Selection | undefined;
  /** Looks for the enclosing dashboard again. */
  requestContext(): void;
}

/**
 * Builds the custom element class of a widget. Attributes (kebab-case) and properties
 * (camelCase) set the options; the last write wins. Re-renders are batched in a microtask;
 * the widget unmounts (listeners, subscriptions, queries) when the element is disconnected.
 */
export function createWidgetElement<P extends object>(definition: WidgetDefinition<P>): { new (): WidgetElement } {
  const schema: OptionSchema = definition.options;
  const attributeToOption = new Map(Object.keys(schema).map((name) => [kebabCase(name), name]));

  class ClvWidgetElement extends HTMLElement implements WidgetElement {
    static get observedAttributes(): string[] {
      return [...attributeToOption.keys()];
    }

    #engine: EngineLike | undefined;
    #selection: Selection | undefined;
    readonly #properties = new Map<string, unknown>();
    #context: DashboardContextValue = {};
    #unsubscribeContext: (() => void) | null = null;
    #handle: MountHandle<P> | null = null;
    #scheduled = false;

    constructor() {
      super();
      // Properties set before the element was upgraded shadow the accessors: re-apply them.
      for (const name of ['engine', 'selection', ...Object.keys(schema)]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = (this as unknown as Record<string, unknown>)[name];
          delete (this as unknown as Record<string, unknown>)[name];
          (this as unknown as Record<string, unknown>)[name] = value;
        }
      }
    }

    get engine(): EngineLike | undefined {
      return this.#engine;
    }

    set engine(value: EngineLike | undefined) {
      this.#engine = value ?? undefined;
      this.#schedule();
    }

    get selection(): Selection | undefined {
      return this.#selection;
    }

    set selection(value: Selection | undefined) {
      this.#selection = value ?? undefined;
      this.#schedule();
    }

    connectedCallback(): void {
      this.requestContext();
      this.#render();
    }

    disconnectedCallback(): void {
      this.#unsubscribeContext?.();
      this.#unsubscribeContext = null;
      this.#context = {};
      this.#handle?.destroy();
      this.#handle = null;
    }

    attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
      if (previous === value) return;
      const option = attributeToOption.get(name);
      if (option) this.#properties.delete(option);
      this.#schedule();
    }

    requestContext(): void {
      this.#unsubscribeContext?.();
      this.#unsubscribeContext = requestContext(this, (context) => {
        this.#context = context;
        this.#schedule();
      });
    }

    /** The value of option `name`: the property if set after the attribute, else the parsed attribute. */
    optionValue(name: string): unknown {
      if (this.#properties.has(name)) return this.#properties.get(name);
      return parseAttribute(this.getAttribute(kebabCase(name)), schema[name]);
    }

    setOption(name: string, value: unknown): void {
      this.#properties.set(name, value);
      this.#schedule();
    }

    #schedule(): void {
      if (this.#scheduled || !this.isConnected) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        if (this.isConnected) this.#render();
      });
    }

    #render(): void {
      const options: Record<string, unknown> = {};
      for (const name of Object.keys(schema)) options[name] = this.optionValue(name);
      options.engine = this.#engine ?? this.#context.engine;
      options.selection = this.#selection ?? this.#context.selection;
      options.locale ??= this.#context.locale;
      options.currency ??= this.#context.currency;
      if (this.#handle) {
        this.#handle.update(options as Partial<P>);
        return;
      }
      this.#handle = mountComponent(definition.component, this, {
        ...(options as P),
        shadow: this.hasAttribute('shadow') && this.getAttribute('shadow') !== 'false',
        nonce: this.nonce || this.getAttribute('nonce') || undefined,
      });
    }
  }

  for (const name of Object.keys(schema)) {
    Object.defineProperty(ClvWidgetElement.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: ClvWidgetElement) {
        return this.optionValue(name);
      },
      set(this: ClvWidgetElement, value: unknown) {
        this.setOption(name, value);
      },
    });
  }
  return ClvWidgetElement;
}

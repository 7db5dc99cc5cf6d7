import { useEffect } from 'preact/hooks';
import type { Selection } from '@clvkit/core';
import type { ShellApi } from '../ui/context.js';

/**
 * Announces the widget's coming clause when the pointer enters it or it takes the focus
 * (`Selection.activate`), so the engine prepares the other widgets' answers before the click:
 * the first click on a chart then costs about what a second one does. `field` null (a widget
 * publishing through a host callback) announces nothing.
 */
export function useActivation(selection: Selection, shell: ShellApi, field: string | null, step?: number): void {
  useEffect(() => {
    const element = shell.element();
    if (!element || !field) return;
    const activate = () => {
      try {
        selection.activate(step === undefined ? { source: shell.source, field } : { source: shell.source, field, step });
      } catch (error) {
        shell.reportError(error instanceof Error ? error : new Error(String(error)), 'interaction');
      }
    };
    element.addEventListener('pointerenter', activate);
    element.addEventListener('focusin', activate);
    return () => {
      element.removeEventListener('pointerenter', activate);
      element.removeEventListener('focusin', activate);
    };
  }, [selection, shell, field, step]);
}

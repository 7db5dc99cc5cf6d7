/**
 * The slice of `react-dom/client` this example uses. @types/react-dom is not among the
 * devDependencies (react-dom ships no types); delete this file when it is added.
 */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  /** A React root (React 19). */
  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }

  /** Creates a root that renders into `container`. */
  export function createRoot(container: Element | DocumentFragment): Root;
}

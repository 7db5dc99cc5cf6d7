import { Component, type ComponentChildren } from 'preact';

/** Props of `ErrorBoundary`. */
export interface ErrorBoundaryProps {
  /** Called once per caught error (the shell turns it into a `clv-error` event). */
  readonly onError: (error: Error) => void;
  readonly children?: ComponentChildren;
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/**
 * Catches render and effect errors of one widget so they never reach the host page, shows
 * what failed with a Retry button, and reports the error.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  override componentDidCatch(error: unknown): void {
    const shown = error instanceof Error ? error : new Error(String(error));
    this.setState({ error: shown });
    try {
      this.props.onError(shown);
    } catch {
      // A host listener that throws must not take the widget down with it.
    }
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div class="clv-error" role="alert">
        <p class="clv-error-title">This widget failed to display</p>
        <p class="clv-error-detail">{error.message}</p>
        <button type="button" class="clv-retry" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </div>
    );
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a client's session store offers its root element: the current state and its changes. */
export interface SessionSource<S> {
  readonly state: S;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (state: S) => void): () => void;
}

/** Keeps a client's root element on its session's current state while it is connected. */
export class SessionStateController<S> implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Read when the host connects: the session is a property set after construction. */
    private readonly source: () => SessionSource<S>,
    /** The state until the host connects. */
    public value: S,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const session = this.source();
    this.value = session.state;
    this.unsubscribe = session.subscribe((s) => {
      this.value = s;
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * "Now" for a component that shows relative times ("il y a 3 minutes") or expiries:
 * ticks while the host is connected so the text moves on with the page left open.
 */
export class ClockController implements ReactiveController {
  now = new Date();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs = 30_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => this.touch(), this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** Takes the time again (new data arrived) and re-renders the host. */
  touch(): void {
    this.now = new Date();
    this.host.requestUpdate();
  }
}

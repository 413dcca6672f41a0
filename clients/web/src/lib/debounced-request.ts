import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type DebouncedStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A figure the hub works out from what is being picked (a message's recipients, an item's
 * audience): asked once the person pauses rather than at every tick, and only the latest
 * request's answer kept, since an earlier one may come back after it.
 */
export class DebouncedRequest<T> implements ReactiveController {
  value: T | null = null;
  status: DebouncedStatus = 'idle';
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly delayMs: number,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Nothing to ask about: no figure, and no request to come. */
  clear(): void {
    clearTimeout(this.timer);
    this.set(null, 'idle');
  }

  /** Asks after the pause; the figure shown until then says it is being worked out. */
  schedule(request: () => Promise<T>): void {
    clearTimeout(this.timer);
    this.set(this.value, 'loading');
    this.timer = setTimeout(async () => {
      const generation = ++this.generation;
      try {
        const value = await request();
        if (generation !== this.generation) return;
        this.set(value, 'ready');
      } catch {
        if (generation === this.generation) this.set(this.value, 'error');
      }
    }, this.delayMs);
  }

  private set(value: T | null, status: DebouncedStatus): void {
    this.value = value;
    this.status = status;
    this.host.requestUpdate();
  }
}

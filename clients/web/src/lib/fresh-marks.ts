import type { ReactiveControllerHost } from 'lit';

/** Rows that have just arrived live, highlighted for a moment so that the eye finds them. */
export class FreshMarks {
  private readonly ids = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly forMs = 3_000,
  ) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  mark(id: string): void {
    this.ids.add(id);
    this.host.requestUpdate();
    setTimeout(() => {
      this.ids.delete(id);
      this.host.requestUpdate();
    }, this.forMs);
  }
}

// Every timer of a controller in one place, so that leaving the page (or unpairing) clears
// them all: a kiosk runs for weeks and a forgotten interval would pile up work.

type Handle = ReturnType<typeof setTimeout>;

export class Timers {
  private readonly handles = new Set<Handle>();

  timeout(fn: () => void, ms: number): Handle {
    const handle = setTimeout(() => {
      this.handles.delete(handle);
      fn();
    }, ms);
    this.handles.add(handle);
    return handle;
  }

  interval(fn: () => void, ms: number): Handle {
    const handle = setInterval(fn, ms);
    this.handles.add(handle);
    return handle;
  }

  clear(handle: Handle | null | undefined): void {
    if (handle === null || handle === undefined) return;
    // clearTimeout and clearInterval share one pool of ids (HTML spec, and Node's timers)
    clearTimeout(handle);
    this.handles.delete(handle);
  }

  clearAll(): void {
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }

  /** Timers pending now (a test checks nothing leaks). */
  get size(): number {
    return this.handles.size;
  }
}

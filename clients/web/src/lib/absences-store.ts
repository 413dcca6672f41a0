import type { JustificationReviewItemDto } from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { Api } from '../../../shared/api';

/** The live events the absences pages follow. */
export function isAbsenceEvent(type: string): boolean {
  return type.startsWith('absence.') || type === 'rollcall.submitted' || type.startsWith('teacher_absence.');
}

const PENDING_EVENTS = ['absence.justification_submitted', 'absence.justification_reviewed'];

type AbsencesApi = Pick<Api, 'get'>;

/**
 * What the shell shares with the absences pages: the live events of the domain (the pages
 * subscribe while shown), a "reload" after a resync, and vie scolaire's count of justifications
 * waiting for review, for the navigation badge.
 */
export class AbsencesStore {
  private pending: number | null = null;
  private readonly listeners = new Set<(e: EventEnvelope) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly countListeners = new Set<(n: number | null) => void>();
  private generation = 0;
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: AbsencesApi,
    private currentUai: string,
    private opts: { reviews: boolean },
  ) {}

  get uai(): string {
    return this.currentUai;
  }

  /** Justifications waiting for review; null when not vie scolaire or not known yet. */
  get pendingCount(): number | null {
    return this.pending;
  }

  onEvent(listener: (e: EventEnvelope) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when live events were missed: the page reloads what it shows. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onPendingCount(listener: (n: number | null) => void): () => void {
    this.countListeners.add(listener);
    return () => this.countListeners.delete(listener);
  }

  /** Another school or profile. */
  reset(uai: string, opts: { reviews: boolean }): void {
    this.currentUai = uai;
    this.opts = opts;
    this.generation++;
    this.setPending(null);
  }

  handle(event: EventEnvelope): void {
    if (!isAbsenceEvent(event.type)) return;
    if (this.opts.reviews && PENDING_EVENTS.includes(event.type)) this.scheduleRefresh();
    for (const l of this.listeners) l(event);
  }

  resync(): void {
    if (this.opts.reviews) void this.refreshPending();
    for (const l of this.resyncListeners) l();
  }

  /** Sets the count from a fresher source (the review page's own list). */
  setPending(n: number | null): void {
    if (n === this.pending) return;
    this.pending = n;
    for (const l of this.countListeners) l(n);
  }

  async refreshPending(): Promise<void> {
    if (!this.opts.reviews) return;
    const generation = this.generation;
    try {
      const queue = await this.api.get<JustificationReviewItemDto[]>(`/schools/${encodeURIComponent(this.currentUai)}/absences/justifications`);
      if (generation === this.generation) this.setPending(queue.length);
    } catch {
      // the badge is a convenience: the review page loads its own list
    }
  }

  // a guardian justifying five absences one by one: one reload for the burst
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshPending(), 400);
  }
}

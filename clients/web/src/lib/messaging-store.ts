import type { EventEnvelope } from '../../../../server/contracts/events';
import type { CountsDto } from '../../../../server/contracts/messaging';
import type { Api } from '../../../shared/api';
import { countsAfter, countsAfterReading, isForSchool, isMessagingEvent } from './messaging-live';

/** A note from one messagerie page for the next (« Message envoyé » after the composer). */
export interface MessagingFlash {
  kind: 'success' | 'warning';
  text: string;
  /** Further lines: deferred deliveries, a held message's notice. */
  notes?: string[];
}

type MessagingApi = Pick<Api, 'get'>;

/**
 * What the shell shares with the messagerie pages: the counts (unread badge, drafts, freeze),
 * kept live; the school's messaging events for the page shown; a reload after missed events.
 */
export class MessagingStore {
  private current: CountsDto | null = null;
  private readonly listeners = new Set<(c: CountsDto | null) => void>();
  private readonly eventListeners = new Set<(e: EventEnvelope) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private generation = 0;
  private flashNote: MessagingFlash | null = null;

  constructor(
    private readonly api: MessagingApi,
    private currentUai: string,
  ) {}

  get uai(): string {
    return this.currentUai;
  }

  /** The API path of the school's messagerie. */
  get base(): string {
    return `/schools/${encodeURIComponent(this.currentUai)}/messaging`;
  }

  get counts(): CountsDto | null {
    return this.current;
  }

  subscribe(listener: (c: CountsDto | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The messaging events of the current school, after the counts took them in. */
  onEvent(listener: (e: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Another school: other messages, other counts. */
  reset(uai: string): void {
    this.currentUai = uai;
    this.generation++;
    this.flashNote = null;
    this.set(null);
  }

  async refreshCounts(): Promise<void> {
    const generation = this.generation;
    try {
      const counts = await this.api.get<CountsDto>(`${this.base}/counts`);
      if (generation === this.generation) this.set(counts);
    } catch {
      // the badge is a convenience: the pages load their own lists
    }
  }

  handle(event: EventEnvelope): void {
    if (!isMessagingEvent(event.type) || !isForSchool(event, this.currentUai)) return;
    const next = countsAfter(this.current, event);
    if (next !== this.current) this.set(next);
    for (const l of this.eventListeners) l(event);
  }

  resync(): void {
    void this.refreshCounts();
    for (const l of this.resyncListeners) l();
  }

  /** The person opened unread copies: the badge drops at once, the hub's figure follows. */
  markRead(copies: number): void {
    const next = countsAfterReading(this.current, copies);
    if (next !== this.current) this.set(next);
  }

  setFlash(flash: MessagingFlash | null): void {
    this.flashNote = flash;
  }

  /** The pending note, once: showing it consumes it. */
  takeFlash(): MessagingFlash | null {
    const f = this.flashNote;
    this.flashNote = null;
    return f;
  }

  private set(counts: CountsDto | null): void {
    this.current = counts;
    for (const l of this.listeners) l(counts);
  }
}

import type { MeDto } from '../../../../server/contracts/auth';
import type { Profile, SchoolDto } from '../../../../server/contracts/directory';
import { ApiError, type Api } from '../../../shared/api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signedOut'; reason?: 'expired' | 'loggedOut' }
  | { status: 'signedIn'; me: MeDto };

type SessionApi = Pick<Api, 'get' | 'post'>;

/** Who is signed in, and the calls that change it; the views only render its state. */
export class SessionStore {
  private current: SessionState = { status: 'loading' };
  private readonly listeners = new Set<(s: SessionState) => void>();

  constructor(private readonly api: SessionApi) {}

  get state(): SessionState {
    return this.current;
  }

  /** The signed-in person, or null. */
  get me(): MeDto | null {
    return this.current.status === 'signedIn' ? this.current.me : null;
  }

  subscribe(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the hub who the session cookie belongs to. */
  async load(): Promise<void> {
    this.set({ status: 'loading' });
    try {
      this.set({ status: 'signedIn', me: await this.api.get<MeDto>('/auth/me') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.set({ status: 'signedOut' });
      else this.set({ status: 'unreachable' });
    }
  }

  /** Re-reads the session without leaving the page: fresh memberships, or the sign-in page if it ended. */
  async revalidate(): Promise<void> {
    try {
      const me = await this.api.get<MeDto>('/auth/me');
      if (this.current.status === 'signedIn') this.set({ status: 'signedIn', me });
    } catch (err) {
      // a network failure says nothing about the session: keep the page, the live link retries
      if (this.current.status === 'signedIn') this.expireOn401(err);
    }
  }

  /** Signs in; rejects with the ApiError for the form to explain. */
  async signIn(login: string, password: string): Promise<MeDto> {
    const me = await this.api.post<MeDto>('/auth/login', { login: login.trim(), password });
    this.set({ status: 'signedIn', me });
    return me;
  }

  async signOut(): Promise<void> {
    try {
      await this.api.post<void>('/auth/logout');
    } catch (err) {
      // an expired session is signed out already; anything else must not trap the person in
      if (!(err instanceof ApiError)) throw err;
    }
    this.set({ status: 'signedOut', reason: 'loggedOut' });
  }

  /** Makes another of the person's memberships the current one. */
  async switchTo(uai: string, profile?: Profile): Promise<MeDto> {
    try {
      const me = await this.api.post<MeDto>('/auth/switch', profile ? { uai, profile } : { uai });
      this.set({ status: 'signedIn', me });
      return me;
    } catch (err) {
      this.expireOn401(err);
      throw err;
    }
  }

  /** Applies a newer version of a school (from a live event or a save) wherever it shows. */
  applySchool(school: SchoolDto): void {
    const me = this.me;
    if (!me) return;
    const isCurrent = me.current.school.uai === school.uai;
    const memberships = me.memberships.map((m) => (m.uai === school.uai ? { ...m, schoolName: school.name } : m));
    this.set({
      status: 'signedIn',
      me: { ...me, memberships, current: isCurrent ? { ...me.current, school } : me.current },
    });
  }

  /** Any call answered 401 means the session is gone: show the sign-in page saying so. */
  expireOn401(err: unknown): void {
    if (err instanceof ApiError && err.status === 401) this.set({ status: 'signedOut', reason: 'expired' });
  }

  private set(state: SessionState): void {
    this.current = state;
    for (const l of this.listeners) l(state);
  }
}

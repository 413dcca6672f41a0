import type { ErrorBody } from '../../server/contracts/errors';

/** A failed API call, carrying the hub's stable error code; `status` 0 means the hub was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Seconds to wait before retrying, when the hub said so (lockouts, rate limits). */
  get retryAfterSeconds(): number | null {
    const d = this.details as { retryAfterSeconds?: unknown } | undefined;
    return typeof d?.retryAfterSeconds === 'number' ? d.retryAfterSeconds : null;
  }
}

export interface ApiOptions {
  /** Prefix of every path; the hub serves its API same-origin under /api. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Headers added to every request (a paired screen's device token). */
  headers?: () => Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Thin JSON client of the hub's API: same-origin cookies, typed results, ApiError on failure. */
export class Api {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly extraHeaders: () => Record<string, string>;

  constructor(opts: ApiOptions = {}) {
    this.extraHeaders = opts.headers ?? (() => ({}));
    this.baseUrl = opts.baseUrl ?? '/api';
    // bound so that window.fetch keeps its receiver
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }
  post<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, body, signal);
  }
  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('PATCH', path, body, signal);
  }
  put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('PUT', path, body, signal);
  }
  delete<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('DELETE', path, undefined, signal);
  }

  async request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { ...this.extraHeaders(), accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiError(0, 'network_error', 'Impossible de joindre le serveur.');
    }
    if (res.status === 204) return undefined as T;
    const payload = await readJson(res);
    if (res.ok) return payload as T;
    throw toApiError(res.status, payload);
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // proxies and crashed upstreams answer HTML; the status still tells what happened
    return undefined;
  }
}

/** Builds the ApiError of a non-2xx answer, tolerating bodies that are not the hub's error shape. */
export function toApiError(status: number, payload: unknown): ApiError {
  const err = (payload as Partial<ErrorBody> | undefined)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(status, err.code, typeof err.message === 'string' ? err.message : err.code, err.details);
  }
  return new ApiError(status, status >= 500 ? 'internal_error' : 'http_error', `Erreur ${status}`);
}

/** The client every app module shares. */
export const api = new Api();

import { ApiError, toApiError } from './api';

export interface UploadOptions {
  /** 0 to 1 as the bytes leave the device. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/**
 * Sends a file as the raw request body and returns the hub's JSON answer. XMLHttpRequest,
 * because fetch cannot report upload progress, and a 5 MB file on a school's connection takes
 * long enough that people need to see it move.
 */
export function uploadFile<T>(url: string, file: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    // an empty type would make the hub guess; it checks the content anyway
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(toApiError(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Impossible de joindre le serveur.'));
    xhr.onabort = () => reject(new DOMException('Envoi annulé', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

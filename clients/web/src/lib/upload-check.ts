import { ApiError } from '../../../shared/api';
import type { Translate } from '../i18n';
import { ATTACHMENT_TYPES, IMAGE_TYPES, NEWS_LIMITS } from './news-constants';

export type UploadKind = 'image' | 'attachment';

const EXTENSION_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(ATTACHMENT_TYPES).map(([mime, ext]) => [ext, mime]),
);
EXTENSION_TYPES.jpeg = 'image/jpeg';

/** The MIME type of a file: the browser's, else its extension's (some systems leave it blank for .odt). */
export function fileType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? '';
}

/**
 * Why a file cannot be sent, before sending it: a refusal after a long upload on a slow
 * connection wastes the person's time. The hub checks the content again, this is only the type.
 */
export function uploadProblem(
  file: { name: string; type: string; size: number },
  kind: UploadKind,
  t: Translate,
  maxBytes: number = NEWS_LIMITS.attachmentBytes,
): string | null {
  const type = fileType(file);
  const allowed: readonly string[] = kind === 'image' ? IMAGE_TYPES : Object.keys(ATTACHMENT_TYPES);
  if (!allowed.includes(type)) return t(kind === 'image' ? 'upload.error.imageType' : 'upload.error.type', { name: file.name });
  if (file.size > maxBytes) return t('upload.error.tooLarge', { name: file.name, max: megabytes(maxBytes) });
  if (file.size === 0) return t('upload.error.empty', { name: file.name });
  return null;
}

/** An upload failure in words the person can act on. */
export function describeUploadError(err: unknown, name: string, t: Translate, maxBytes: number = NEWS_LIMITS.attachmentBytes): string {
  if (!(err instanceof ApiError)) return t('upload.error.generic', { name });
  switch (err.code) {
    case 'payload_too_large':
      return t('upload.error.tooLarge', { name, max: megabytes(maxBytes) });
    case 'unsupported_media_type':
      return t('upload.error.type', { name });
    case 'network_error':
      return t('upload.error.network', { name });
    default:
      return err.message ? `${name}\u00a0: ${err.message}` : t('upload.error.generic', { name });
  }
}

/** « 5 », « 10 »: a limit in the megabytes the messages name. */
function megabytes(bytes: number): string {
  return String(Math.round(bytes / (1024 * 1024)));
}

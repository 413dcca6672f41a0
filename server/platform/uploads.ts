import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors';

/** A single line of text with no control characters (titles, file names). */
export function cleanLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A file name safe to store and send back in Content-Disposition. */
export function cleanFileName(name: string, max: number): string {
  const base = cleanLine(name.split(/[\\/]/).pop() ?? '').replace(/[<>:"|?*]/g, '_');
  return (base || 'fichier').slice(0, max);
}

/**
 * Checks an upload by its bytes (the name and the declared type are not trusted) and gives
 * the name to store: cleaned, ending with the real type's extension so it opens as what it is.
 */
export async function checkUpload(
  name: string,
  content: Buffer,
  rules: { types: Readonly<Record<string, string>>; maxBytes: number; maxName: number; tooLarge: string; refused: string },
): Promise<{ mimeType: string; name: string }> {
  if (content.length === 0) throw new AppError('validation_failed', 'Le fichier est vide.');
  if (content.length > rules.maxBytes) throw new AppError('payload_too_large', rules.tooLarge);
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !(detected.mime in rules.types)) {
    throw new AppError('unsupported_media_type', rules.refused, { detected: detected?.mime ?? null });
  }
  const clean = cleanFileName(name, rules.maxName);
  const dot = clean.lastIndexOf('.');
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  return { mimeType: detected.mime, name: `${stem.slice(0, rules.maxName - detected.ext.length - 1)}.${detected.ext}` };
}

/** Headers for serving a stored file: never rendered as a page, images inline, the rest downloaded. */
export function fileHeaders(file: { name: string; mimeType: string }): Record<string, string> {
  const inline = file.mimeType.startsWith('image/');
  return {
    'Content-Type': file.mimeType,
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    // a file is never a page: no scripts even if a browser were to render it
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, max-age=3600',
  };
}

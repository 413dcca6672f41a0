import type { Middleware } from 'koa';
import type { ErrorBody } from '../contracts/errors';
import { AppError } from './errors';

/** Turns every failure into `{ error: { code, message, details } }` with the right status. */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new AppError('not_found', 'Cette adresse de l’API n’existe pas.');
      }
    } catch (err: any) {
      const appError = toAppError(err);
      if (appError.status >= 500) ctx.state.log?.error({ err }, 'request failed');
      ctx.status = appError.status;
      for (const [k, v] of Object.entries(appError.headers)) ctx.set(k, v);
      const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
      if (appError.details !== undefined) body.error.details = appError.details;
      ctx.body = body;
    }
  };
}

function toAppError(err: any): AppError {
  if (err instanceof AppError) return err;
  // errors thrown by body parsers and koa itself carry an HTTP status
  if (err?.status === 413 || err?.type === 'entity.too.large') return new AppError('payload_too_large', 'Le contenu envoyé est trop volumineux.');
  if (err?.status === 415) return new AppError('unsupported_media_type', 'Format de contenu non pris en charge.');
  if (err?.status === 400) return new AppError('validation_failed', 'Requête mal formée (JSON invalide ?).');
  if (isDatabaseUnavailable(err)) return new AppError('service_unavailable', 'Service momentanément indisponible, réessayez dans un instant.', undefined, { 'Retry-After': '5' });
  return new AppError('internal_error', 'Une erreur inattendue est survenue.');
}

function isDatabaseUnavailable(err: any): boolean {
  const code = err?.code ?? err?.cause?.code;
  return ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', '57P01', '57P03'].includes(code);
}

import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; request ids are added by the http middleware through child loggers. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'preau' }, redact: ['req.headers.cookie', 'password', '*.password'] });
}

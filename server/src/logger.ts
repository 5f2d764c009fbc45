import { pino } from 'pino';

/** Log categories: every line carries one, so operators can filter by concern. */
export type LogCategory = 'http' | 'collab' | 'storage' | 'export' | 'lifecycle';

export type Logger = pino.Logger;

/**
 * Paths that may carry secrets or document content. pino replaces them before a line is written,
 * so a careless `log.info({ req })` cannot leak a token or a user's text.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'cookie',
  '*.cookie',
  'authorization',
  '*.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
  'content',
  '*.content',
  'text',
  '*.text',
  'update',
  '*.update',
];

/** The root logger; services take `logger.child({ category })`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'plenary' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A child logger for one category. */
export function categoryLogger(root: Logger, category: LogCategory): Logger {
  return root.child({ category });
}

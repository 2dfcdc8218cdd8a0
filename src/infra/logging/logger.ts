import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '../config/app-config';

export type { Logger } from 'pino';

/**
 * JSON-lines logger on stdout. Never log request bodies, query strings, API keys or patient
 * data: log ids. The redact list is a safety net for header objects that slip through.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'kps' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'headers.authorization',
        'headers["x-api-key"]',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'apiKey',
        'secret',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

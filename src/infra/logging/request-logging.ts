import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates the log line, the problem+json body and the audit rows of one request. */
    requestId: string;
  }
}

/** Takes a well-formed incoming X-Request-Id or makes one, and echoes it on the response. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  req.requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

/**
 * The path as logged: without the query string, and with a calendar feed's token (its path
 * segment after `/feeds/`, the feed's only credential) replaced by `[redacted]`.
 */
export function loggablePath(originalUrl: string): string {
  return originalUrl.split('?')[0].replace(/^\/feeds\/[^/]*/i, '/feeds/[redacted]');
}

/**
 * One JSON line per request when the response finishes: id, method, path without the query
 * string (which could hold tokens), status, duration, and the clinic/key once authenticated.
 */
export function requestLogMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const auth = (req as Request & { auth?: { clinicId: string; keyPrefix: string } }).auth;
      const line = {
        requestId: req.requestId,
        method: req.method,
        path: loggablePath(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        clinicId: auth?.clinicId,
        key: auth?.keyPrefix,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}

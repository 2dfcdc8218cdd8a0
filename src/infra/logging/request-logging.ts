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

/** Where the codebase's secrets start: API keys (`kps_`) and calendar feed tokens (`kpf_`). */
const SECRET_PREFIX = /kp[fs]_/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REDACTED = '[redacted]';

/**
 * The path as logged (and echoed as a problem's `instance`), whatever the route or status:
 * without the query string, and with every segment that could carry a secret replaced by
 * `[redacted]`: one holding a secret's prefix once percent-decoded (`kpf_`, `kps_`, any case,
 * `%5F` too), and the segment after any `feeds` segment unless it is a UUID (a feed's token
 * is its only credential; `/v1/feeds/{id}` stays readable). Non-canonical paths such as
 * `//feeds/<token>.ics` or `/v1/../feeds/<token>.ics` are covered as they are sent.
 */
export function loggablePath(originalUrl: string): string {
  const segments = originalUrl.split('?')[0].split('#')[0].split('/');
  return segments
    .map((segment, i) => {
      const previous = i > 0 ? decoded(segments[i - 1]).toLowerCase() : '';
      const secret =
        SECRET_PREFIX.test(decoded(segment)) || (previous === 'feeds' && !UUID.test(segment));
      return secret && segment !== '' ? REDACTED : segment;
    })
    .join('/');
}

/** The segment percent-decoded (twice over, for double encoding), or as sent when malformed. */
function decoded(segment: string): string {
  let value = segment;
  for (let round = 0; round < 2; round++) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return value;
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

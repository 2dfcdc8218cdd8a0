import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';

/** What FeedCalendarService answers (structurally; infra/http does not import services). */
export interface CalendarResult {
  status: 200 | 304;
  body: Buffer | null;
  etag: string;
  lastModified: Date;
  /** The Date header, so that Last-Modified (never later) is checked against the same clock. */
  date: Date;
}

/** The conditional-request and client headers a feed fetch reads. */
export interface CalendarRequestHeaders {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  userAgent?: string;
}

/** `@CalendarHeaders() h`: If-None-Match, If-Modified-Since and User-Agent of the request. */
export const CalendarHeaders = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CalendarRequestHeaders => {
    const req = ctx.switchToHttp().getRequest<Request>();
    return {
      ifNoneMatch: req.header('if-none-match'),
      ifModifiedSince: req.header('if-modified-since'),
      userAgent: req.header('user-agent'),
    };
  },
);

/**
 * `@RequestHost() host`: the request's Host header as sent (undefined without one), checked
 * where links are built from it (`httpsOriginOfHost`). X-Forwarded-Host and -Proto are never
 * read: any client can send them.
 */
export const RequestHost = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined =>
    ctx.switchToHttp().getRequest<Request>().header('host'),
);

/**
 * Writes a calendar answer by hand rather than through res.send, which would add its own weak
 * ETag and freshness logic: our strong ETag and Last-Modified, `Cache-Control: private`
 * (`no-transform`: proxies must not compress or rewrite it; Outlook chokes on compressed
 * calendars, and nothing in this app compresses), the body as sent (identity encoding).
 * Any Accept header, or none, gets text/calendar: there is nothing to negotiate, so no 406.
 */
export function sendCalendar(res: Response, result: CalendarResult): void {
  res.status(result.status);
  res.setHeader('Date', result.date.toUTCString());
  res.setHeader('ETag', result.etag);
  res.setHeader('Last-Modified', result.lastModified.toUTCString());
  res.setHeader('Cache-Control', 'private, no-transform');
  if (result.body === null) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Length', String(result.body.length));
  res.end(result.body);
}

import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';

/** The media types the API reads bodies in. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * A request that carries a body in any other media type (`text/plain`, a form, none named)
 * is refused with 415 before anything reads it; without this the body would be ignored and
 * the request judged as if it had none. Requests without a body pass.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
  if (!hasBody || req.is(JSON_MEDIA_TYPES)) return next();
  const given = req.headers['content-type'] ?? 'none';
  next(
    new UnsupportedMediaTypeException(
      `Request bodies must be application/json (Content-Type given: ${given})`,
    ),
  );
}

/** express.json for the API: objects and arrays only (a bare `null` is a 400 that says so). */
export const jsonBodyParser = (limitBytes: number) =>
  json({ limit: limitBytes, type: JSON_MEDIA_TYPES, strict: true });

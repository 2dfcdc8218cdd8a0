import { Param, ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '../../domain/errors';

/**
 * `@IdParam() id: string` — the `:id` path parameter as a UUID. A malformed id cannot name any
 * row, so it answers 404 like an unknown or foreign one.
 */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Resource') }));

import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../../domain/errors';
import { toFieldIssues } from './request-validation.error';

/**
 * The one DTO validation pipe: unknown fields are errors (whitelist + forbidNonWhitelisted),
 * bodies without a DTO class are rejected (forbidUnknownValues), and query strings are
 * converted to the DTO's declared types (`@Type(() => Number)`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // value is read by the error mapper (to point into arrays), never sent to the client.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationError(toFieldIssues(errors)),
  });
}

import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { checkJsonInput } from './json-input';
import { RequestValidationError } from '../../domain/errors';
import { pointerOf } from './request-validation.error';

/**
 * Global pipe that runs before the ValidationPipe on every `@Body()` and `@Query()`: refuses
 * (400 INVALID_REQUEST) too deep nesting, control characters and lone surrogates in any
 * string or key, and `__proto__`-like keys, before class-transformer sees the value.
 */
@Injectable()
export class JsonInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const issues = checkJsonInput(value);
    if (issues.length === 0) return value;
    // `@Body('name')` / `@Query('limit')` receive one field: point at it.
    const prefix = metadata.data ? pointerOf([metadata.data]) : '';
    throw new RequestValidationError(
      issues.map((issue) => ({ ...issue, pointer: prefix + issue.pointer })),
    );
  }
}

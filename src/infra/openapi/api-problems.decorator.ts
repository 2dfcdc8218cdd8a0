import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../../dtos/problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (problem+json, errors[] lists each field by JSON pointer)',
  401: 'Missing, unknown or revoked API key',
  403: 'The key’s role does not allow this',
  404: 'Not found (also: belongs to another clinic)',
  409: 'Conflict with existing data',
  412: 'If-Match names an older version (PRECONDITION_FAILED): read it again',
  413: 'Request body too large',
  422: 'Semantically invalid (errors[] lists each field by JSON pointer)',
  428: 'If-Match is required (PRECONDITION_REQUIRED)',
  500: 'Unexpected error; quote requestId (PLANNER_INVALID_SOLUTION: a solution failed the independent check and was withheld)',
  503: 'Busy (e.g. the planner queue is full); retry after the Retry-After header’s seconds',
};

/** Documents problem+json error answers: `@ApiProblems(400, 404)` on a controller or route. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );

/** Marks a controller as API-key protected in the spec, with the usual 401/403 answers. */
export const ApiKeyProtected = () =>
  applyDecorators(ApiSecurity('apiKey'), ApiSecurity('bearer'), ApiProblems(401, 403));

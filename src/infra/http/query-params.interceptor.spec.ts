import { Controller, createParamDecorator, Get, Post, Query } from '@nestjs/common';
import { RequestValidationError } from '../../domain/errors';
import { IgnoresQuery, queryUse, refuseUnknownQuery } from './query-params.interceptor';

/** A custom parameter decorator (as `@Auth()` is): not a query parameter. */
const Actor = createParamDecorator(() => 'actor');

class ListQuery {
  limit?: number;
}

@Controller('sample')
class SampleController {
  @Get()
  list(@Actor() _actor: unknown, @Query() _query: ListQuery) {}
  @Get('one')
  one(@Query('limit') _limit: string, @Query('cursor') _cursor: string) {}
  @Post()
  create() {}
  @Get('probe')
  @IgnoresQuery()
  probe() {}
}

/** The issues `refuseUnknownQuery` throws, or [] when it lets the query through. */
function issuesOf(query: unknown, allowed: string[] = []) {
  try {
    refuseUnknownQuery(query, new Set(allowed));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).issues;
  }
}

describe('queryUse', () => {
  it('tells a query DTO, single named parameters and none apart', () => {
    expect(queryUse(SampleController, 'list')).toEqual({ kind: 'dto' });
    expect(queryUse(SampleController, 'one')).toEqual({
      kind: 'names',
      names: new Set(['limit', 'cursor']),
    });
    expect(queryUse(SampleController, 'create')).toEqual({ kind: 'names', names: new Set() });
  });

  it('lets a route marked @IgnoresQuery() take any query (the health probe)', () => {
    expect(queryUse(SampleController, 'probe')).toEqual({ kind: 'ignored' });
  });
});

describe('refuseUnknownQuery', () => {
  it('lets an empty query and the names a route takes through', () => {
    expect(issuesOf({})).toEqual([]);
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf({ limit: '5' }, ['limit', 'cursor'])).toEqual([]);
  });

  it('names every other parameter, in order, as a DTO would', () => {
    expect(issuesOf({ limit: '5', dryRun: 'true', 'a/b': '' }, ['limit'])).toEqual([
      { pointer: '/dryRun', code: 'UNKNOWN_FIELD', message: 'unknown field' },
      { pointer: '/a~1b', code: 'UNKNOWN_FIELD', message: 'unknown field' },
    ]);
  });

  it('holds the query to the input rules first (characters, __proto__)', () => {
    expect(issuesOf({ 'x\u0000': '1' })).toEqual([
      expect.objectContaining({ pointer: '/x\u0000', code: 'INVALID_CHARACTER' }),
    ]);
    const query = Object.create(null) as Record<string, string>;
    query.__proto__ = '1';
    expect(issuesOf(query)).toEqual([
      expect.objectContaining({ pointer: '/__proto__', code: 'UNKNOWN_FIELD' }),
    ]);
  });
});

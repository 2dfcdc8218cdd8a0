import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryUse } from '../infra/http/query-params.interceptor';
import { controllers } from './index';

/**
 * QueryParamsInterceptor refuses every query parameter of a route without a `@Query()` DTO:
 * that must be exactly the routes docs/openapi.json lists no query parameter for, so no route
 * that takes one (lists, move options, the calendar feed) loses it.
 */
describe('which routes take query parameters', () => {
  it('a DTO exactly where docs/openapi.json lists query parameters, on every route', () => {
    const spec = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    const byName = new Map<string, object>(controllers.map((c) => [c.name, c]));
    const seen: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, unknown>>(spec.paths)) {
      for (const [method, raw] of Object.entries(operations)) {
        const op = raw as { operationId: string; parameters?: { in: string }[] };
        const [controller, handler] = op.operationId.split('_');
        const route = `${method.toUpperCase()} ${path}`;
        const listed = (op.parameters ?? []).some((p) => p.in === 'query');
        const use = queryUse(byName.get(controller) ?? {}, handler);
        expect({ route, dto: use.kind === 'dto' }).toEqual({ route, dto: listed });
        if (use.kind === 'names')
          expect({ route, names: [...use.names] }).toEqual({ route, names: [] });
        seen.push(route);
      }
    }
    expect(seen).toEqual(expect.arrayContaining(['POST /v1/plans/solve', 'GET /feeds/{file}']));
    expect(seen.length).toBeGreaterThan(60);
  });
});

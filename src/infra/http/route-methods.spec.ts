import { INestApplication, NotFoundException } from '@nestjs/common';
import express from 'express';
import type { Request } from 'express';
import { DomainError, NotFoundError } from '../../domain/errors';
import { toProblem } from './problem';
import { MethodNotAllowedError, RouteMethods } from './route-methods';

const ok: express.RequestHandler = (_req, res) => {
  res.end();
};

/** An app shaped as RouteMethods reads it: the HTTP adapter's Express instance. */
const appOf = (instance: unknown) =>
  ({ getHttpAdapter: () => ({ getInstance: () => instance }) }) as unknown as INestApplication;

function routes(): RouteMethods {
  const app = express();
  app.use((_req, _res, next) => next()); // middleware is not a route
  app.delete('/v1/things/:id', ok);
  app.get('/v1/things/:id', ok);
  app.patch('/v1/things/:id', ok);
  app.propfind('/v1/things/:id', ok);
  app.post('/v1/things', ok);
  app.get('/v1/things', ok);
  app.put('/v1/things/:id/parts/:part', ok);
  app.all('/v1/anything', ok);
  return RouteMethods.of(appOf(app));
}

const request = (method: string, path: string) => ({ method, path }) as Request;

describe('RouteMethods', () => {
  it("lists a path's methods in the Allow order, HEAD beside GET, others last", () => {
    const table = routes();
    expect(table.allowed('/v1/things/42')).toEqual(['GET', 'HEAD', 'PATCH', 'DELETE', 'PROPFIND']);
    expect(table.allowed('/v1/things')).toEqual(['GET', 'HEAD', 'POST']);
    expect(table.allowed('/v1/things/42/parts/x')).toEqual(['PUT']);
  });

  it('matches as the router does (case, trailing slash) and knows nothing else', () => {
    const table = routes();
    expect(table.allowed('/V1/Things/')).toEqual(['GET', 'HEAD', 'POST']);
    expect(table.allowed('/v1/things/42/parts')).toEqual([]);
    expect(table.allowed('/v1')).toEqual([]);
    expect(table.allowed('/v1/things/%E0%A4%A')).toEqual([]); // undecodable parameter
  });

  it('turns a route miss on a known path into 405, and nothing else', () => {
    const table = routes();
    const miss = new NotFoundException();
    const error = table.methodNotAllowed(miss, request('PUT', '/v1/things/42'));
    expect(error).toBeInstanceOf(MethodNotAllowedError);
    expect(error?.allow).toEqual(['GET', 'HEAD', 'PATCH', 'DELETE', 'PROPFIND']);
    expect(toProblem(error, 'r', '/v1/things/42')).toMatchObject({
      type: 'urn:kps:problem:method-not-allowed',
      title: 'Method Not Allowed',
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      detail: 'PUT is not allowed on this route; it takes GET, HEAD, PATCH, DELETE, PROPFIND',
    });
    expect(table.methodNotAllowed(miss, request('PUT', '/nowhere'))).toBeUndefined();
    expect(table.methodNotAllowed(miss, request('GET', '/v1/things/42'))).toBeUndefined();
    expect(table.methodNotAllowed(miss, request('PUT', '/v1/anything'))).toBeUndefined(); // all()
    const notFound: DomainError = new NotFoundError('Thing', '42');
    expect(table.methodNotAllowed(notFound, request('PUT', '/v1/things/42'))).toBeUndefined();
  });

  it('refuses to start when the router cannot be read', () => {
    expect(() => RouteMethods.of(appOf({}))).toThrow(/Cannot read the registered routes/);
    expect(() => RouteMethods.of(appOf(express()))).toThrow(/none found/);
  });
});

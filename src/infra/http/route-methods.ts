import { HttpException, INestApplication, MethodNotAllowedException } from '@nestjs/common';
import type { Request } from 'express';

/**
 * What this file reads of Express 5's router (the `router` package, 2.x): its stack, and for
 * each route layer the route's methods and the layer's own path matcher, the one the router
 * itself routes with (case, trailing slash and path parameters alike).
 */
interface RouterLayer {
  route?: { methods?: unknown };
  match?: unknown;
}

interface KnownRoute {
  /** The router's matcher for the route's path: truthy when the path is the route's. */
  match: (path: string) => unknown;
  /** The methods the route takes, `HEAD` included for a `GET` route (Express answers it). */
  methods: ReadonlySet<string>;
  /** A route for every method (`app.all`): never a wrong method. */
  all: boolean;
}

/** Order of the `Allow` header; other methods follow alphabetically. */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const rank = (method: string) => {
  const i = ORDER.indexOf(method);
  return i < 0 ? ORDER.length : i;
};

/**
 * The methods of every route registered on the HTTP adapter (Nest's controllers, Swagger
 * UI's pages): read from the router once the app is initialised, never listed by hand, so a
 * new route is covered as soon as it exists.
 */
export class RouteMethods {
  private constructor(private readonly routes: readonly KnownRoute[]) {}

  /** Reads the routes of an initialised app; throws when the router is not as expected. */
  static of(app: INestApplication): RouteMethods {
    const instance = app.getHttpAdapter().getInstance() as { router?: { stack?: unknown } };
    const stack = instance.router?.stack;
    if (!Array.isArray(stack)) {
      throw new Error('Cannot read the registered routes: the Express router has no stack');
    }
    const routes: KnownRoute[] = [];
    for (const layer of stack as RouterLayer[]) {
      if (!layer.route) continue;
      const { match } = layer;
      const methods = layer.route.methods;
      if (typeof match !== 'function' || typeof methods !== 'object' || methods === null) {
        throw new Error('Cannot read the registered routes: unexpected Express route layer');
      }
      const names = Object.keys(methods).filter((m) => m !== '_all');
      const set = new Set(names.map((m) => m.toUpperCase()));
      if (set.has('GET')) set.add('HEAD');
      routes.push({
        match: (path) => match.call(layer, path) as unknown,
        methods: set,
        all: '_all' in methods,
      });
    }
    if (routes.length === 0) throw new Error('Cannot read the registered routes: none found');
    return new RouteMethods(routes);
  }

  /**
   * The methods the routes of this path take, in the `Allow` header's order; empty for a path
   * no route serves (or one a route serves for every method).
   */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      let matched: unknown;
      try {
        matched = route.match(path);
      } catch {
        continue; // a path parameter that is not valid percent-encoding: not this route
      }
      if (!matched) continue;
      if (route.all) return [];
      for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }

  /**
   * The framework's route miss (a 404 `HttpException`: no route took this method and path)
   * as 405 when routes serve the path under other methods; otherwise nothing (it stays 404).
   * Decided from the path's shape alone, before any API key or record is looked at.
   */
  methodNotAllowed(error: unknown, req: Request): MethodNotAllowedError | undefined {
    if (!(error instanceof HttpException) || error.getStatus() !== 404) return undefined;
    const allow = this.allowed(req.path);
    if (allow.length === 0 || allow.includes(req.method)) return undefined;
    return new MethodNotAllowedError(req.method, allow);
  }
}

/** A known path asked with a method none of its routes takes: 405 with an `Allow` header. */
export class MethodNotAllowedError extends MethodNotAllowedException {
  constructor(
    readonly method: string,
    readonly allow: readonly string[],
  ) {
    super(`${method} is not allowed on this route; it takes ${allow.join(', ')}`);
  }
}

import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';
import { ServiceBusyError } from '../../domain/errors';
import { loggablePath } from '../logging/request-logging';
import { isUnexpected, PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { MethodNotAllowedError, RouteMethods } from './route-methods';

/**
 * The one global exception filter. Also installed as the express error handler behind the
 * body parser, so malformed and oversized bodies get the same problem+json answer.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  /** The registered routes' methods, known once the app is initialised (see createApp). */
  private routes: RouteMethods | undefined;

  constructor(private readonly logger: Logger) {}

  /** From now on, a wrong method on a known path is 405 (with `Allow`) rather than 404. */
  useRoutes(routes: RouteMethods): void {
    this.routes = routes;
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(error, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /** Express error-handling middleware form (four arguments). */
  readonly expressHandler = (error: unknown, req: Request, res: Response, _next: NextFunction) =>
    this.respond(error, req, res);

  respond(thrown: unknown, req: Request, res: Response): void {
    const error = this.routes?.methodNotAllowed(thrown, req) ?? thrown;
    const requestId = req.requestId ?? 'unknown';
    const problem = toProblem(error, requestId, loggablePath(req.originalUrl));
    if (isUnexpected(error)) {
      const e = error as Error;
      this.logger.error(
        { requestId, err: { name: e?.name, message: e?.message, stack: e?.stack } },
        'unhandled error',
      );
    }
    if (res.headersSent) return;
    if (error instanceof ServiceBusyError && error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '));
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

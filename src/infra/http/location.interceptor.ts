import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';

/**
 * Sends `Location: <route path>/<id>` for a response body carrying an `id` (a created
 * resource, e.g. `202` plan runs). Apply it to the creating route only.
 */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const id = (body as { id?: unknown } | null)?.id;
        if (typeof id === 'string') {
          res.setHeader('Location', `${req.baseUrl}${req.path.replace(/\/$/, '')}/${id}`);
        }
        return body;
      }),
    );
  }
}

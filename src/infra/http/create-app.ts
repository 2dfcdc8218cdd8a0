import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'pino';
import { AppExtras, AppModule } from '../../app.module';
import { AppConfig } from '../config/app-config';
import { requestIdMiddleware, requestLogMiddleware } from '../logging/request-logging';
import { NestPinoLogger } from '../logging/nest-logger';
import { mountOpenApi } from '../openapi/openapi';
import { jsonBodyParser, requireJsonBody } from './json-body';
import { JsonInputPipe } from './json-input.pipe';
import { ProblemFilter } from './problem.filter';
import { QueryParamsInterceptor } from './query-params.interceptor';
import { RouteMethods } from './route-methods';
import { createValidationPipe } from './validation.pipe';

/**
 * Builds the fully configured app (database connected, migrations applied) without
 * listening. Used by main.ts, the test harness and the OpenAPI generator alike.
 */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  extras?: AppExtras,
): Promise<NestExpressApplication> {
  const module = AppModule.register(config, logger, extras);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    abortOnError: false,
    logger: new NestPinoLogger(logger),
  });
  const filter = new ProblemFilter(logger);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(requestLogMiddleware(logger));
  app.use(requireJsonBody);
  app.use(jsonBodyParser(config.bodyLimitBytes));
  app.use(filter.expressHandler);
  // JsonInputPipe first: depth and character checks before class-transformer runs.
  app.useGlobalPipes(new JsonInputPipe(), createValidationPipe());
  // A route without a query DTO refuses query parameters as one with a DTO does.
  app.useGlobalInterceptors(new QueryParamsInterceptor());
  app.useGlobalFilters(filter);
  if (config.openApiUi) mountOpenApi(app);
  await app.init();
  // Every route is registered now (controllers, Swagger UI): the filter can tell a wrong
  // method on a known path (405, before the API key is checked) from an unknown path (404).
  filter.useRoutes(RouteMethods.of(app));
  return app;
}

import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Logger } from 'pino';
import { controllers } from './controllers';
import { ApiKeyGuard } from './infra/auth/api-key.guard';
import { AppConfig } from './infra/config/app-config';
import { APP_CONFIG, ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { LoggerModule } from './infra/logging/logger.module';
import { PiscinaPlannerPool, PLANNER_POOL } from './infra/planner/planner-pool';
import { PlannerRunner } from './infra/planner/planner-runner';
import { repositories } from './repositories';
import { SeedService } from './seed/seed.service';
import { services } from './services';
import { CLOCK, systemClock } from './services/clock';

/** Test-only additions (e.g. a controller that provokes database errors). */
export interface AppExtras {
  controllers?: Type[];
  providers?: Provider[];
}

/**
 * One flat module (immich style): controllers, services and repositories are listed in their
 * folders' index.ts. Built from an already-validated config so tests and CLIs can vary it.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger, extras: AppExtras = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(logger),
        DatabaseModule.forRoot({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          pgliteSnapshot: config.pgliteSnapshot,
          runMigrations: true,
          analyzeEveryMs: config.pgliteAnalyzeMinutes * 60_000,
          log: logger,
        }),
      ],
      controllers: [...controllers, ...(extras.controllers ?? [])],
      providers: [
        ...repositories,
        ...services,
        SeedService,
        {
          provide: PLANNER_POOL,
          useFactory: (c: AppConfig) => new PiscinaPlannerPool(c.plannerPoolSize),
          inject: [APP_CONFIG],
        },
        PlannerRunner,
        { provide: CLOCK, useValue: systemClock },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ...(extras.providers ?? []),
      ],
    };
  }
}

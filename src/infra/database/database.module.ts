import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Database, DatabaseTarget, openDatabase } from './database-options';
import { AnalyzeLog, PgliteAnalyzer } from './pglite-analyzer';

/** Injection token for the open Database (kind + options + close). */
export const DATABASE = Symbol('DATABASE');

/** Destroys the DataSource, then closes PGlite: without it jest and CLI commands hang. */
@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.database.close();
  }
}

export interface DatabaseModuleOptions extends DatabaseTarget {
  /** Apply pending migrations while booting (the app does; the migration CLI does not). */
  runMigrations: boolean;
  /** PGlite only: ANALYZE at boot and then this often (0 or absent: never). See PgliteAnalyzer. */
  analyzeEveryMs?: number;
  /** Where the analyzer reports how long ANALYZE took, or why it failed. */
  log?: AnalyzeLog;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const databaseProvider = { provide: DATABASE, useFactory: () => openDatabase(options) };
    @Global()
    @Module({ providers: [databaseProvider], exports: [DATABASE] })
    class DatabaseHandleModule {}

    return {
      module: DatabaseModule,
      imports: [
        DatabaseHandleModule,
        TypeOrmModule.forRootAsync({
          inject: [DATABASE],
          useFactory: (database: Database) => ({
            ...database.options,
            migrationsRun: options.runMigrations,
            // Fail fast at boot rather than retrying for half a minute.
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [
        DatabaseCloser,
        {
          provide: PgliteAnalyzer,
          inject: [DATABASE, DataSource],
          useFactory: (database: Database, dataSource: DataSource) =>
            new PgliteAnalyzer(
              dataSource,
              database.kind === 'pglite' ? (options.analyzeEveryMs ?? 0) : 0,
              options.log,
            ),
        },
      ],
      exports: [DatabaseHandleModule, PgliteAnalyzer],
    };
  }
}

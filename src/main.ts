import 'reflect-metadata';
import { ConfigError, loadConfig } from './infra/config/app-config';
import { createApp } from './infra/http/create-app';
import { createLogger } from './infra/logging/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info(
    { port: config.port, database: config.databaseUrl ? 'postgres' : 'pglite' },
    `listening on http://localhost:${config.port} (API docs at /docs)`,
  );
}

main().catch((error: unknown) => {
  // One clear line, no stack: configuration and start-up problems are for an operator.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError ? message : `Start-up failed: ${message}`);
  process.exit(1);
});

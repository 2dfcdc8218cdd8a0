import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../infra/config/app-config';
import { createApp } from '../infra/http/create-app';
import { createLogger } from '../infra/logging/logger';
import { buildOpenApiDocument, OPENAPI_FILE, serializeOpenApi } from '../infra/openapi/openapi';

/**
 * `openapi generate` writes docs/openapi.json from the code; `openapi check` fails when the
 * committed file differs. The app is built on a throwaway in-memory database, never listening.
 */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'generate' && command !== 'check') {
    console.error('Usage: npm run openapi:generate | npm run openapi:check');
    return 2;
  }
  const config = {
    ...loadConfig({}),
    databaseUrl: undefined,
    dataDir: 'memory://',
    seedDemo: false,
    logLevel: 'warn' as const,
  };
  const app = await createApp(config, createLogger('warn'));
  let text: string;
  try {
    text = serializeOpenApi(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
  const file = resolve(__dirname, '../..', OPENAPI_FILE);
  if (command === 'generate') {
    writeFileSync(file, text);
    console.log(`Wrote ${OPENAPI_FILE}`);
    return 0;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing file: reported below
  }
  if (committed === text) {
    console.log(`openapi:check: ${OPENAPI_FILE} matches the code.`);
    return 0;
  }
  console.error(`openapi:check: ${OPENAPI_FILE} is out of date; run npm run openapi:generate`);
  const a = committed.split('\n');
  const b = text.split('\n');
  const first = a.findIndex((line, i) => line !== b[i]);
  console.error(`  first difference at line ${first + 1}:`);
  console.error(`  committed: ${a[first] ?? '(end of file)'}`);
  console.error(`  generated: ${b[first] ?? '(end of file)'}`);
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_DOCS_FILE, withErrorCodeList } from './error-docs';

/** `npm run docs:errors`: rewrites the error-code list of docs/architecture.md from the registry. */
const file = resolve(__dirname, '../..', ERROR_DOCS_FILE);
const doc = readFileSync(file, 'utf8');
const next = withErrorCodeList(doc);
if (next === doc) {
  console.log(`${ERROR_DOCS_FILE}: the error-code list is up to date.`);
} else {
  writeFileSync(file, next);
  console.log(`Wrote the error-code list of ${ERROR_DOCS_FILE}`);
}

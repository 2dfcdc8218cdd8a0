import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES } from '../domain/errors/error-codes';
import {
  ERROR_DOCS_END,
  ERROR_DOCS_FILE,
  ERROR_DOCS_START,
  renderErrorCodeList,
  withErrorCodeList,
} from './error-docs';

describe('the error-code list of docs/architecture.md', () => {
  it('matches the registry (run `npm run docs:errors` when this fails)', () => {
    const doc = readFileSync(resolve(__dirname, '../..', ERROR_DOCS_FILE), 'utf8');
    expect(withErrorCodeList(doc)).toBe(doc);
  });

  it('lists every code of the registry', () => {
    const list = renderErrorCodeList();
    for (const code of Object.keys(ERROR_CODES)) expect(list).toContain(`\`${code}\``);
  });

  it('replaces only the text between the markers', () => {
    const doc = `# A\n\n${ERROR_DOCS_START}\nstale\n${ERROR_DOCS_END}\n\nafter\n`;
    const next = withErrorCodeList(doc);
    expect(next.startsWith(`# A\n\n${ERROR_DOCS_START}\n\n`)).toBe(true);
    expect(next.endsWith(`\n\n${ERROR_DOCS_END}\n\nafter\n`)).toBe(true);
    expect(next).not.toContain('stale');
    expect(withErrorCodeList(next)).toBe(next);
  });

  it('refuses a document without the markers', () => {
    expect(() => withErrorCodeList('# nothing here\n')).toThrow(/markers/);
  });
});

import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Layers of src/, lowest first, and what each may import (besides itself). The graph has no
 * cycle, so no two folders can import each other (test/lint/layer-boundaries.spec.ts checks that and
 * shows a violation failing). The composition root (main.ts, app.module.ts, create-app.ts)
 * and the command-line tools wire everything together and may import any layer.
 */
const LAYERS = {
  domain: [],
  entities: ['domain'],
  dtos: ['domain', 'entities'],
  repositories: ['domain', 'entities'],
  'infra-config': [],
  'infra-logging': ['infra-config'],
  'infra-database': ['infra-config'],
  'infra-planner': ['domain', 'infra-config', 'infra-logging'],
  services: [
    'domain',
    'entities',
    'dtos',
    'repositories',
    'infra-config',
    'infra-logging',
    'infra-database',
    'infra-planner',
  ],
  'infra-auth': ['domain', 'entities', 'repositories', 'services'],
  'infra-openapi': ['domain', 'dtos'],
  'infra-http': ['domain', 'dtos', 'infra-config', 'infra-logging', 'infra-openapi'],
  controllers: ['domain', 'dtos', 'services', 'infra-auth', 'infra-http', 'infra-openapi'],
  seed: ['domain', 'dtos', 'services', 'infra-config', 'infra-logging'],
};
const COMPOSITION_ROOT = ['src/main.ts', 'src/app.module.ts', 'src/infra/http/create-app.ts'];
/** Packages the pure domain may use; its specs may also use fast-check and Node's own modules. */
// ical-generator: a pure text builder (no I/O, no framework) that the calendar-feed renderer
// (src/domain/calendar) uses so RFC 5545 is not written by hand. The VTIMEZONE is written in
// the domain from luxon's zone data (src/domain/calendar/vtimezone.ts), as the event times are.
// or-tools-wasm: OR-tools CP-SAT compiled to WebAssembly, a pure solver (no I/O, no framework)
// that the planner's CP-SAT completion (src/domain/planning/cp) builds models for.
const DOMAIN_PACKAGES = ['luxon', 'rrule', 'ical-generator', 'or-tools-wasm'];
const DOMAIN_SPEC_PACKAGES = ['fast-check', 'ical.js'];

const layerElements = [
  ...Object.keys(LAYERS).map((type) => ({
    type,
    pattern: `src/${type.replace('-', '/')}`,
    partialMatch: false,
  })),
  { type: 'cli', pattern: 'src/cli', partialMatch: false },
  // Files directly in src/ (main.ts, app.module.ts): the folders above are nested in it.
  { type: 'root', pattern: 'src', partialMatch: false },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.mjs', '*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // CommonJS tool configs such as jest.config.js
    files: ['*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Import cycles between files, anywhere (a folder cycle is also one between files).
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Layer boundaries (LAYERS above).
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layerElements,
      'boundaries/files': [
        // *.spec-helper.ts: test code beside the specs that share it (and test/), not built.
        { category: 'spec', pattern: ['src/**/*.spec.ts', 'src/**/*.spec-helper.ts'] },
        { category: 'composition-root', pattern: COMPOSITION_ROOT },
      ],
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          checkUnknownLocals: true,
          message:
            '{{from.element.type}} may not import {{dependency.source}}{{#if to.element.type}} ({{to.element.type}}){{/if}}: see LAYERS in eslint.config.mjs',
          policies: [
            ...Object.entries(LAYERS).map(([type, allowed]) => ({
              from: { element: { type } },
              allow: { to: { element: { type: allowed } } },
            })),
            {
              from: [{ element: { type: 'cli' } }, { file: { categories: 'composition-root' } }],
              allow: { to: { element: { type: '*' } } },
            },
            // Packages: anything outside the domain; the domain only its few pure libraries.
            {
              from: { element: { type: '!domain' } },
              allow: { to: { module: { origin: ['external', 'core'] } } },
            },
            {
              from: { element: { type: 'domain' } },
              allow: { to: { module: { origin: 'external', source: DOMAIN_PACKAGES } } },
            },
            {
              from: { element: { type: 'domain' }, file: { categories: 'spec' } },
              allow: [
                { to: { module: { origin: 'external', source: DOMAIN_SPEC_PACKAGES } } },
                { to: { module: { origin: 'core' } } },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // A service reads and writes tables only through repositories: it passes the transaction's
    // EntityManager on, never queries with it, and uses entity classes only as types.
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/transactions.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              allowTypeImports: true,
              message: 'SQL and TypeORM calls live in src/repositories',
            },
            { name: '@nestjs/typeorm', message: 'SQL and TypeORM calls live in src/repositories' },
          ],
          patterns: [
            {
              group: ['**/entities/*'],
              allowTypeImports: true,
              message:
                'a service uses entity classes only as types; read rows through a repository',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee[object.name=/^(manager|entityManager|em|dataSource)$/]',
          message:
            'a service passes its EntityManager to repositories; SQL lives in src/repositories',
        },
      ],
    },
  },
);

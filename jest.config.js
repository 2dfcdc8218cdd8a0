/**
 * Four suites, each a jest project; plain `jest` runs all four once. `TEST_SUITES=unit,planner`
 * (what the npm scripts set) or `--selectProjects unit planner` keeps only those; the
 * variable lets path filters follow (`npm run test:unit -- src/domain/time`), which
 * `--selectProjects` would swallow as project names.
 * - unit:    specs beside the code (src/**, bench/**) and test/lint; no database, no long solves.
 * - planner: solver suites that take seconds per case: test/planner/**, the benchmark scenario
 *            spec, any `*.slow.spec.ts`, and the solve specs in src listed in PLANNER_SPECS_IN_SRC.
 * - medium:  repositories and services on a real database (test/medium/*.medium-spec.ts).
 * - e2e:     the HTTP API on a real database (test/e2e/*.e2e-spec.ts).
 * The database suites use in-memory PGlite, or PostgreSQL when DATABASE_URL is set.
 */

/** Seconds-long planner solves that sit beside the code (a new one can be named *.slow.spec.ts). */
const PLANNER_SPECS_IN_SRC = [
  'src/domain/planning/solve.spec.ts',
  'src/domain/planning/examples.spec.ts',
];

const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'))];

/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** The suites without a database: collect garbage after each file (see the file for why). */
const collectGarbage = { setupFilesAfterEnv: ['<rootDir>/test/harness/collect-garbage.ts'] };

/** The database suites: name the run's PostgreSQL databases, and drop them at the end. */
const databaseHooks = {
  globalSetup: '<rootDir>/test/harness/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/jest-global-teardown.ts',
};

const escapeRegExp = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const projects = [
  {
    ...base,
    ...collectGarbage,
    displayName: 'unit',
    roots: ['<rootDir>/src', '<rootDir>/bench', '<rootDir>/test/lint'],
    testMatch: ['**/*.spec.ts'],
    testPathIgnorePatterns: [
      '/node_modules/',
      '\\.slow\\.spec\\.ts$',
      '<rootDir>/bench/scenarios/',
      ...PLANNER_SPECS_IN_SRC.map((path) => `<rootDir>/${escapeRegExp(path)}$`),
    ],
  },
  {
    ...base,
    ...collectGarbage,
    displayName: 'planner',
    roots: ['<rootDir>/src', '<rootDir>/bench', '<rootDir>/test/planner'],
    testMatch: [
      '<rootDir>/test/planner/**/*.spec.ts',
      '<rootDir>/bench/scenarios/**/*.spec.ts',
      '**/*.slow.spec.ts',
      ...PLANNER_SPECS_IN_SRC.map((path) => `<rootDir>/${path}`),
    ],
  },
  {
    ...base,
    ...databaseHooks,
    displayName: 'medium',
    roots: ['<rootDir>/test/medium'],
    testMatch: ['**/*.medium-spec.ts'],
  },
  {
    ...base,
    ...databaseHooks,
    displayName: 'e2e',
    roots: ['<rootDir>/test/e2e'],
    testMatch: ['**/*.e2e-spec.ts'],
  },
];

const only = process.env.TEST_SUITES?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !projects.some((p) => p.displayName === name)) ?? [];
if (unknown.length) throw new Error(`TEST_SUITES: no suite named ${unknown.join(', ')}`);

/** @type {import('jest').Config} */
module.exports = {
  // Jest reads testTimeout from the top level only; in a project it is ignored.
  testTimeout: 30000,
  projects: only ? projects.filter((p) => only.includes(p.displayName)) : projects,
};

import { join } from 'node:path';
import { EslintProcess } from './eslint-process';

/**
 * The layer rules of eslint.config.mjs, shown failing: each case lints a small source text as
 * if it were a file at `filePath` (nothing is written to disk) and expects the named rule to
 * report it. `npm run check` runs the same config over the repository, so a real violation
 * fails CI. ESLint runs in a child process (eslint-process.ts), so this jest worker stays small.
 */
const root = join(__dirname, '..', '..');
let eslint: EslintProcess;

beforeAll(() => {
  eslint = new EslintProcess(root);
});

afterAll(async () => {
  await eslint.close();
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries (eslint.config.mjs)', () => {
  it('refuses an import from src/infra into src/domain', async () => {
    const found = await problems(
      'src/domain/time/lint-fixture.ts',
      "import { loadConfig } from '../../infra/config/app-config';\nexport const f = loadConfig;\n",
    );
    expect(found).toEqual([
      'boundaries/dependencies: domain may not import ../../infra/config/app-config (infra-config): see LAYERS in eslint.config.mjs',
    ]);
  });

  it('refuses a framework package in src/domain but allows its pure libraries', async () => {
    const found = await problems(
      'src/domain/time/lint-fixture.ts',
      [
        "import { Injectable } from '@nestjs/common';",
        "import { DateTime } from 'luxon';",
        'export const f = [Injectable, DateTime];',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      'boundaries/dependencies: domain may not import @nestjs/common: see LAYERS in eslint.config.mjs',
    ]);
  });

  it('refuses HTTP DTOs in a repository', async () => {
    const found = await problems(
      'src/repositories/lint-fixture.ts',
      "import { PageQueryDto } from '../dtos/page.dto';\nexport const f = PageQueryDto;\n",
    );
    expect(found).toEqual([
      'boundaries/dependencies: repositories may not import ../dtos/page.dto (dtos): see LAYERS in eslint.config.mjs',
    ]);
  });

  it('refuses the upward import that would make dtos and infra/http a cycle again', async () => {
    const found = await problems(
      'src/dtos/lint-fixture.ts',
      "import { toFieldIssues } from '../infra/http/request-validation.error';\nexport const f = toFieldIssues;\n",
    );
    expect(found).toEqual([
      'boundaries/dependencies: dtos may not import ../infra/http/request-validation.error (infra-http): see LAYERS in eslint.config.mjs',
    ]);
  });

  it('refuses a service querying another table itself', async () => {
    const found = await problems(
      'src/services/lint-fixture.ts',
      [
        "import type { EntityManager } from 'typeorm';",
        "import { PatientEntity } from '../entities/patient.entity';",
        'export const f = (manager: EntityManager) => manager.getRepository(PatientEntity).find();',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*entities\/patient/),
      expect.stringMatching(/^no-restricted-syntax: a service passes its EntityManager/),
    ]);
  });

  it('refuses an import cycle between files', async () => {
    // domain-error.ts importing request-validation.error.ts, which imports domain-error.ts.
    const found = await problems(
      'src/domain/errors/domain-error.ts',
      "import { RequestValidationError } from './request-validation.error';\nexport const f = RequestValidationError;\n",
    );
    expect(found).toEqual([expect.stringMatching(/^import-x\/no-cycle: /)]);
  });

  it('allows the composition root to import every layer', async () => {
    const found = await problems(
      'src/infra/http/create-app.ts',
      "import { AppModule } from '../../app.module';\nimport { services } from '../../services';\nexport const f = [AppModule, services];\n",
    );
    expect(found).toEqual([]);
  });

  it('declares layers whose allowed imports form no cycle', async () => {
    const rules = (await eslint.rulesForFile(join(root, 'src/main.ts'))) as Record<
      string,
      [unknown, { policies: Policy[] }]
    >;
    const graph = new Map<string, string[]>();
    for (const p of rules['boundaries/dependencies'][1].policies) {
      const from = p.from?.element?.type;
      const to = p.allow?.to?.element?.type;
      if (typeof from === 'string' && Array.isArray(to)) graph.set(from, to);
    }
    expect(graph.get('domain')).toEqual([]);
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeNull();
  });
});

interface Policy {
  from?: { element?: { type?: unknown } };
  allow?: { to?: { element?: { type?: unknown } } };
}

/** A cycle in the graph as a path (`a -> b -> a`), or null. */
function findCycle(graph: Map<string, string[]>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node].join(' -> ');
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

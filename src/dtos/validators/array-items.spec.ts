import { readdirSync } from 'fs';
import { join } from 'path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationArguments } from 'class-validator';
import { CreatePlanRunDto } from '../plan-run.dto';

/** class-validator's array rules, whose default messages read "... must contain at least 1 elements". */
const ARRAY_RULES = [
  'arrayMinSize',
  'arrayMaxSize',
  'arrayUnique',
  'arrayNotEmpty',
  'arrayContains',
  'arrayNotContains',
];
/** What class-validator's own array messages look like. */
const DEFAULT_MESSAGE = /elements|'s elements|must contain (at least|not more than|a |at most)/;

function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? dtoFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

interface Metadata {
  name?: string;
  propertyName: string;
  target: { name?: string } | string;
  message?: unknown;
  constraints?: unknown[];
}

describe('array rules of every DTO carry our own messages', () => {
  let metadata: Metadata[];

  beforeAll(async () => {
    for (const file of dtoFiles(join(__dirname, '..'))) await import(file);
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, Metadata[]>;
    };
    metadata = [...storage.validationMetadatas.values()].flat();
  });

  it('finds the DTOs array rules (the scan reads the real metadata)', () => {
    const rules = metadata.filter((m) => ARRAY_RULES.includes(m.name ?? ''));
    expect(rules.length).toBeGreaterThan(30);
    const where = (m: Metadata) =>
      `${typeof m.target === 'string' ? m.target : m.target.name}.${m.propertyName}`;
    expect(rules.map(where)).toEqual(expect.arrayContaining(['CreatePlanRunDto.enrollmentIds']));
  });

  it('no array rule is left with class-validator’s default message', () => {
    const args = (m: Metadata): ValidationArguments => ({
      value: [],
      constraints: m.constraints ?? [],
      targetName: 'Dto',
      object: {},
      property: m.propertyName,
    });
    const defaults = metadata
      .filter((m) => ARRAY_RULES.includes(m.name ?? ''))
      .filter((m) => {
        if (m.message === undefined) return true;
        const text = typeof m.message === 'function' ? m.message(args(m)) : m.message;
        return typeof text !== 'string' || DEFAULT_MESSAGE.test(text);
      })
      .map((m) => `${typeof m.target === 'string' ? m.target : m.target.name}.${m.propertyName}`);
    expect(defaults).toEqual([]);
  });

  it.each([
    [[], 'enrollmentIds must hold at least 1 id'],
    [
      ['7705e98c-0000-4000-8000-000000000001', '7705e98c-0000-4000-8000-000000000001'],
      'enrollmentIds must not repeat an id',
    ],
    [
      Array.from(
        { length: 501 },
        (_, i) => `7705e98c-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ),
      'enrollmentIds must hold at most 500 ids',
    ],
  ])('a plan run’s enrollmentIds %#: %s', (enrollmentIds, message) => {
    const dto = plainToInstance(CreatePlanRunDto, { enrollmentIds });
    const errors = validateSync(dto).filter((e) => e.property === 'enrollmentIds');
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    expect(messages).toContain(message);
    expect(messages.filter((m) => DEFAULT_MESSAGE.test(m))).toEqual([]);
  });
});

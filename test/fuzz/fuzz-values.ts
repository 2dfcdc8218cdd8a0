/**
 * The values the fuzzer (openapi-fuzz.ts) draws from: hostile ones, likely ones, the pools of
 * real ids and cursors grown during a run, and arbitraries for the document's schemas.
 */
import fc from 'fast-check';
import type { Json, Schema, Spec } from './openapi-spec';

/** Values that have broken services before: control characters, extremes, odd shapes. */
export const HOSTILE: Json[] = [
  null,
  '',
  ' ',
  'a\u0000b',
  '\u0001',
  '\ud800',
  'x'.repeat(5000),
  '<script>',
  "'; DROP TABLE staff; --",
  '../../etc/passwd',
  '2027-02-30',
  '2027-13-01',
  '24:00',
  '2027-03-14T02:30',
  'FREQ=WEEKLY;BYDAY=XX',
  'america/new_york',
  'Mars/Base',
  '00000000-0000-0000-0000-000000000000',
  -1,
  0,
  1.5,
  -0,
  2147483648,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  true,
  [],
  {},
  [null],
  { x: { y: { z: 'nested' } } },
];

export const HOSTILE_PATH = [
  '0',
  '-1',
  '1e3',
  '2147483648',
  'abc',
  '..',
  '%00',
  'x'.repeat(300),
  ' ',
];

/** Values of the planning format and this API that make bodies likely to pass validation. */
const LIKELY_STRINGS = [
  '2027-03-01',
  '2027-03-15',
  '2027-04-30',
  '08:00',
  '17:00',
  '2027-03-10T00:00',
  '2027-03-11T00:00',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=DAILY',
  'America/New_York',
  'Europe/Berlin',
  'prescriber',
  'rn',
  'infusion',
  'monitoring',
  'therapy',
  'intake',
  'ketamine-iv',
  'dose',
  'director',
  'frontdesk',
  'clinician',
  'first',
  'last',
  'start',
  'end',
  'MO',
  'FR',
  'Fuzzed name',
];

export interface FuzzPools {
  /** Real ids per path prefix (`/v1/staff`), grown from 201 answers as the run goes on. */
  idsByPrefix: Map<string, string[]>;
  /** Every real id (for bodies' uuid fields). */
  allIds: string[];
  /** nextCursor values seen, and made-up ones. */
  cursors: string[];
  /** Example values found in the spec. */
  examples: Json[];
  /** Valid bodies to mutate, by operation (`POST /v1/protocols`): deep shapes need them. */
  bodies: Map<string, Json[]>;
}

/** Cursors that decode but name nothing sensible. */
export function craftedCursors(): string[] {
  const uuid = '00000000-0000-4000-8000-000000000000';
  const keys: unknown[] = [
    [],
    ['a'],
    ['a', 'b'],
    ['a', uuid],
    [1, uuid],
    ['\u0000', uuid],
    [1e20, uuid],
    ['2027-01-01', uuid, 3],
    ['x'.repeat(300), uuid],
    [null, uuid],
    { a: 1 },
  ];
  return [
    ...keys.map((k) => Buffer.from(JSON.stringify(k)).toString('base64url')),
    'not-a-cursor',
    '%%%',
    '',
  ];
}

/**
 * A value of a pool that grows during the run: the arbitrary draws an index and reads the
 * pool when the value is made, so arbitraries are built once per operation.
 */
export function livePick<T>(pool: () => readonly T[], fallback: T): fc.Arbitrary<T> {
  return fc.nat().map((i) => {
    const values = pool();
    return values.length ? values[i % values.length] : fallback;
  });
}

export class SchemaArbitraries {
  constructor(
    private readonly spec: Spec,
    private readonly pools: FuzzPools,
  ) {}

  of(schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> {
    if (!schema || depth > 12) return fc.constant(null);
    const ref = schema.$ref as string | undefined;
    if (ref) return this.of(this.resolve(ref), depth + 1);
    const allOf = schema.allOf as Schema[] | undefined;
    if (allOf?.length) {
      const merged = this.of(allOf[0], depth + 1);
      return schema.nullable ? fc.option(merged, { nil: null, freq: 5 }) : merged;
    }
    const oneOf = schema.oneOf as Schema[] | undefined;
    if (oneOf?.length) return fc.oneof(...oneOf.map((s) => this.of(s, depth + 1)));
    const base = this.typed(schema, depth);
    return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
  }

  private typed(schema: Schema, depth: number): fc.Arbitrary<Json> {
    const enumValues = schema.enum as Json[] | undefined;
    if (enumValues?.length) {
      return fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...enumValues) },
        { weight: 1, arbitrary: this.anyString() },
      );
    }
    const example = schema.example as Json | undefined;
    const withExample = (a: fc.Arbitrary<Json>) =>
      example === undefined
        ? a
        : fc.oneof({ weight: 2, arbitrary: fc.constant(example) }, { weight: 3, arbitrary: a });
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return this.uuid();
        return withExample(this.anyString(schema));
      case 'integer':
      case 'number': {
        const min = (schema.minimum as number | undefined) ?? -5;
        const max = (schema.maximum as number | undefined) ?? 1000;
        const ints = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
        const edge = fc.constantFrom(min, max, min - 1, max + 1);
        return withExample(
          schema.type === 'integer'
            ? fc.oneof({ weight: 8, arbitrary: ints }, { weight: 2, arbitrary: edge })
            : fc.oneof(ints, edge, fc.double({ min, max, noNaN: true })),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = this.of(schema.items as Schema | undefined, depth + 1);
        return withExample(fc.array(items, { maxLength: 3 }));
      }
      case 'object':
      default:
        return withExample(this.object(schema, depth));
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<Json> {
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    const extra = schema.additionalProperties as Schema | boolean | undefined;
    const names = Object.keys(props);
    if (names.length === 0 && extra) {
      return fc.dictionary(
        fc.constantFrom('intake', 'dose', 'infusion', 'integration', 'x'),
        typeof extra === 'object' ? this.of(extra, depth + 1) : fc.integer({ min: 0, max: 10 }),
        { maxKeys: 3 },
      ) as fc.Arbitrary<Json>;
    }
    if (names.length === 0) return fc.constant({});
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const name of names) model[name] = this.of(props[name], depth + 1);
    return fc.record(model, {
      requiredKeys: (schema.required as string[] | undefined) ?? [],
    }) as fc.Arbitrary<Json>;
  }

  uuid(): fc.Arbitrary<Json> {
    return fc.oneof(
      { weight: 6, arbitrary: livePick<Json>(() => this.pools.allIds, 'not-a-uuid') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '', 42 as Json) },
    );
  }

  anyString(schema?: Schema): fc.Arbitrary<Json> {
    const max = (schema?.maxLength as number | undefined) ?? 40;
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...LIKELY_STRINGS) },
      { weight: 2, arbitrary: fc.constantFrom(...this.exampleStrings()) },
      { weight: 2, arbitrary: fc.string({ maxLength: Math.min(max, 60) }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    );
  }

  private exampleStrings(): string[] {
    const strings = this.pools.examples.filter((e): e is string => typeof e === 'string');
    return strings.length ? strings : LIKELY_STRINGS;
  }

  private resolve(ref: string): Schema {
    const name = ref.replace('#/components/schemas/', '');
    return this.spec.components.schemas[name] ?? {};
  }
}

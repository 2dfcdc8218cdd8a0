import fc from 'fast-check';
import type { Protocol, ProtocolRule, Series } from '../planning/format';
import { WEEKDAYS } from '../planning/format';
import { checkProtocol } from './protocol-check';
import { catalog } from './protocol-check.fixture';
import { PROTOCOL_FINDING_CODES } from './protocol-finding';

const seriesIds = ['intake', 'dose', 'integration', 'emdr', 'ghost'];
const typeIds = ['intake', 'ketamine-iv', 'integration-50', 'emdr-90', 'phone-check', 'missing'];
const weekday = fc.constantFrom(...WEEKDAYS);
const hours = fc.record(
  { min: fc.integer({ min: -10, max: 200 }), max: fc.integer({ min: 0, max: 400 }) },
  { requiredKeys: [] },
);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const occurrence = fc.oneof(
  fc.constantFrom('first' as const, 'last' as const),
  fc.integer({ min: 0, max: 10 }),
);
const point = fc.record({
  series: fc.constantFrom(...seriesIds),
  occurrence,
  point: fc.constantFrom('start' as const, 'end' as const),
});

const series: fc.Arbitrary<Series> = fc.record(
  {
    id: fc.constantFrom(...seriesIds.slice(0, 4)),
    sessionType: fc.constantFrom(...typeIds),
    count: fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      )
      .map(([min, max, d]) => (d === undefined ? { min, max } : { min, max, default: d })),
    gapHours: hours,
    days: fc.uniqueArray(weekday, { maxLength: 7 }),
  },
  { requiredKeys: ['id', 'sessionType', 'count'] },
);

const rule: fc.Arbitrary<ProtocolRule> = fc.oneof(
  fc.record({ type: fc.constant('offset' as const), from: point, to: point, hours }),
  fc.record(
    {
      type: fc.constant('followUp' as const),
      anchor: fc.constantFrom(...seriesIds),
      targets: fc.uniqueArray(fc.constantFrom(...seriesIds), { maxLength: 3 }),
      hours,
      sameDay: fc.boolean(),
    },
    { requiredKeys: ['type', 'anchor', 'targets', 'hours'] },
  ),
  fc.record({
    type: fc.constant('notSameDay' as const),
    series: fc.uniqueArray(fc.constantFrom(...seriesIds), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('separation' as const),
    series: fc.uniqueArray(fc.constantFrom(...seriesIds), { maxLength: 3 }),
    minHours: fc.oneof(
      fc.integer({ min: -5, max: 300 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
    ),
  }),
);

const protocol: fc.Arbitrary<Protocol> = fc.record(
  {
    id: fc.constant('p'),
    spanDays: fc.record(
      { min: fc.integer({ min: 0, max: 30 }), max: fc.integer({ min: 0, max: 40 }) },
      { requiredKeys: [] },
    ),
    series: fc.array(series, { maxLength: 4 }),
    rules: fc.array(rule, { maxLength: 4 }),
    patientDay: fc.record(
      {
        start: time,
        end: time,
        maxSessions: fc.integer({ min: 0, max: 4 }),
        maxMinutes: fc.integer({ min: 30, max: 600 }),
        minBreakMinutes: fc.integer({ min: 0, max: 120 }),
      },
      { requiredKeys: [] },
    ),
    restDays: fc.uniqueArray(weekday, { maxLength: 7 }),
    continuity: fc.array(
      fc.record({
        series: fc.uniqueArray(fc.constantFrom(...seriesIds), { minLength: 1, maxLength: 3 }),
        role: fc.constantFrom('kap-therapist', 'rn', 'emdr-therapist', 'nobody'),
        mode: fc.constantFrom('require' as const, 'prefer' as const),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['id', 'series'] },
);

/** Resolves a JSON pointer; undefined when a token is missing. */
function resolve(doc: unknown, ptr: string): unknown {
  let at: unknown = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(token in (at as object))) return undefined;
    at = (at as Record<string, unknown>)[token];
  }
  return at;
}

describe('checkProtocol on arbitrary protocols', () => {
  it('never throws, uses known codes, and every pointer names an existing part of the protocol', () => {
    fc.assert(
      fc.property(protocol, (p) => {
        const findings = checkProtocol(p, catalog());
        for (const f of findings) {
          expect(PROTOCOL_FINDING_CODES).toContain(f.code);
          expect(['error', 'warning']).toContain(f.severity);
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.message).not.toMatch(/undefined|NaN|Infinity/);
          expect([f.code, f.pointer, resolve(p, f.pointer)]).not.toEqual([
            f.code,
            f.pointer,
            undefined,
          ]);
        }
        // Errors come before warnings.
        const firstWarning = findings.findIndex((f) => f.severity === 'warning');
        if (firstWarning >= 0)
          expect(findings.slice(firstWarning).every((f) => f.severity === 'warning')).toBe(true);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});

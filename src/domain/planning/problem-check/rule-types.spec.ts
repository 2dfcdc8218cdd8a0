import type { ExistingBooking } from '../format';
import { tinyProblem } from '../solution-check/tiny-problem.testing';
import { checkProblem, type ProblemError } from './index';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function check(mutate: (p: Loose) => void, version: number = 1.1) {
  const problem = tinyProblem() as unknown as Loose;
  problem.formatVersion = version;
  mutate(problem);
  return checkProblem(JSON.parse(JSON.stringify(problem)));
}

function errorsAfter(mutate: (p: Loose) => void, version?: number) {
  const result = check(mutate, version);
  return result.ok ? [] : result.errors;
}

const codes = (errors: ProblemError[]) => errors.map(({ pointer, code }) => ({ pointer, code }));
const separation = (over: Loose = {}) => ({
  type: 'separation',
  series: ['dose', 'talk'],
  minHours: 20,
  ...over,
});
const addRule = (rule: unknown) => (p: Loose) => p.protocols[0].rules.push(rule);

describe('checkProblem: rule types', () => {
  it('rejects an unknown rule type at its type, naming the known types', () => {
    const errors = errorsAfter(addRule({ type: 'sameWeek', series: ['dose', 'talk'] }));
    expect(errors).toEqual([
      {
        pointer: '/protocols/0/rules/1/type',
        code: 'NOT_ALLOWED',
        message:
          'unknown rule type "sameWeek"; type must be one of "offset", "followUp", "notSameDay", "separation"',
      },
    ]);
  });

  it('does not judge a rule of an unknown type by another type`s shape', () => {
    // Shaped like notSameDay, typed otherwise: one error at type, none about its fields.
    expect(codes(errorsAfter((p) => (p.protocols[0].rules[0].type = 'notsameday')))).toEqual([
      { pointer: '/protocols/0/rules/0/type', code: 'NOT_ALLOWED' },
    ]);
  });

  it.each<[string, unknown, string, string]>([
    ['a rule that is not an object', 'separation', '/protocols/0/rules/1', 'INVALID_TYPE'],
    ['a rule without a type', { series: ['dose'] }, '/protocols/0/rules/1/type', 'REQUIRED'],
    ['a type that is not a string', { type: 3 }, '/protocols/0/rules/1/type', 'NOT_ALLOWED'],
  ])('rejects %s', (_, rule, pointer, code) => {
    expect(codes(errorsAfter(addRule(rule)))).toEqual([{ pointer, code }]);
  });
});

describe('checkProblem: separation rule and format versions', () => {
  it('accepts a separation rule in a format 1.1 document', () => {
    const result = check(addRule(separation()));
    expect(result.ok).toBe(true);
  });

  it('accepts version 1 and 1.1 documents and no other version', () => {
    expect(check(() => {}, 1).ok).toBe(true);
    expect(check(() => {}, 1.1).ok).toBe(true);
    expect(codes(errorsAfter(() => {}, 1.2))).toEqual([
      { pointer: '/formatVersion', code: 'UNSUPPORTED_FORMAT_VERSION' },
    ]);
  });

  it('rejects a separation rule in a format 1 document, naming the version it needs', () => {
    const errors = errorsAfter(addRule(separation()), 1);
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/protocols/0/rules/1/type',
        code: 'RULE_NEEDS_FORMAT_VERSION',
        message: expect.stringContaining('format 1.1'),
      }),
    ]);
  });

  it.each<[string, Loose, string, string]>([
    ['a missing minHours', { minHours: undefined }, '/protocols/0/rules/1/minHours', 'REQUIRED'],
    ['a negative minHours', { minHours: -1 }, '/protocols/0/rules/1/minHours', 'OUT_OF_RANGE'],
    ['a text minHours', { minHours: '20' }, '/protocols/0/rules/1/minHours', 'INVALID_TYPE'],
    ['no series', { series: [] }, '/protocols/0/rules/1/series', 'OUT_OF_RANGE'],
    ['an unknown field', { hours: { min: 1 } }, '/protocols/0/rules/1/hours', 'UNKNOWN_FIELD'],
    [
      'an unknown series',
      { series: ['dose', 'walk'] },
      '/protocols/0/rules/1/series/1',
      'UNKNOWN_REFERENCE',
    ],
  ])('rejects a separation rule with %s', (_, over, pointer, code) => {
    expect(codes(errorsAfter(addRule(separation(over))))).toEqual([{ pointer, code }]);
  });

  it('rejects pinned bookings that break a separation rule', () => {
    const pinned = (id: string, series: string, start: string): ExistingBooking => ({
      id,
      patient: 'p1',
      series,
      index: 1,
      start,
      room: series === 'dose' ? 'inf-1' : 'th-1',
      staff:
        series === 'dose'
          ? [
              { id: 'doc', role: 'prescriber' },
              { id: 'rn-1', role: 'rn' },
              { id: 'ther-1', role: 'therapist' },
            ]
          : [{ id: 'ther-1', role: 'therapist' }],
      mode: 'pinned',
    });
    const withPinned = (talkStart: string) =>
      errorsAfter((p) => {
        p.protocols[0].rules.push(separation({ minHours: 4 }));
        p.existing = [pinned('e1', 'dose', '2027-03-01T09:00'), pinned('e2', 'talk', talkStart)];
      });
    expect(withPinned('2027-03-01T13:00')).toEqual([]);
    expect(withPinned('2027-03-01T12:00')).toEqual([
      expect.objectContaining({
        pointer: '/existing/1',
        code: 'PINNED_BOOKING_INVALID',
        message: expect.stringContaining('SEPARATION'),
      }),
    ]);
  });
});

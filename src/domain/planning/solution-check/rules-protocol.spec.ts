import { DateTime } from 'luxon';
import type { Appointment, Problem, ProtocolRule, Solution } from '../format';
import { tinyProblem, tinySolution } from './tiny-problem.testing';
import { validateSolution } from './index';

/** Tiny problem and solution in format 1.1 with `rule` added to the protocol. */
function withRule(rule: ProtocolRule): { problem: Problem; solution: Solution } {
  const problem = tinyProblem();
  const solution = tinySolution();
  problem.formatVersion = 1.1;
  solution.formatVersion = 1.1;
  problem.protocols[0].rules!.push(rule);
  return { problem, solution };
}

/** Moves one appointment (and its staff intervals) by `minutes`, keeping the zone's offset. */
function shift(solution: Solution, id: string, minutes: number): Appointment {
  const a = solution.appointments.find((x) => x.id === id)!;
  const move = (iso: string) =>
    DateTime.fromISO(iso, { setZone: true })
      .setZone('America/New_York')
      .plus({ minutes })
      .toISO({ suppressMilliseconds: true })!;
  a.start = move(a.start);
  a.end = move(a.end);
  for (const s of a.staff) Object.assign(s, { start: move(s.start), end: move(s.end) });
  return a;
}

const rulesOf = (problem: Problem, solution: Solution) => [
  ...new Set(validateSolution(problem, solution).map((v) => v.rule)),
];

// The tiny solution: doses a1 Mon 09:00 and a3 Wed 09:00, talks a2 Mon 13:00 and a4 Wed 13:00.
describe('validateSolution: separation rule', () => {
  const across: ProtocolRule = { type: 'separation', series: ['dose', 'talk'], minHours: 4 };

  it('accepts sessions exactly minHours apart, across series', () => {
    const { problem, solution } = withRule(across);
    expect(validateSolution(problem, solution)).toEqual([]);
  });

  it.each([
    ['a1', 60], // dose 1 to 10:00: 3 h before talk 1
    ['a2', -60], // talk 1 to 12:00: 3 h after dose 1
    ['a3', 60],
    ['a4', -60],
  ])('reports %s moved %i min closer to its neighbour', (id, minutes) => {
    const { problem, solution } = withRule(across);
    shift(solution, id, minutes);
    const violations = validateSolution(problem, solution).filter((v) => v.rule === 'SEPARATION');
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ patient: 'p1' });
    expect(violations[0].message).toMatch(/start 3 h apart.*at least 4 h/);
    expect(violations[0].message).toContain(id);
  });

  it('judges sessions of one series against each other', () => {
    const same = { type: 'separation' as const, series: ['dose'], minHours: 48 };
    expect(rulesOf(withRule(same).problem, withRule(same).solution)).toEqual([]);
    const { problem, solution } = withRule({ ...same, minHours: 48.5 });
    expect(validateSolution(problem, solution)).toEqual([
      expect.objectContaining({ rule: 'SEPARATION', appointment: 'a3' }),
    ]);
  });

  it('leaves series it does not list alone', () => {
    const { problem, solution } = withRule({ type: 'separation', series: ['talk'], minHours: 48 });
    shift(solution, 'a1', 60); // the dose moves next to talk 1; talks stay 48 h apart
    expect(rulesOf(problem, solution)).not.toContain('SEPARATION');
  });

  it('reports every pair that is too close, naming the later session', () => {
    const { problem, solution } = withRule({
      type: 'separation',
      series: ['dose', 'talk'],
      minHours: 50,
    });
    expect(validateSolution(problem, solution).map((v) => v.appointment)).toEqual([
      'a2', // a1-a2 4 h
      'a3', // a1-a3 48 h
      'a3', // a2-a3 44 h
      'a4', // a2-a4 48 h
      'a4', // a3-a4 4 h
    ]);
  });
});

describe('validateSolution: rule types', () => {
  it('reports a rule of an unknown type instead of judging it as another type', () => {
    const problem = tinyProblem();
    problem.protocols[0].rules!.push({
      type: 'sometimes',
      series: ['dose', 'talk'],
    } as unknown as ProtocolRule);
    expect(rulesOf(problem, tinySolution())).toEqual(['UNKNOWN_RULE_TYPE']);
  });

  it('wants the solution in the problem format version', () => {
    const problem = tinyProblem();
    problem.formatVersion = 1.1;
    expect(rulesOf(problem, tinySolution())).toEqual(['FORMAT_VERSION']);
  });
});

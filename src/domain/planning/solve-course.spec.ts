/**
 * Courses in progress (format 1.1) through the planner: `now`. Every
 * solution goes through the independent validator.
 */
import type { Problem } from './format';
import { checkProblem } from './problem-check';
import { solve } from './solve';
import { validateSolution } from './solution-check';
import { tinyProblem } from './solution-check/tiny-problem.testing';

function withNow(now: string): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.now = now;
  return problem;
}

function solved(problem: Problem) {
  const checked = checkProblem(problem);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  // Courses are outside CP-SAT's scope: the planner alone, checked by the validator.
  const solution = solve(problem, { timeLimitMs: 3000, seed: 1 });
  expect(validateSolution(problem, solution)).toEqual([]);
  return solution;
}

const ms = (iso: string) => Date.parse(iso);

describe('now (format 1.1) through the planner', () => {
  it('starts every new session at or after now, on the first start it allows', () => {
    // Wednesday 3 March 10:00: the Monday dose is gone; Wed 10:00 is the first start.
    const solution = solved(withNow('2027-03-03T10:00'));
    expect(solution.status).toBe('complete');
    const starts = solution.appointments.map((a) => ms(a.start)).sort((a, b) => a - b);
    expect(starts[0]).toBe(ms('2027-03-03T10:00:00-05:00'));
    for (const t of starts) expect(t).toBeGreaterThanOrEqual(ms('2027-03-03T10:00:00-05:00'));
  });

  it('keeps a pinned booking that lies before now', () => {
    const problem = withNow('2027-03-02T12:00');
    problem.existing = [
      {
        id: 'pin-1',
        patient: 'p1',
        series: 'dose',
        index: 1,
        start: '2027-03-01T09:00',
        room: 'inf-1',
        staff: [
          { id: 'doc', role: 'prescriber' },
          { id: 'rn-1', role: 'rn' },
          { id: 'ther-1', role: 'therapist' },
        ],
        mode: 'pinned',
      },
    ];
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    const pinned = solution.appointments.find((a) => a.id === 'pin-1')!;
    expect(ms(pinned.start)).toBe(ms('2027-03-01T09:00:00-05:00'));
    // The talk following the Monday dose comes after now (Tue 12:00, within 30 h of its end).
    for (const a of solution.appointments.filter((x) => x.id !== 'pin-1'))
      expect(ms(a.start)).toBeGreaterThanOrEqual(ms('2027-03-02T12:00:00-05:00'));
  });

  it('explains a patient whose window lies before now (no allowed day after now), proven', () => {
    const solution = solved(withNow('2027-03-13T08:00'));
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.unscheduled[0].reasons[0]).toMatchObject({
      code: 'NO_ALLOWED_DAY',
      message: expect.stringContaining('before now'),
    });
  });

  it('leaves too little time after now as a rule conflict, not as a capacity shortage', () => {
    // Wed 10 March 16:30: a 2 h dose no longer fits Wednesday's patient day (ends 18:00),
    // doses are Mon/Wed/Fri only and the window closes Fri 12 March: one dose of two.
    const solution = solved(withNow('2027-03-10T16:30'));
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.unscheduled[0].reasons.map((r) => r.code)).not.toContain(
      'NO_PRESCRIBER_CAPACITY',
    );
    expect(solution.unscheduled[0].reasons[0].code).toBe('RULE_CONFLICT');
  });
});

const doseStaff = [
  { id: 'doc', role: 'prescriber' },
  { id: 'rn-1', role: 'rn' },
  { id: 'ther-1', role: 'therapist' },
];

/**
 * The course: Mon/Wed/Fri doses (gap 44–100 h), three doses and three talks.
 * Dose 1 and its talk were done on Mon 8 March; the Wednesday dose (10 March) was
 * missed; it is now Wed 18:00, Friday 12 March is closed, weekends are rest days, so
 * the next dose is Mon 15 March: 166 h or more after dose 1, across the spring-forward
 * change of 14 March.
 */
function missedWednesday(resumeMax: number | null): Problem {
  const problem = withNow('2027-03-10T18:00');
  problem.clinic.closures = ['2027-03-12'];
  problem.patients[0].latestEnd = '2027-03-19';
  problem.patients[0].counts = { dose: 3 };
  problem.protocols[0].series[1].count = { min: 3, max: 3 };
  if (resumeMax !== null) problem.protocols[0].series[0].resumeGapHours = { max: resumeMax };
  problem.existing = [
    {
      id: 'd1',
      patient: 'p1',
      series: 'dose',
      index: 1,
      start: '2027-03-08T09:00',
      room: 'inf-1',
      staff: doseStaff,
      mode: 'done',
    },
    {
      id: 't1',
      patient: 'p1',
      series: 'talk',
      index: 1,
      start: '2027-03-08T13:00',
      room: 'th-1',
      staff: [{ id: 'ther-1', role: 'therapist' }],
      mode: 'done',
    },
    {
      id: 'm2',
      patient: 'p1',
      series: 'dose',
      index: 2,
      start: '2027-03-10T09:00',
      room: 'inf-1',
      staff: doseStaff,
      mode: 'missed',
    },
  ];
  return problem;
}

describe('a course in progress (format 1.1 done and missed sessions) through the planner', () => {
  it('resumes after a missed Wednesday dose within resumeGapHours (across DST)', () => {
    const problem = missedWednesday(168);
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    expect(solution.missed).toEqual([problem.existing![2]]);
    const doses = solution.appointments
      .filter((a) => a.series === 'dose')
      .sort((a, b) => ms(a.start) - ms(b.start));
    expect(doses.map((a) => [a.id, a.index])).toEqual([
      ['d1', 1],
      [expect.any(String), 2],
      [expect.any(String), 3],
    ]);
    // Monday 15 March, EDT: at most 168 h after the done dose, and no earlier than now.
    expect(doses[1].start.slice(0, 10)).toBe('2027-03-15');
    expect(doses[1].start.endsWith('-04:00')).toBe(true);
    expect(ms(doses[1].start) - ms(doses[0].start)).toBeLessThanOrEqual(168 * 3_600_000);
    expect(solution.appointments.some((a) => a.id === 'm2')).toBe(false);
  });

  it('without resumeGapHours the course cannot resume: a rule conflict naming the gap, proven', () => {
    const solution = solved(missedWednesday(null));
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('RULE_CONFLICT');
    expect(reason.message).toContain('gapHours 44–100 h of the last done one');
    expect(reason.message).toContain('no resumeGapHours');
    // Only the done sessions stay.
    expect(solution.appointments.map((a) => a.id).sort()).toEqual(['d1', 't1']);
  });

  it('a resume bound too short is named, with a verified larger one as suggestion', () => {
    const solution = solved(missedWednesday(120));
    expect(solution.status).toBe('none');
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('RULE_CONFLICT');
    expect(reason.message).toContain('resumeGapHours 44–120 h of the last done one');
    expect(reason.suggestion).toMatch(/resumeGapHours max 1\d\d h/);
    const hours = Number(/resumeGapHours max (\d+) h/.exec(reason.suggestion!)![1]);
    const relaxed = missedWednesday(hours);
    expect(solved(relaxed).status).toBe('complete');
  });

  it("the issue's 119 h: done Wednesday, missed Friday, resumes Monday (spring forward)", () => {
    const problem = missedWednesday(120);
    problem.clinic.closures = [];
    problem.now = '2027-03-12T18:00';
    problem.existing![0].start = '2027-03-10T09:00';
    problem.existing![1].start = '2027-03-10T13:00';
    problem.existing![2].start = '2027-03-12T09:00';
    problem.patients[0].latestEnd = '2027-03-26';
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    const next = solution.appointments.find((a) => a.series === 'dose' && a.index === 2)!;
    expect((ms(next.start) - ms('2027-03-10T09:00:00-05:00')) / 3_600_000).toBeLessThanOrEqual(120);
    expect(next.start.slice(0, 10)).toBe('2027-03-15');
  });

  it("keeps the patient's own booking made before the miss (its index counted the missed dose)", () => {
    const problem = missedWednesday(168);
    problem.existing!.push({
      id: 'k3',
      patient: 'p1',
      series: 'dose',
      index: 3,
      start: '2027-03-15T09:00',
      room: 'inf-2',
      staff: doseStaff,
      mode: 'keepIfPossible',
    });
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    expect(solution.score.movedAppointments).toBe(0);
    const kept = solution.appointments.find((a) => a.id === 'k3')!;
    expect([kept.index, ms(kept.start)]).toEqual([2, ms('2027-03-15T09:00:00-04:00')]);
  });

  it('a repair keeps every done session and the untouched kept sessions of another patient', () => {
    const problem = missedWednesday(168);
    problem.patients.push({
      id: 'p2',
      protocol: 'iv',
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-19',
    });
    // p2's course as booked before, all after now: it should stay where it is.
    const at = (day: string, time: string) => `2027-03-${day}T${time}`;
    problem.existing!.push(
      ...[
        ['k1', 'dose', 1, at('15', '09:00'), 'inf-1'],
        ['k2', 'talk', 1, at('15', '13:00'), 'th-1'],
        ['k3', 'dose', 2, at('17', '09:00'), 'inf-1'],
        ['k4', 'talk', 2, at('17', '13:00'), 'th-1'],
      ].map(([id, series, index, start, room]) => ({
        id: id as string,
        patient: 'p2',
        series: series as string,
        index: index as number,
        start: start as string,
        room: room as string,
        staff:
          series === 'dose'
            ? [
                { id: 'doc', role: 'prescriber' },
                { id: 'rn-1', role: 'rn' },
                { id: 'ther-2', role: 'therapist' },
              ]
            : [{ id: 'ther-2', role: 'therapist' }],
        mode: 'keepIfPossible' as const,
      })),
    );
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    expect(solution.score.movedAppointments).toBe(0);
    for (const id of ['d1', 't1', 'k1', 'k2', 'k3', 'k4'])
      expect(solution.appointments.some((a) => a.id === id)).toBe(true);
  });
});

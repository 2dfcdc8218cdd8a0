/**
 * The booster carries the course's therapist forward (docs/starter-protocols.md,
 * "Carrying the therapist forward"): the problem of a booster enrollment holds
 * the patient's earlier therapy sessions as `done` records of series
 * `previous-therapy`, and the protocol's continuity `prefer` over
 * `previous-therapy` and `therapy` then scores any other therapist as a break.
 * Hand-built problems, as the stored-data problem builder will write them.
 */
import type { Appointment, Problem, Solution } from '../../planning/format';
import {
  checkProblem,
  checkProblemFormat,
  PLANNER_UNSUPPORTED,
} from '../../planning/problem-check';
import { solve } from '../../planning/solve';
import { computeScore, validateSolution } from '../../planning/solution-check';
import { CARRIED_SERIES_PREFIX, getTemplate } from './index';

const CARRIED = `${CARRIED_SERIES_PREFIX}therapy`;
const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '18:00' }];

/** A booster enrollment three months after a course whose EMDR sessions were with `previous`. */
function boosterProblem(previous: string | null): Problem {
  const t = getTemplate('ketamine-ptsd-booster-emdr')!;
  const history = previous
    ? ['2027-01-12T10:00', '2027-01-14T10:00'].map((start, i) => ({
        id: `course-emdr-${i + 1}`,
        patient: 'p-1',
        series: CARRIED,
        index: i + 1,
        start,
        room: 'therapy-1',
        staff: [{ id: previous, role: 'emdr-therapist' }],
        mode: 'done' as const,
      }))
    : [];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-04-12', end: '2027-04-30' },
    staff: [
      { id: 'dr-1', roles: ['prescriber'], availability: weekdays },
      { id: 'rn-1', roles: ['rn'], availability: weekdays },
      // emdr-a comes first and is free every day; emdr-b only works Tuesday to Thursday.
      { id: 'emdr-a', roles: ['emdr-therapist'], availability: weekdays },
      {
        id: 'emdr-b',
        roles: ['emdr-therapist'],
        availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH', start: '08:00', end: '18:00' }],
      },
    ],
    rooms: [
      { id: 'bay-1', features: ['infusion', 'monitoring'] },
      { id: 'therapy-1', features: ['therapy'] },
    ],
    sessionTypes: t.sessionTypes,
    protocols: [t.protocol],
    patients: [
      {
        id: 'p-1',
        protocol: t.protocol.id,
        earliestStart: '2027-04-12',
        ...(previous && { counts: { [CARRIED]: 2 } }),
      },
    ],
    // The plan is made on the Friday before; the history lies before now.
    ...(history.length > 0 && { now: '2027-04-09T12:00', existing: history }),
  };
}

function therapist(solution: Solution): string | undefined {
  const session = solution.appointments.find((a: Appointment) => a.series === 'therapy');
  return session?.staff.find((s) => s.role === 'emdr-therapist')?.id;
}

describe('ketamine-ptsd-booster: carrying the therapist forward', () => {
  it('a booster without history plans one infusion and its EMDR session the next day', () => {
    const problem = boosterProblem(null);
    expect(checkProblem(problem).ok).toBe(true);
    const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const [infusion, therapy] = solution.appointments;
    expect([infusion.series, therapy.series]).toEqual(['infusion', 'therapy']);
    expect(infusion.staff.filter((s) => s.mode === 'present')).toHaveLength(1);
  });

  it('is a valid problem with the history, and the history counts toward continuity', () => {
    const problem = boosterProblem('emdr-b');
    const checked = checkProblemFormat(problem);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    // The same booster plan scored with the history: emdr-a for its EMDR breaks continuity once.
    const solution = solve(boosterProblem(null), { timeLimitMs: 2000, seed: 1 });
    const withHistory = (who: string): Solution => {
      const s: Solution = structuredClone(solution);
      for (const a of s.appointments)
        for (const x of a.staff) if (x.role === 'emdr-therapist') x.id = who;
      s.appointments.unshift(
        ...problem.existing!.map((e, i) => ({
          id: e.id,
          patient: 'p-1',
          series: CARRIED,
          index: i + 1,
          sessionType: 'emdr-90',
          start: `${e.start}:00-05:00`,
          end: `${e.start.slice(0, 11)}11:30:00-05:00`,
          room: 'therapy-1',
          staff: [
            {
              id: 'emdr-b',
              role: 'emdr-therapist',
              start: `${e.start}:00-05:00`,
              end: `${e.start.slice(0, 11)}11:30:00-05:00`,
            },
          ],
        })),
      );
      return s;
    };
    expect(computeScore(problem, withHistory('emdr-a')).continuityBreaks).toBe(1);
    expect(computeScore(problem, withHistory('emdr-b')).continuityBreaks).toBe(0);
  });

  // The planner plans done sessions once the `done` feature leaves PLANNER_UNSUPPORTED
  // (issue #8, helper `course`); until then this is skipped, not faked.
  const plannerPlansDone = !PLANNER_UNSUPPORTED.includes('done');
  (plannerPlansDone ? it : it.skip)(
    'the planner books the booster EMDR with the course therapist, even one who works fewer days',
    () => {
      for (const previous of ['emdr-a', 'emdr-b']) {
        const problem = boosterProblem(previous);
        expect(checkProblem(problem).ok).toBe(true);
        const solution = solve(problem, { timeLimitMs: 3000, seed: 1 });
        expect(validateSolution(problem, solution)).toEqual([]);
        expect(solution.status).toBe('complete');
        expect(therapist(solution)).toBe(previous);
        expect(solution.score.continuityBreaks).toBe(0);
      }
    },
  );
});

/**
 * stats.bound and the proofs behind the reasons, against exhaustive search on
 * tiny problems: the counting bound is never below the true optimum (nor the
 * solver's score), a patient is called unschedulable-alone only when no
 * schedule of it exists with the clinic otherwise empty, and each suggestion,
 * applied with everyone else as planned, lets its patient in.
 */
import fc from 'fast-check';
import type { Problem } from '../../src/domain/planning/format';
import { checkProblem } from '../../src/domain/planning/problem-check';
import { solveDetailed } from '../../src/domain/planning/solve';
import { compileModel } from '../../src/domain/planning/model/compile';
import { countCapacity } from '../../src/domain/planning/solver/capacity-count';
import { computeDomains } from '../../src/domain/planning/solver/domains';
import { pinnedSlots } from '../../src/domain/planning/solver/fixed-state';
import { plantedProblemArb, tinyProblemArb } from '../factories/planning/arbitraries';
import { applyEdit, pinOthers } from './support/apply-edit';
import { BruteForce, SearchTooLarge } from './support/brute-force';
import { counterexample } from './support/report';

interface BoundCheck {
  /** The bound cut below the number of patients. */
  binding: boolean;
  /** The bound equals the optimum. */
  tight: boolean;
  suggestions: number;
}

/** Throws SearchTooLarge when the problem is not tiny enough for the exhaustive search. */
function checkBound(problem: Problem): BoundCheck {
  const exact = new BruteForce(problem, 3000).run();
  const { solution, rawBound, provenAlone, edits } = solveDetailed(problem, {
    timeLimitMs: 1000,
    seed: 1,
  });
  const fail = (title: string, details: unknown) => {
    throw new Error(counterexample(title, problem, details, solution));
  };
  const optimum = exact.bestScore.scheduledPatients;
  if (rawBound < optimum) fail('bound below the optimum', { rawBound, optimum });
  if (rawBound < solution.score.scheduledPatients) fail('bound below the score', { rawBound });
  if (rawBound > problem.patients.length) fail('bound above the patient count', { rawBound });
  if (
    solution.stats.bound?.scheduledPatients !== Math.max(rawBound, solution.score.scheduledPatients)
  )
    fail('stats.bound is not the bound', { rawBound });
  for (const id of provenAlone) {
    const i = problem.patients.findIndex((p) => p.id === id);
    if (exact.candidatesPerPatient[i] > 0)
      fail('patient called unschedulable alone, but it has a schedule', { id });
  }
  let suggestions = 0;
  for (const [patient, list] of edits)
    for (const edit of list) {
      const edited = applyEdit(pinOthers(problem, solution, patient), edit);
      // A DST fall-back hour may not survive the round trip through local time: skip those.
      if (!checkProblem(edited).ok) continue;
      // Everyone else as planned (scheduled ones pinned, the others left out): the patient has a schedule.
      let schedules: number;
      try {
        schedules = new BruteForce(edited, 3000).candidates(
          edited.patients.find((p) => p.id === patient)!,
        ).length;
      } catch (e) {
        if (e instanceof SearchTooLarge) continue;
        throw e;
      }
      if (schedules === 0)
        fail('a suggestion, applied, does not let the patient in', { patient, edit });
      suggestions++;
    }
  return {
    binding: rawBound < problem.patients.length,
    tight: rawBound === optimum,
    suggestions,
  };
}

/**
 * Tiny clinics tight on one role and one room: 2–4 patients, each 1–2 talks
 * of 60 or 120 minutes, one nurse for a few hours a day (maybe shared,
 * maybe capped per day), one room for a few hours.
 */
const tightClinicArb = fc
  .record({
    zone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
    days: fc.integer({ min: 1, max: 2 }),
    patients: fc.integer({ min: 2, max: 4 }),
    talks: fc.integer({ min: 1, max: 2 }),
    duration: fc.constantFrom(60, 120),
    nurseHours: fc.integer({ min: 1, max: 4 }),
    nurseCap: fc.option(fc.constantFrom(60, 120, 180), { nil: undefined }),
    maxConcurrent: fc.integer({ min: 1, max: 2 }),
    roomCapacity: fc.integer({ min: 1, max: 2 }),
    roomHours: fc.integer({ min: 1, max: 5 }),
  })
  .map((c): Problem => {
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return {
      formatVersion: 1,
      clinic: { timeZone: c.zone, slotMinutes: 60 },
      horizon: { start: '2027-03-15', end: c.days === 1 ? '2027-03-15' : '2027-03-16' },
      staff: [
        {
          id: 'rn',
          roles: ['rn'],
          availability: [{ rrule: 'FREQ=DAILY', start: '09:00', end: hh(9 + c.nurseHours) }],
          ...(c.nurseCap !== undefined && { limits: { maxMinutesPerDay: c.nurseCap } }),
        },
      ],
      rooms: [
        {
          id: 'room',
          features: ['talk'],
          capacity: c.roomCapacity,
          availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: hh(8 + c.roomHours) }],
        },
      ],
      sessionTypes: [
        {
          id: 'talk',
          durationMinutes: c.duration,
          room: { features: ['talk'] },
          staff: [{ role: 'rn', maxConcurrent: c.maxConcurrent }],
        },
      ],
      protocols: [
        {
          id: 'p',
          series: [{ id: 't', sessionType: 'talk', count: { min: c.talks, max: c.talks } }],
        },
      ],
      patients: Array.from({ length: c.patients }, (_, i) => ({ id: `p${i + 1}`, protocol: 'p' })),
    };
  });

describe('stats.bound against the exhaustive optimum', () => {
  it('holds on generated tiny problems in every zone', () => {
    let compared = 0;
    fc.assert(
      fc.property(tinyProblemArb(), ({ problem }) => {
        try {
          checkBound(problem);
          compared++;
        } catch (e) {
          if (e instanceof SearchTooLarge) fc.pre(false);
          throw e;
        }
      }),
      { seed: 4242, numRuns: 25 },
    );
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('holds, and often binds, on tiny clinics tight on one role and one room', () => {
    let compared = 0;
    let binding = 0;
    let tight = 0;
    fc.assert(
      fc.property(tightClinicArb, (problem) => {
        try {
          const r = checkBound(problem);
          compared++;
          if (r.binding) binding++;
          if (r.tight) tight++;
        } catch (e) {
          if (e instanceof SearchTooLarge) fc.pre(false);
          throw e;
        }
      }),
      { seed: 1729, numRuns: 30 },
    );
    expect(compared).toBeGreaterThanOrEqual(25);
    // The counting does cut on these clinics, and is exact on most.
    expect(binding).toBeGreaterThanOrEqual(8);
    expect(tight).toBeGreaterThanOrEqual(compared / 2);
  });

  it('counts every patient of a problem built around a planted complete schedule', () => {
    // Larger than brute force can take (several series, gaps, shared staff, daily limits,
    // existing bookings, DST): a complete schedule exists, so a sound bound is the patient count.
    fc.assert(
      fc.property(plantedProblemArb(), ({ problem }) => {
        const model = compileModel(problem);
        const domains = model.patients.map((p) =>
          computeDomains(model, p, pinnedSlots(model, p.index)),
        );
        const { bound, alone } = countCapacity(model, domains, new Set());
        if (bound !== problem.patients.length || alone.size > 0)
          throw new Error(
            counterexample('counting cuts a problem with a complete schedule', problem, {
              bound,
              alone: [...alone.keys()],
            }),
          );
      }),
      { seed: 8128, numRuns: 80 },
    );
  });
});

/**
 * On tiny problems the solver's score must equal the true optimum, found here
 * by exhaustive search (every grid start, room and staff choice, judged by the
 * independent validator). The hand-made cases are tight: the test also proves
 * that first-fit (earliest slot, first staff, patients in order) is worse.
 */
import fc from 'fast-check';
import { compareScores, type Problem } from '../../src/domain/planning/format';
import { problemSpecArb, tinyProblemArb } from '../factories/planning/arbitraries';
import { buildPlantedProblem } from '../factories/planning/planted-problem';
import { BruteForce, SearchTooLarge } from './support/brute-force';
import { compareWithOptimum } from './support/optimum-check';
import {
  prescriberContention,
  roomChoice,
  continuityPrefer,
  integrationLater,
  keepBooking,
  pinnedBlocksFirstSlot,
  oneOfTwo,
  nobodyFits,
} from './fixtures/tiny-cases';
import {
  followUpAfterEarlierTarget,
  keepBookingBreaksContinuity,
  keepBookingMustMove,
  keepBookingInterleaved,
  keepBookingWrongRoom,
  staffDailyMinutes,
} from './fixtures/tiny-regressions';

describe('solver score equals the exhaustive optimum on tight tiny problems', () => {
  const tight: [string, Problem][] = [
    ['prescriber contention (first-fit leaves B out)', prescriberContention],
    ['continuity prefer (first staff breaks continuity)', continuityPrefer],
    ['completion days (integration later frees an earlier dose day)', integrationLater],
    ['keepIfPossible (greedy would move the booking)', keepBooking],
    ['room choice (first room leaves no room for the second patient)', roomChoice],
  ];
  it.each(tight)('%s', (_name, problem) => {
    const { exact } = compareWithOptimum(problem);
    expect(compareScores(exact.firstFitScore, exact.bestScore)).toBeGreaterThan(0);
  });
});

describe('solver score and proof claims on small edge cases', () => {
  it('moves a keepIfPossible booking that cannot stay within the gap rule', () => {
    const { exact } = compareWithOptimum(keepBookingMustMove);
    expect(exact.bestScore).toMatchObject({ scheduledPatients: 1, movedAppointments: 1 });
  });

  it('moves a keepIfPossible booking whose person breaks continuity require', () => {
    const { exact } = compareWithOptimum(keepBookingBreaksContinuity);
    expect(exact.bestScore).toMatchObject({ scheduledPatients: 1, movedAppointments: 1 });
  });

  it('finds the follow-up when a target session of the same series precedes the anchor', () => {
    const { exact } = compareWithOptimum(followUpAfterEarlierTarget);
    expect(exact.bestScore.scheduledPatients).toBe(1);
  });

  it('moves a keepIfPossible booking out of a room without the needed feature', () => {
    const { exact } = compareWithOptimum(keepBookingWrongRoom);
    expect(exact.bestScore).toMatchObject({ scheduledPatients: 1, movedAppointments: 1 });
  });

  it('gives each RN one dose when one RN is capped at 180 minutes a day', () => {
    const { exact } = compareWithOptimum(staffDailyMinutes);
    expect(exact.bestScore.scheduledPatients).toBe(1);
  });

  // The patient's kept booking is placed before its other series, so those start from where
  // the booking stays (not only a day's earliest or latest start, which may both block b).
  it('keeps a keepIfPossible booking when the patients can alternate around it', () => {
    const { exact, solution } = compareWithOptimum(keepBookingInterleaved);
    expect(exact.bestScore).toMatchObject({ scheduledPatients: 2, movedAppointments: 0 });
    expect(solution.score).toMatchObject({ scheduledPatients: 2, movedAppointments: 0 });
    expect(solution.appointments.find((a) => a.id === 'booking-a')?.start).toBe(
      '2027-10-31T09:00:00+01:00',
    );
  });

  it('plans around a pinned booking', () => {
    const { exact, solution } = compareWithOptimum(pinnedBlocksFirstSlot);
    expect(exact.bestScore.scheduledPatients).toBe(2);
    expect(solution.appointments.find((a) => a.id === 'booking-b')?.start).toBe(
      '2027-03-14T09:00:00-04:00',
    );
  });

  it('schedules one of two patients competing for one hour, without claiming a complete schedule', () => {
    const { exact, solution } = compareWithOptimum(oneOfTwo);
    expect(exact.bestScore.scheduledPatients).toBe(1);
    expect(solution.status).toBe('partial');
  });

  it('schedules nobody when nothing fits (an infeasible claim must name a patient who cannot fit alone)', () => {
    const { exact, solution } = compareWithOptimum(nobodyFits);
    expect(exact.bestScore.scheduledPatients).toBe(0);
    expect(solution.status).toBe('none');
  });
});

describe('the exhaustive search itself', () => {
  it('never misses a planted schedule: its optimum is at least as good', () => {
    let compared = 0;
    const tinySpec = problemSpecArb({
      days: fc.integer({ min: 1, max: 2 }),
      slotMinutes: fc.constant(60),
      patients: fc.integer({ min: 1, max: 2 }),
      series: fc.integer({ min: 1, max: 2 }),
      maxSessionsPerSeries: fc.constant(1),
      tiny: fc.constant(true),
    });
    fc.assert(
      fc.property(tinySpec, (spec) => {
        const { problem, solution: planted } = buildPlantedProblem(spec);
        try {
          const exact = new BruteForce(problem, 3000).run();
          expect(compareScores(exact.bestScore, planted.score)).toBeLessThanOrEqual(0);
          compared++;
        } catch (e) {
          if (e instanceof SearchTooLarge) fc.pre(false);
          throw e;
        }
      }),
      { seed: 2718, numRuns: 25 },
    );
    expect(compared).toBeGreaterThanOrEqual(20);
  });
});

describe('solver score equals the exhaustive optimum on random tiny problems', () => {
  it('holds for generated tiny problems in every zone (and proof claims are honest)', () => {
    let compared = 0;
    fc.assert(
      fc.property(tinyProblemArb(), ({ problem }) => {
        try {
          compareWithOptimum(problem, 1000, 1, 3000);
          compared++;
        } catch (e) {
          if (e instanceof SearchTooLarge) fc.pre(false);
          throw e;
        }
      }),
      { seed: 31415, numRuns: 30 },
    );
    expect(compared).toBeGreaterThanOrEqual(25);
  });
});

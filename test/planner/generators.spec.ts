/**
 * The problem generators are themselves proven: every planted problem is
 * satisfied by its planted solution according to the independent validator,
 * and the planted score is what the validator computes.
 */
import fc from 'fast-check';
import { plantedProblemArb, problemSpecArb } from '../factories/planning/arbitraries';
import { buildPlantedProblem } from '../factories/planning/planted-problem';
import { computeScore, validateSolution } from './support/validator-api';

describe('planted problem generator', () => {
  it('plants a schedule that the validator accepts, with the score it computes', () => {
    fc.assert(
      fc.property(plantedProblemArb(), ({ problem, solution }) => {
        const violations = validateSolution(problem, solution);
        if (violations.length > 0) {
          throw new Error(`planted solution invalid:\n${JSON.stringify(violations, null, 1)}`);
        }
        expect(computeScore(problem, solution)).toEqual(solution.score);
      }),
      { seed: 20270314, numRuns: 150 },
    );
  });

  it('is not judged by a validator that accepts anything: broken planted solutions are rejected', () => {
    fc.assert(
      fc.property(plantedProblemArb(), ({ problem, solution }) => {
        const dropped = { ...solution, appointments: solution.appointments.slice(1) };
        expect(validateSolution(problem, dropped).length).toBeGreaterThan(0);
        const [first, ...rest] = solution.appointments;
        const offGrid = { ...first, start: first.start.replace(/T(\d{2}):\d{2}/, 'T$1:05') };
        expect(
          validateSolution(problem, { ...solution, appointments: [offGrid, ...rest] }).length,
        ).toBeGreaterThan(0);
      }),
      { seed: 11, numRuns: 50 },
    );
  });

  it('covers every zone, DST change and rule kind', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(problemSpecArb(), (spec) => {
        const { problem } = buildPlantedProblem(spec);
        seen.add(problem.clinic.timeZone);
        for (const protocol of problem.protocols) {
          for (const rule of protocol.rules ?? [])
            seen.add(rule.type + (rule.type === 'followUp' ? `:${rule.sameDay}` : ''));
          if (protocol.spanDays) seen.add('spanDays');
          if (protocol.restDays) seen.add('restDays');
          for (const c of protocol.continuity ?? []) seen.add(`continuity:${c.mode}`);
          for (const s of protocol.series) {
            if (s.gapHours) seen.add('gapHours');
            if (s.days) seen.add('days');
          }
        }
        for (const t of problem.sessionTypes) {
          if (t.staff.some((r) => (r.maxConcurrent ?? 1) > 1)) seen.add('maxConcurrent');
          if (t.room?.turnoverMinutes) seen.add('turnover');
        }
        if (problem.rooms.some((r) => (r.capacity ?? 1) > 1)) seen.add('capacity');
        if (problem.staff.some((s) => s.limits)) seen.add('limits');
        if (problem.staff.some((s) => s.timeOff)) seen.add('timeOff');
        if (problem.busy) seen.add('busy');
        if (problem.clinic.closures) seen.add('closures');
        for (const e of problem.existing ?? []) seen.add(e.mode);
      }),
      { seed: 7, numRuns: 200 },
    );
    const expected = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Sydney',
      'Asia/Kolkata',
      'offset',
      'followUp:true',
      'followUp:false',
      'notSameDay',
      'spanDays',
      'restDays',
      'continuity:require',
      'continuity:prefer',
      'gapHours',
      'days',
      'maxConcurrent',
      'turnover',
      'capacity',
      'limits',
      'timeOff',
      'busy',
      'closures',
      'pinned',
      'keepIfPossible',
    ];
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });
});

/** The score of a solution, recomputed from the format's definitions alone. */
import type { Problem, Score, Solution } from '../format';
import { daysBetween } from './clinic-time';
import { buildContext, type RuleCheck } from './context';
import { keptUnchanged } from './existing';
import { continuityPeople } from './rules-protocol';
import { expectedCount } from './rules-shape';

export function computeScore(problem: Problem, solution: Solution): Score {
  const { ctx } = buildContext(problem, solution);
  const score: Score = {
    scheduledPatients: 0,
    movedAppointments: 0,
    continuityBreaks: 0,
    completionDays: 0,
  };
  for (const patient of problem.patients) {
    if (ctx.unscheduled.has(patient.id)) continue;
    const list = ctx.byPatient.get(patient.id) ?? [];
    const protocol = ctx.protocolById.get(patient.protocol)!;
    const total = protocol.series.reduce((sum, s) => sum + expectedCount(ctx, patient.id, s.id), 0);
    if (list.length === 0 && total > 0) continue; // neither scheduled nor unscheduled: not scheduled
    score.scheduledPatients++;
    for (const group of protocol.continuity ?? []) {
      if (group.mode === 'prefer') {
        score.continuityBreaks += Math.max(
          0,
          continuityPeople(list, group.series, group.role).length - 1,
        );
      }
    }
    if (list.length > 0) {
      const last = list.map((a) => a.date).sort()[list.length - 1];
      score.completionDays += daysBetween(patient.earliestStart ?? problem.horizon.start, last);
    }
  }
  for (const booking of problem.existing ?? []) {
    if (
      booking.mode === 'keepIfPossible' &&
      !keptUnchanged(problem, booking, solution.appointments)
    ) {
      score.movedAppointments++;
    }
  }
  return score;
}

const scoreRule: RuleCheck = {
  name: 'SCORE',
  subsetSafe: false,
  check: (ctx) => {
    const expected = computeScore(ctx.problem, ctx.solution);
    const given = ctx.solution.score ?? {};
    const wrong = (Object.keys(expected) as (keyof typeof expected)[]).filter(
      (k) => given[k] !== expected[k],
    );
    return wrong.length === 0
      ? []
      : [
          {
            rule: 'SCORE',
            message: `score ${JSON.stringify(given)} differs from the recomputed ${JSON.stringify(expected)} in ${wrong.join(', ')}`,
          },
        ];
  },
};

export const SCORE_RULES: RuleCheck[] = [scoreRule];

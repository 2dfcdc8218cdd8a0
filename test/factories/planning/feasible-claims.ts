/**
 * What a solution may not say about a problem known to have a complete
 * schedule (a planted instance): issue 7's "never tells a director something
 * false". A patient left out there was not proven impossible, so its reasons
 * may only say that the search stopped (`SEARCH_LIMIT`) or that it fits alone
 * but not beside the others as planned (`BOOKED_BY_OTHERS`); the proof may
 * not be `infeasible`, nor `optimal` for a partial plan; the upper bound may
 * not fall below every patient.
 */
import type { Solution } from '../../../src/domain/planning/format';

const TRUE_OF_A_FEASIBLE_CLINIC = new Set(['SEARCH_LIMIT', 'BOOKED_BY_OTHERS']);

/** The false claims of `solution` on a problem of `patients` patients that has a complete schedule. */
export function falseClaimsOnFeasible(solution: Solution, patients: number): string[] {
  const out: string[] = [];
  const { proof, bound } = solution.stats;
  if (proof === 'infeasible') out.push('proof infeasible');
  if (proof === 'optimal' && solution.status !== 'complete')
    out.push('proof optimal, not complete');
  if (bound && bound.scheduledPatients < patients)
    out.push(`bound ${bound.scheduledPatients} < ${patients} patients`);
  for (const u of solution.unscheduled)
    for (const r of u.reasons)
      if (!TRUE_OF_A_FEASIBLE_CLINIC.has(r.code)) out.push(`${u.patient}: ${r.code}`);
  return out;
}

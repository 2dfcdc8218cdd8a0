import type { Problem, Score, Solution } from './format';

export interface SolveProgress {
  elapsedMs: number;
  patientsPlaced: number;
  patientsTotal: number;
  bestScore: Score | null;
}

export interface SolveOptions {
  timeLimitMs?: number;
  seed?: number;
  onProgress?: (p: SolveProgress) => void;
  clock?: () => number;
}

/**
 * Plans every patient of `problem`. `problem` has already passed the input
 * checker (valid, references resolved). Options override problem.options.
 *
 * Interim version: the search lands behind this signature shortly.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const clock = options.clock ?? (() => Date.now());
  const t0 = clock();
  return {
    formatVersion: 1,
    status: problem.patients.length === 0 ? 'complete' : 'none',
    appointments: [],
    unscheduled: problem.patients.map((p) => ({
      patient: p.id,
      reasons: [{ code: 'SOLVER_PENDING', message: 'The planner search is not available yet.' }],
    })),
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: clock() - t0, proof: 'unknown' },
  };
}

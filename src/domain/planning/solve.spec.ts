import { readFileSync } from 'fs';
import { join } from 'path';
import type { Problem, Score, Solution } from './format';
import { compareScores } from './format';
import { outputReserveMs, solve } from './solve';
import { firstFitBook } from './first-fit/first-fit-booker';
import { validateSolution } from './solution-check';

const EXAMPLES = join(__dirname, '../../../test/fixtures/examples');
const load = (name: string): Problem =>
  JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'));

/** Naive first-fit reference scores (shared/examples/README.md). */
const NAIVE: Record<
  string,
  { scheduled: number; breaks: number; days: number; roomLeft: boolean }
> = {
  'iv-mwf-outpatient': { scheduled: 6, breaks: 0, days: 87, roomLeft: false },
  'kap-im-rolling': { scheduled: 8, breaks: 13, days: 122, roomLeft: true },
  'esketamine-8-weeks': { scheduled: 10, breaks: 7, days: 531, roomLeft: true },
  'emdr-intensive-4on-3off': { scheduled: 6, breaks: 0, days: 60, roomLeft: false },
  'retreat-3-day': { scheduled: 6, breaks: 0, days: 12, roomLeft: false },
  'infeasible-72h-tue-thu': { scheduled: 0, breaks: 0, days: 0, roomLeft: false },
};

const withoutTiming = (s: Solution) => ({ ...s, stats: { ...s.stats, elapsedMs: 0 } });

describe('solve() on the shared examples', () => {
  const solved = new Map<string, Solution>();
  const solutionOf = (name: string) => {
    if (!solved.has(name)) solved.set(name, solve(load(name)));
    return solved.get(name)!;
  };

  it.each(Object.keys(NAIVE))('%s: valid and at least as good as first fit', (name) => {
    const problem = load(name);
    const solution = solutionOf(name);
    expect(validateSolution(problem, solution)).toEqual([]);
    const ref = NAIVE[name];
    const naive = {
      scheduledPatients: ref.scheduled,
      movedAppointments: 0,
      continuityBreaks: ref.breaks,
      completionDays: ref.days,
    };
    expect(compareScores(solution.score, naive)).toBeLessThanOrEqual(0);
    expect(solution.score.scheduledPatients).toBe(ref.scheduled);
    if (ref.roomLeft) {
      expect(solution.score.continuityBreaks).toBeLessThan(ref.breaks);
      expect(solution.score.completionDays).toBeLessThan(ref.days);
    }
    expect(solution.status).toBe(ref.scheduled === problem.patients.length ? 'complete' : 'none');
  });

  it('explains the 72 h / Tue–Thu conflict with the weekday and gap rules, and proves it', () => {
    const solution = solutionOf('infeasible-72h-tue-thu');
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.unscheduled).toHaveLength(4);
    for (const u of solution.unscheduled) {
      const [reason] = u.reasons;
      expect(reason.code).toBe('RULE_CONFLICT');
      expect(reason.message).toContain("series 'dose'");
      expect(reason.message).toContain('days TU, WE, TH');
      expect(reason.message).toContain('gap 72–96 h');
      // Only doses 4 h apart would fit (six doses in one Tue–Thu week): never offered, as no
      // suggestion cuts a minimum gap by more than half (reasons-rules.ts maxGapMinCut).
      expect(reason.suggestion).toBeUndefined();
    }
  });

  it('proves optimality only with the bound met', () => {
    for (const name of ['iv-mwf-outpatient', 'retreat-3-day', 'esketamine-8-weeks']) {
      const s = solutionOf(name);
      expect(['optimal', 'feasible']).toContain(s.stats.proof);
    }
    expect(solutionOf('retreat-3-day').stats.proof).toBe('optimal');
  });

  // A clock that never moves: every phase runs to its bound in work, as on a fast machine,
  // so the result cannot depend on this machine's load.
  it('gives the same solution for the same seed', () => {
    const problem = load('kap-im-rolling');
    const frozen = () => 0;
    const a = withoutTiming(solve(problem, { seed: 11, clock: frozen }));
    const b = withoutTiming(solve(structuredClone(problem), { seed: 11, clock: frozen }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }, 120_000);

  it('reports progress with a final score', () => {
    const seen: number[] = [];
    const s = solve(load('retreat-3-day'), { onProgress: (p) => seen.push(p.patientsPlaced) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(s.score.scheduledPatients);
  });

  it('reports local-search improvements as they happen, never a worse score', () => {
    const scores: Score[] = [];
    const s = solve(load('kap-im-rolling'), {
      onProgress: (p) => p.bestScore && scores.push(p.bestScore),
    });
    expect(new Set(scores.map((x) => x.completionDays)).size).toBeGreaterThan(1);
    for (let i = 1; i < scores.length; i++)
      expect(compareScores(scores[i], scores[i - 1])).toBeLessThanOrEqual(0);
    expect(scores[scores.length - 1]).toEqual(s.score);
  });
});

describe('solve() time limit', () => {
  it('keeps 10 % of the limit (10 ms to 2 s) for reasons and output', () => {
    expect(outputReserveMs(50)).toBe(10);
    expect(outputReserveMs(1000)).toBe(100);
    expect(outputReserveMs(10_000)).toBe(1000);
    expect(outputReserveMs(30_000)).toBe(2000);
  });

  it('starts no search once only the output reserve is left: the first-fit floor stands', () => {
    const problem = load('retreat-3-day');
    // The clock reads 0 at the start, then 960 ms: inside a 1000 ms limit, past its search deadline (900 ms).
    let calls = 0;
    const late = () => (calls++ === 0 ? 0 : 960);
    const floorOnly = solve(problem, { timeLimitMs: 1000, clock: late });
    // The first-fit booker runs before the planner and is not cut by the clock (first-fit/).
    expect(validateSolution(problem, floorOnly)).toEqual([]);
    expect(floorOnly.score.scheduledPatients).toBe(firstFitBook(problem).score.scheduledPatients);
    expect(floorOnly.stats.elapsedMs).toBe(960);
    // With the clock at 880 ms the search runs.
    calls = 0;
    const searched = solve(problem, { timeLimitMs: 1000, clock: () => (calls++ === 0 ? 0 : 880) });
    expect(searched.score.scheduledPatients).toBe(problem.patients.length);

    // Where the booker does not apply (existing bookings), nobody is searched: SEARCH_LIMIT.
    const kept = searched.appointments
      .filter((x) => x.patient === problem.patients[0].id)
      .map((x) => ({
        ...x,
        // Existing bookings are in the clinic's local date-time (the output carries the offset).
        start: x.start.slice(0, 16),
        end: x.end.slice(0, 16),
        staff: x.staff.map((a) => ({ ...a, start: a.start.slice(0, 16), end: a.end.slice(0, 16) })),
        mode: 'keepIfPossible' as const,
      }));
    const withExisting = { ...problem, existing: kept };
    calls = 0;
    const none = solve(withExisting, { timeLimitMs: 1000, clock: late });
    expect(none.score.scheduledPatients).toBe(0);
    expect(none.unscheduled.map((u) => u.reasons[0].code)).toEqual(
      problem.patients.map(() => 'SEARCH_LIMIT'),
    );
    expect(none.unscheduled[0].reasons[0].message).toMatch(/before patient .* was searched/);
  });
});

/**
 * The planner's limits: budgets of its searches and the rounds, shares and
 * node bounds of each phase (planner.ts). Bounds in work rather than time
 * where possible, so that a seed gives the same plan on any machine unless
 * the time limit comes first.
 */
import type { SearchBudget } from './patient-search';

/** Local-search moves between two progress reports at most. */
export const PROGRESS_EVERY_MOVES = 8;
/** Coverage rounds without a newly scheduled patient before polishing starts. */
export const COVERAGE_STALE_ROUNDS = 3;
/** Coverage rounds at most (a bound in work, see POLISH_ROUNDS). */
export const COVERAGE_ROUNDS = 8;
/** Ruin-and-recreate attempts per unscheduled patient and round with its plan drawn at random. */
export const DIVERSIFIED_ATTEMPTS = 8;
/**
 * Polishing rounds at most: a bound in work, not time, so that results do not
 * depend on machine speed unless the time limit is reached first.
 */
export const POLISH_ROUNDS = 4;
/** Victim sets tried per patient and round when polishing the score. */
export const POLISH_SETS = 2;
/** Patients re-planned with their conflicting patients, and random groups, per polishing round. */
export const POLISH_MOVES = 12;

/**
 * Joint repair (joint-repair.ts): rounds over the patients still out, nodes
 * per joint search and in all (a bound in work, like POLISH_ROUNDS), largest
 * neighbourhood, neighbourhoods drawn per attempt.
 */
export const JOINT_ROUNDS = 30;
export const JOINT_NODES = 20_000;
export const JOINT_TOTAL_NODES = 400_000;
export const JOINT_MAX_NEIGHBOURS = 8;
export const JOINT_DRAWS = 24;
/**
 * Joint repair before the coverage rounds: at most this share of the time
 * left and this many nodes (on a large clinic the coverage rounds bring in
 * more per second; on a tight small one the joint repair settles what they
 * cannot). The rest of JOINT_TOTAL_NODES is for after them.
 */
export const JOINT_TIME_SHARE = 0.25;
export const JOINT_FIRST_NODES = 40_000;

export const FIRST_BUDGET: SearchBudget = {
  nodes: 20_000,
  improveNodes: 1_500,
  exactNodes: 1_000,
  exactScales: true,
};
/** Squeaky-wheel re-construction: the first plan found, packed first fit. */
export const PACKING_BUDGET: SearchBudget = { nodes: 3_000, improveNodes: 0, packing: true };
/** The first-fit floor's passes: packed, with a thorough complete search behind each insertion. */
export const FLOOR_BUDGET: SearchBudget = { ...PACKING_BUDGET, exactNodes: 500 };
/**
 * Nodes of one complete search (exact-search) for a budget with
 * `exactScales`: at least this divided by the square of the number of
 * patients, so that a patient alone gets a thorough search and a
 * crowded clinic's many failed insertions leave time to the local search.
 * Nodes, not time: the same seed gives the same plan on any machine.
 */
export const EXACT_SOLO_NODES = 100_000;
/** Nodes the quality search may spend on a first plan before the complete search takes over. */
export const QUICK_NODES_BEFORE_EXACT = 2_000;
/** Share of the time left for the local search kept for settling and merging group occurrences. */
export const GROUP_SETTLE_SHARE = 0.25;
/** Squeaky-wheel passes at most (a bound in work, like POLISH_ROUNDS). */
export const REBUILD_ROUNDS = 50;
/**
 * A squeaky-wheel pass leaving at most this many patients out gets up to
 * REBUILD_REPAIR_ROUNDS coverage rounds (ruin and recreate around each
 * patient still out), with at most as many insertions as the pass had,
 * before it is scored: on a large clinic a pass costs
 * hundreds of milliseconds and the passes mostly trade one left-out patient
 * for another, while a coverage round costs milliseconds (clinic-200's last
 * patient: 15 passes, 5 s, before; see docs/benchmarks.md).
 */
export const REBUILD_REPAIR_MAX_OUT = 3;
export const REBUILD_REPAIR_ROUNDS = 3;
/** Share of the time left after the first construction that re-building may start passes in. */
export const REBUILD_TIME_SHARE = 0.6;
/**
 * Share of the search time after which a construction still running has the
 * first-fit floor made (`PlannerOptions.firstFitPlans`, ~0.4 s at 200
 * patients), so that a construction the time limit then cuts finds it ready:
 * made after the cut, it ran past the limit (clinic-200 with 1 s answered
 * after 1.5 s; docs/benchmarks.md, session 17). A construction that ends
 * before never pays for it there.
 */
export const FLOOR_EARLY_SHARE = 0.5;
/** The patients moved to bring one in, re-inserted: feasibility first, a little polishing. */
export const RECREATE_BUDGET: SearchBudget = { nodes: 5_000, improveNodes: 300, exactNodes: 300 };
/** The patient brought in by ruin and recreate: the first plan found, packed. */
export const BRING_IN_BUDGET: SearchBudget = {
  nodes: 5_000,
  improveNodes: 0,
  packing: true,
  exactNodes: 300,
};
/** Re-planning a scheduled patient (its old plan stays when nothing better is found). */
export const REPLAN_BUDGET: SearchBudget = { nodes: 20_000, improveNodes: 6_000 };
/** Bringing in a patient still out, alone, before ruin and recreate around it. */
export const OPEN_INSERT_BUDGET: SearchBudget = {
  ...REPLAN_BUDGET,
  exactNodes: 1_000,
  exactScales: true,
};

/**
 * Ejection walk (ejection-walk.ts): iterations at most (a bound in work),
 * related patients tried for ejection per iteration, tabu tenure.
 */
export const EJECTION_ITERATIONS = 300;
export const EJECTION_CANDIDATES = 8;
export const EJECTION_TENURE = { min: 5, spread: 5 };

/**
 * Ejection walk over the patients still out (ejection chains with a tabu
 * list, as in timetabling local search): bring a patient u in by taking out
 * one scheduled patient v related to it (joint-repair's `relatedPatients`);
 * when v then fits elsewhere, one more patient is scheduled; when it does
 * not, the move is still taken if no better one exists (a plateau move: u in,
 * v out), preferring the v ejected least often so far, and u may not be
 * ejected again for a few iterations. Patients left out often weigh more and
 * are brought in first. Escapes the plateaus where every single insertion
 * and every ruin-and-recreate fails; the best plan seen is kept and restored
 * at the end, so the walk never makes the score worse. Bounded in
 * iterations, so a seed gives the same result on any machine unless the
 * time limit comes first.
 */
import { compareScores } from '../format';
import type { Score } from '../format';
import type { Model } from '../model/types';
import { relatedPatients } from './joint-repair';
import type { PatientPlan } from './patient-plan';
import type { Prng } from './prng';

/** What the walk needs of the planner. */
export interface EjectionHost {
  readonly model: Model;
  readonly plans: ReadonlyArray<PatientPlan | null>;
  readonly provenInfeasible: ReadonlySet<number>;
  baseDomains(p: number): Int32Array[][];
  score(): Score;
  timeLeft(): boolean;
  release(p: number): PatientPlan | null;
  commit(plan: PatientPlan): void;
  /** Brings patient p in alone (a thorough search), committing its plan. */
  insert(p: number): boolean;
  /** Brings p in with its plan drawn at random among the first found, committing it. */
  insertDiversified(p: number): boolean;
}

export interface EjectionOptions {
  /** Iterations at most (one patient brought in or tried per iteration). */
  iterations: number;
  /** Related patients tried as the one to eject, per iteration. */
  candidates: number;
  /** Iterations a patient just brought in may not be ejected: min + a random part below spread. */
  tenure: { min: number; spread: number };
}

export interface EjectionStats {
  iterations: number;
  /** Moves that scheduled one more patient. */
  improving: number;
  /** Plateau moves (one in, one out). */
  plateau: number;
}

export function ejectionWalk(host: EjectionHost, prng: Prng, opts: EjectionOptions): EjectionStats {
  const n = host.model.patients.length;
  const stats: EjectionStats = { iterations: 0, improving: 0, plateau: 0 };
  let best = { plans: [...host.plans], score: host.score() };
  const weight = new Array<number>(n).fill(1);
  const tabuUntil = new Array<number>(n).fill(0);
  for (let it = 1; it <= opts.iterations && host.timeLeft(); it++) {
    const out = [...Array(n).keys()].filter((p) => !host.plans[p] && !host.provenInfeasible.has(p));
    if (out.length === 0) break;
    stats.iterations++;
    const u = pickHeaviest(out, weight, prng);
    weight[u]++;
    if (host.insert(u) || ejectOne(host, prng, opts, u, it, weight, tabuUntil, stats)) {
      const score = host.score();
      if (compareScores(score, best.score) < 0) best = { plans: [...host.plans], score };
    }
  }
  if (compareScores(host.score(), best.score) > 0) {
    host.plans.forEach((_, p) => host.release(p));
    best.plans.forEach((plan) => plan && host.commit(plan));
  }
  return stats;
}

/** One of the two heaviest patients out, drawn at random (ties broken at random too). */
function pickHeaviest(out: number[], weight: number[], prng: Prng): number {
  const ranked = prng.shuffle([...out]).sort((a, b) => weight[b] - weight[a]);
  return ranked[prng.int(Math.min(2, ranked.length))];
}

/**
 * Brings u in by ejecting one related patient: true after an improving move
 * (the ejected one fitted elsewhere) or a plateau move; false when no
 * related patient's removal lets u in (nothing changed).
 */
function ejectOne(
  host: EjectionHost,
  prng: Prng,
  opts: EjectionOptions,
  u: number,
  it: number,
  weight: number[],
  tabuUntil: number[],
  stats: EjectionStats,
): boolean {
  const related = relatedPatients(host, u)
    .filter((q) => tabuUntil[q] < it)
    .slice(0, opts.candidates);
  let plateau: { v: number; planU: PatientPlan } | null = null;
  for (const v of prng.shuffle(related)) {
    if (!host.timeLeft()) break;
    const old = host.release(v)!;
    if (host.insertDiversified(u)) {
      if (host.insert(v)) {
        stats.improving++;
        tabuUntil[u] = it + opts.tenure.min + prng.int(opts.tenure.spread);
        return true;
      }
      const planU = host.release(u)!;
      if (!plateau || weight[v] < weight[plateau.v]) plateau = { v, planU };
    }
    host.commit(old);
  }
  if (!plateau) return false;
  host.release(plateau.v);
  host.commit(plateau.planU);
  tabuUntil[u] = it + opts.tenure.min + prng.int(opts.tenure.spread);
  stats.plateau++;
  return true;
}

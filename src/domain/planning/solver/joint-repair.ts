/**
 * Large-neighbourhood search with a joint re-solve (as in CP-SAT's LNS):
 * for a patient still out, take out k scheduled patients related to it
 * (those holding the staff roles and room features it needs on the days it
 * could use them), and search all k + 1 together with the joint search
 * (joint-search.ts) while everyone else stays. Accepted only when all k + 1
 * are placed (one more patient scheduled); otherwise the k patients get
 * their plans back. The neighbourhood grows after an exhausted search (the
 * k patients cannot make room) and shrinks after one stopped by its node
 * limit (too hard to settle). Bounded in work (rounds and nodes), so the
 * result is the same for a seed on any machine unless the time limit comes
 * first.
 */
import type { Model } from '../model/types';
import { jointSearch, type JointResult } from './joint-search';

/** Neighbourhoods drawn at one size before the size grows. */
const DRAWS_PER_SIZE = 4;
import type { PatientPlan } from './patient-plan';
import type { Prng } from './prng';
import type { ResourceState } from './resource-state';

/** What the repair needs of the planner. */
export interface JointRepairHost {
  readonly model: Model;
  readonly state: ResourceState;
  readonly plans: ReadonlyArray<PatientPlan | null>;
  readonly provenInfeasible: ReadonlySet<number>;
  /** Static domains of patient p. */
  baseDomains(p: number): Int32Array[][];
  timeLeft(): boolean;
  /** Releases p's plan from the state (null: p had none). */
  release(p: number): PatientPlan | null;
  /** Commits a plan (new booking ids). */
  commit(plan: PatientPlan): void;
}

export interface JointRepairOptions {
  /** Rounds over the patients still out at most. */
  rounds: number;
  /** Node limit of one joint search. */
  nodes: number;
  /** Nodes of all joint searches together at most. */
  totalNodes: number;
  /** Neighbourhoods drawn per patient and round until one passes the counting check. */
  draws: number;
  /** Largest neighbourhood (patients taken out besides the one brought in). */
  maxNeighbours: number;
  deadline: number;
  clock: () => number;
  /** Called after each patient brought in, with the number scheduled. */
  onPlaced?: (placed: number) => void;
}

export interface JointRepairStats {
  /** Joint searches run. */
  attempts: number;
  /** Neighbourhoods cut by counting before a search. */
  counted: number;
  placed: number;
  nodes: number;
}

export function jointRepair(
  host: JointRepairHost,
  prng: Prng,
  opts: JointRepairOptions,
): JointRepairStats {
  const { model } = host;
  const n = model.patients.length;
  const stats: JointRepairStats = { attempts: 0, counted: 0, placed: 0, nodes: 0 };
  const size = new Map<number, number>();
  for (let round = 0; round < opts.rounds && host.timeLeft(); round++) {
    const open = [...Array(n).keys()].filter(
      (p) => !host.plans[p] && !host.provenInfeasible.has(p),
    );
    if (open.length === 0) break;
    const before = { attempts: stats.attempts, placed: stats.placed };
    for (const u of open) {
      if (!host.timeLeft() || stats.nodes >= opts.totalNodes) return stats;
      if (host.plans[u]) continue;
      let k = size.get(u) ?? 1;
      const related = relatedPatients(host, u);
      if (related.length === 0) continue;
      let result: JointResult | null = null;
      let old: PatientPlan[] = [];
      // Neighbourhoods whose free time cannot hold the patients are cut by
      // counting before any search: draw others, larger ones after a few.
      for (let draw = 0; draw < opts.draws && host.timeLeft(); draw++) {
        if (draw > 0 && draw % DRAWS_PER_SIZE === 0) k = Math.min(opts.maxNeighbours, k + 1);
        const pool = related.slice(0, Math.max(2 * k + 2, 6));
        const neighbours = prng.shuffle(pool).slice(0, k);
        old = neighbours.map((q) => host.release(q)!);
        result = jointSearch(model, host.state, [u, ...neighbours], host.baseDomains, {
          nodeLimit: Math.min(opts.nodes, opts.totalNodes - stats.nodes),
          deadline: opts.deadline,
          clock: opts.clock,
        });
        stats.nodes += result.nodes;
        if (!result.counted) break;
        stats.counted++;
        for (const plan of old) host.commit(plan);
        old = [];
      }
      if (!result || result.counted) {
        size.set(u, k);
        continue;
      }
      stats.attempts++;
      if (result.plans) {
        for (const plan of result.plans) host.commit(plan);
        stats.placed++;
        size.set(u, Math.max(1, k - 1));
        opts.onPlaced?.(host.plans.filter(Boolean).length);
        continue;
      }
      for (const plan of old) host.commit(plan);
      if (result.outcome === 'exhausted') size.set(u, Math.min(opts.maxNeighbours, k + 1));
      else size.set(u, Math.max(1, k - 1));
    }
    // Every neighbourhood drawn in a round was cut by counting: more rounds would draw the same.
    if (stats.attempts === before.attempts && stats.placed === before.placed) break;
  }
  return stats;
}

/**
 * Scheduled patients ranked by how much of what patient u needs they hold:
 * minutes of their staff and room intervals, in a role or room u's sessions
 * need, inside the span of the day where such a session of u could lie.
 */
export function relatedPatients(
  host: Pick<JointRepairHost, 'model' | 'plans' | 'baseDomains'>,
  u: number,
): number[] {
  const { model } = host;
  const proto = model.protocols[model.patients[u].protocol];
  /** key "role@day" / "room@day" → [earliest start, latest end] of u's sessions that could use it. */
  const wanted = new Map<string, [number, number]>();
  const want = (key: string, s: number, e: number): void => {
    const span = wanted.get(key);
    if (!span) wanted.set(key, [s, e]);
    else {
      span[0] = Math.min(span[0], s);
      span[1] = Math.max(span[1], e);
    }
  };
  host.baseDomains(u).forEach((list, si) => {
    const st = model.sessionTypes[proto.series[si].sessionType];
    for (const dom of list)
      for (const slot of dom) {
        const day = model.slotDay[slot];
        const t = model.slotStart[slot];
        for (const need of st.needs)
          if (!need.present)
            want(`s${need.role}@${day}`, t + need.offset, t + need.offset + need.duration);
        if (st.room)
          for (const r of st.room.candidates)
            want(`r${r}@${day}`, t, t + st.duration + st.room.turnover);
      }
  });
  const overlap = (key: string, s: number, e: number): number => {
    const span = wanted.get(key);
    return span ? Math.max(0, Math.min(e, span[1]) - Math.max(s, span[0])) : 0;
  };
  const weight = new Map<number, number>();
  host.plans.forEach((plan, q) => {
    if (!plan || q === u) return;
    const qProto = model.protocols[model.patients[q].protocol];
    let w = 0;
    for (const s of plan.sessions) {
      if (s.existing?.pinned) continue;
      const st = model.sessionTypes[qProto.series[s.series].sessionType];
      st.needs.forEach((need, ni) => {
        if (need.present || s.staff[ni].length === 0) return;
        const a = s.start + need.offset;
        w += overlap(`s${need.role}@${s.day}`, a, a + need.duration) * s.staff[ni].length;
      });
      if (st.room && s.room >= 0)
        w += overlap(`r${s.room}@${s.day}`, s.start, s.start + st.duration + st.room.turnover);
    }
    if (w > 0) weight.set(q, w);
  });
  return [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a - b);
}

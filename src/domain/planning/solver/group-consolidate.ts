/**
 * One group occurrence a day where one holds the cohort. After settling and
 * merging (planner-groups), a (session type, day) that still holds more
 * occurrences than its participants need (`ceil(participants / max)`, and
 * at least those with a pinned participant) is re-planned as a whole: every
 * participant of that day's occurrences but one (the anchor, whose plan
 * keeps the occurrences it is in, on every day) is released with all its
 * sessions and inserted again while each (type, day) may hold at most the
 * occurrences its participants needed (`OccurrenceTable.dayLimit`; none on
 * a day that had none): they join the anchor's occurrences, or open one
 * where that day's occurrences went with them. Those left out are brought
 * in by ruin and recreate: the left-out patient first, its search
 * diversified, then the rest of the cohort re-inserted around it (their
 * plans were built around each other), then the local search's smaller
 * victim sets. The new plan is kept when everyone is placed, no occurrence
 * is below min, there are fewer occurrences and the score is no worse;
 * otherwise every plan comes back unchanged. Each occurrence's first
 * participant is tried as anchor, largest occurrence first.
 *
 * Merging alone (mergeGroups) moves only the smaller occurrence's
 * participants, around everyone else's sessions as planned; on a tight
 * day (the retreat-3-day cohort's intakes and doses around two prescribers
 * and four KAP therapists, with a daily circle) no start of the larger
 * occurrence leaves them room, although the cohort planned together fits
 * one occurrence. The score has no term for occurrences, so the local
 * search does not look for that plan.
 *
 * Bounded in work (REPAIR_ATTEMPTS per crowded day, TOTAL_REPAIR_ATTEMPTS
 * in all, MAX_COHORT participants, a fixed random stream), so a problem
 * that does not reach its time limit gets the same plan on any machine.
 * Ends: a kept re-plan removes an occurrence; a failed one leaves the plans
 * as they were (that day is not tried again until a re-plan is kept).
 */
import type { Model } from '../model/types';
import type { Occurrence } from './group-occurrences';
import type { PatientPlan } from './patient-plan';
import type { SearchBudget } from './patient-search';
import { type GroupHost, shortOccurrences } from './planner-groups';
import { Prng } from './prng';
import type { ResourceState } from './resource-state';
import { victimSets } from './victims';

/** Ruin-and-recreate attempts per crowded day at most, over all its anchors, and in all. */
const REPAIR_ATTEMPTS = 60;
const TOTAL_REPAIR_ATTEMPTS = 400;
/** A crowded day with more participants than this is left as it is (each attempt re-plans them all). */
const MAX_COHORT = 24;
/** Attempts with the whole rest of the cohort re-inserted, per patient left out, before smaller sets. */
const WHOLE_COHORT_DRAWS = 6;
/** Re-inserting a released participant: a quality search, a little polishing. */
const REINSERT_BUDGET: SearchBudget = { nodes: 5_000, improveNodes: 300, exactNodes: 300 };
/** The patient brought in by ruin and recreate: the first plan found, packed. */
const BRING_IN_BUDGET: SearchBudget = {
  nodes: 3_000,
  improveNodes: 0,
  packing: true,
  exactNodes: 300,
};
/** Seed of the random stream (victim draws, diversified searches): fixed, for repeatable plans. */
const CONSOLIDATE_SEED = 0x6c1c;

/** Re-plans crowded days (see the file comment) while one succeeds and time is left. */
export function consolidateGroups(host: GroupHost): void {
  const failed = new Set<string>();
  const prng = new Prng(CONSOLIDATE_SEED);
  const total = { attempts: TOTAL_REPAIR_ATTEMPTS };
  while (host.timeLeft() && total.attempts > 0) {
    // Looked up again after each attempt: restoring plans re-creates occurrences.
    const day = crowdedDays(host.model, host.state).find(
      (d) => !failed.has(d.key) && participants(d.occurrences) <= MAX_COHORT,
    );
    if (!day) return;
    const work = { attempts: Math.min(REPAIR_ATTEMPTS, total.attempts) };
    const before = work.attempts;
    if (consolidateDay(host, day.occurrences, prng, work)) failed.clear();
    else failed.add(day.key);
    total.attempts -= before - work.attempts;
  }
}

/**
 * After consolidating: the patients still out whose protocol has a group
 * session (and who are not proven out) are brought in by re-planning the
 * cohort around them (`bringIn`: the patient first, then the rest of the
 * cohort), new occurrences allowed while it runs. Settling removed them
 * from occurrences below min, and the cohort's occurrences were then set
 * around everyone else; planned first, they may fit. Kept when more patients
 * are scheduled (none in an occurrence below min); else every plan comes
 * back unchanged. Then crowded days are consolidated again. Cohorts above
 * MAX_COHORT are left as they are.
 */
export function bringInOutsiders(host: GroupHost, provenOut: ReadonlySet<number>): void {
  const { model, state } = host;
  const grouped = (p: number): boolean =>
    model.protocols[model.patients[p].protocol].series.some(
      (s) => model.sessionTypes[s.sessionType].group !== null,
    );
  const everyone = model.patients.map((p) => p.index).filter(grouped);
  const out = everyone.filter((p) => !host.plans[p] && !provenOut.has(p));
  if (out.length === 0 || !host.timeLeft()) return;
  const cohort = everyone.filter((p) => host.plans[p] || out.includes(p));
  if (cohort.length > MAX_COHORT) return; // each attempt re-plans them all
  const saved = [...host.plans];
  const before = host.score();
  // Per (type, day): the occurrences the cohort needs with the patients brought in (one where none is).
  withDayLimits(state, dayLimits(model, state, out.length), 1, () =>
    bringIn(host, cohort, new Prng(CONSOLIDATE_SEED), { attempts: REPAIR_ATTEMPTS }),
  );
  const after = host.score();
  if (
    shortOccurrences(model, state).length > 0 ||
    after.scheduledPatients <= before.scheduledPatients
  ) {
    revert(host, saved);
    return;
  }
  consolidateGroups(host);
}

export interface CrowdedDay {
  /** `${session type}:${day}`. */
  key: string;
  /** Largest first, then earliest. */
  occurrences: Occurrence[];
}

/**
 * The (session type, day) pairs holding more occurrences than they need:
 * more than `ceil(participants / max)` and more than those with a pinned
 * participant (they cannot go). Earliest day first.
 */
export function crowdedDays(model: Model, state: ResourceState): CrowdedDay[] {
  const out: CrowdedDay[] = [];
  for (const [key, occurrences] of byDay(state)) {
    if (occurrences.length > occurrencesNeeded(model, occurrences))
      out.push({
        key,
        occurrences: [...occurrences].sort(
          (a, b) => b.participants.size - a.participants.size || a.start - b.start,
        ),
      });
  }
  return out.sort(
    (a, b) =>
      a.occurrences[0].day - b.occurrences[0].day || a.occurrences[0].st - b.occurrences[0].st,
  );
}

function byDay(state: ResourceState): Map<string, Occurrence[]> {
  const out = new Map<string, Occurrence[]>();
  for (const occ of state.groups.all()) {
    const key = `${occ.st}:${occ.day}`;
    out.set(key, [...(out.get(key) ?? []), occ]);
  }
  return out;
}

/**
 * The fewest occurrences that hold these participants and `extra` more: by
 * `max`, and every one with a pinned participant.
 */
function occurrencesNeeded(model: Model, occurrences: readonly Occurrence[], extra = 0): number {
  const max = model.sessionTypes[occurrences[0].st].group!.max;
  const pinned = occurrences.filter((o) => o.pinned.size > 0).length;
  return Math.max(1, Math.ceil((participants(occurrences) + extra) / max), pinned);
}

/** Per `${type}:${day}` holding occurrences: those its participants (and `extra` more) need. */
function dayLimits(model: Model, state: ResourceState, extra: number): Map<string, number> {
  const limits = new Map<string, number>();
  for (const [key, list] of byDay(state)) limits.set(key, occurrencesNeeded(model, list, extra));
  return limits;
}

/**
 * Runs `work` with new occurrences allowed, each (type, day) up to its limit
 * (`otherwise` where it has none), then puts the state's rules back.
 */
function withDayLimits(
  state: ResourceState,
  limits: ReadonlyMap<string, number>,
  otherwise: number,
  work: () => void,
): void {
  const joinOnly = state.groups.joinOnly;
  state.groups.joinOnly = false;
  state.groups.dayLimit = (st, day) => limits.get(`${st}:${day}`) ?? otherwise;
  try {
    work();
  } finally {
    state.groups.dayLimit = null;
    state.groups.joinOnly = joinOnly;
  }
}

function participants(occurrences: readonly Occurrence[]): number {
  return occurrences.reduce((n, o) => n + o.participants.size, 0);
}

/**
 * Re-plans the participants of `occurrences` (one type, one day), each
 * occurrence's first participant as anchor in turn; keeps the first plan
 * with fewer occurrences and a score no worse (see the file comment).
 */
function consolidateDay(
  host: GroupHost,
  occurrences: readonly Occurrence[],
  prng: Prng,
  work: { attempts: number },
): boolean {
  const { model, state } = host;
  const limits = dayLimits(model, state, 0);
  const before = host.score();
  const count = state.groups.size;
  const members = occurrences.map((o) =>
    [...o.participants].filter((p) => host.plans[p]).sort((a, b) => a - b),
  );
  const cohort = members.flat();
  const saved = [...host.plans];
  for (const anchor of members.map((list) => list[0])) {
    if (!host.timeLeft() || work.attempts <= 0) break;
    const movers = cohort.filter((p) => p !== anchor);
    for (const p of movers) host.release(p);
    withDayLimits(state, limits, 0, () => {
      for (const p of movers) host.insertWith(p, REINSERT_BUDGET);
      bringIn(host, cohort, prng, work);
    });
    if (
      cohort.every((p) => host.plans[p]) &&
      state.groups.size < count &&
      shortOccurrences(model, state).length === 0 &&
      host.notWorse(before)
    )
      return true;
    revert(host, saved);
  }
  return false;
}

/**
 * Ruin and recreate until every patient of `cohort` has a plan, or the
 * attempts run out: a patient left out is inserted first, its search
 * diversified (a different draw each attempt), and the patients taken out
 * for it inserted after it: first the rest of the cohort (WHOLE_COHORT_DRAWS
 * times: its plans were built around each other), then the victim sets of
 * the local search (victims.ts). Kept when more patients are placed than
 * before, else undone.
 */
function bringIn(
  host: GroupHost,
  cohort: readonly number[],
  prng: Prng,
  work: { attempts: number },
): void {
  const placed = () => host.plans.reduce((n, plan) => n + (plan ? 1 : 0), 0);
  for (let progress = true; progress;) {
    progress = false;
    for (const q of cohort) {
      if (host.plans[q]) continue;
      const rest = cohort.filter((p) => p !== q && host.plans[p]);
      const tries = [
        ...Array.from({ length: WHOLE_COHORT_DRAWS }, () => rest),
        ...victimSets(host.model, host.plans, q, prng),
      ];
      for (const victims of tries) {
        if (work.attempts <= 0 || !host.timeLeft()) return;
        work.attempts--;
        const before = placed();
        const saved = [...host.plans];
        for (const v of victims) host.release(v);
        host.insertWith(q, BRING_IN_BUDGET, prng);
        for (const v of victims) host.insertWith(v, REINSERT_BUDGET);
        if (placed() > before) {
          progress = true;
          break;
        }
        revert(host, saved);
      }
    }
  }
}

/** Puts back the plans of `saved` (host.plans as they were) for every patient whose plan changed. */
function revert(host: GroupHost, saved: ReadonlyArray<PatientPlan | null>): void {
  const changed = saved.flatMap((plan, p) => (host.plans[p] === plan ? [] : [p]));
  for (const p of changed) if (host.plans[p]) host.release(p);
  for (const p of changed) if (saved[p]) host.restore(saved[p]!);
}

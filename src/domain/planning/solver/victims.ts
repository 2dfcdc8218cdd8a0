/**
 * Which scheduled patients to take out so that another may fit: those
 * holding most of the staff roles and room features it needs on its days.
 */
import type { Model } from '../model/types';
import type { PatientPlan } from './patient-plan';
import type { Prng } from './prng';

/** How many of the most conflicting patients the sets are drawn from. */
const VICTIM_POOL = 10;

/** Scheduled patients whose windows overlap patient p's window. */
export function overlappingPatients(
  model: Model,
  plans: ReadonlyArray<PatientPlan | null>,
  p: number,
): number[] {
  const a = model.patients[p];
  return model.patients
    .filter(
      (b) => b.index !== p && plans[b.index] && b.firstDay <= a.lastDay && a.firstDay <= b.lastDay,
    )
    .map((b) => b.index);
}

/**
 * Sets of scheduled patients to take out so that patient p may fit (or fit
 * better): the heaviest users of p's roles and features on p's days alone,
 * then in pairs, then a few random groups of three to five of the pool.
 */
export function victimSets(
  model: Model,
  plans: ReadonlyArray<PatientPlan | null>,
  p: number,
  prng: Prng,
): number[][] {
  const patient = model.patients[p];
  const proto = model.protocols[patient.protocol];
  const roles = new Set<string>();
  const features = new Set<string>();
  for (const s of proto.series) {
    const st = model.sessionTypes[s.sessionType];
    for (const n of st.needs) if (!n.present) roles.add(n.role);
    for (const f of st.room?.features ?? []) features.add(f);
  }
  const weight = new Map<number, number>();
  for (const q of overlappingPatients(model, plans, p)) {
    const plan = plans[q]!;
    const qProto = model.protocols[model.patients[q].protocol];
    let w = 0;
    for (const s of plan.sessions) {
      if (s.day < patient.firstDay || s.day > patient.lastDay) continue;
      const st = model.sessionTypes[qProto.series[s.series].sessionType];
      for (const n of st.needs) if (!n.present && roles.has(n.role)) w += n.duration;
      if (st.room?.features.some((f) => features.has(f))) w += st.duration;
    }
    if (w > 0) weight.set(q, w);
  }
  const ranked = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a - b);
  const top = ranked.slice(0, VICTIM_POOL);
  const sets: number[][] = top.slice(0, 4).map((q) => [q]);
  for (let i = 0; i < Math.min(3, top.length); i++)
    for (let j = i + 1; j < Math.min(4, top.length); j++) sets.push([top[i], top[j]]);
  for (let k = 0; k < 4 && top.length > 3; k++) {
    const pick = prng.shuffle([...top]).slice(0, 3 + (k % 3));
    sets.push(pick);
  }
  return sets;
}

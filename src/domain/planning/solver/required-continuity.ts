/**
 * Required continuity (`continuity` with `mode: "require"`): once a patient
 * has a session of the group's series with someone in the role, every later
 * one of the group has the same person.
 */
import type { Model } from '../model/types';
import type { PatientContext } from './patient-context';

/** The person series si's requirement in `role` must have for the patient, or -1 (free choice). */
export function requiredPerson(
  model: Model,
  ctx: PatientContext,
  si: number,
  role: string,
): number {
  const proto = ctx.proto;
  for (const g of proto.continuity) {
    if (!g.require || g.role !== role || !g.series.includes(si)) continue;
    for (const p of [...ctx.done, ...ctx.list]) {
      if (!g.series.includes(p.series)) continue;
      const st = model.sessionTypes[proto.series[p.series].sessionType];
      const ni = st.needs.findIndex((n) => n.role === role && !n.present);
      if (ni >= 0 && p.staff[ni].length > 0) return p.staff[ni][0];
    }
  }
  return -1;
}

/** A staff use of a session that required continuity has bound to one person. */
export interface BoundUse {
  person: number;
  offset: number;
  duration: number;
  maxConcurrent: number;
}

/** The staff uses of series si that required continuity has bound to one person so far. */
export function boundUses(model: Model, ctx: PatientContext, si: number): BoundUse[] {
  const out: BoundUse[] = [];
  if (!ctx.proto.continuity.some((g) => g.require && g.series.includes(si))) return out;
  const st = model.sessionTypes[ctx.proto.series[si].sessionType];
  for (const need of st.needs) {
    if (need.present || need.count !== 1) continue;
    const person = requiredPerson(model, ctx, si, need.role);
    if (person >= 0)
      out.push({
        person,
        offset: need.offset,
        duration: need.duration,
        maxConcurrent: need.maxConcurrent,
      });
  }
  return out;
}

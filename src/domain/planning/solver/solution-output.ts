/** Turns committed patient plans into the format's appointments. */
import type { Appointment } from '../format';
import type { ExistingModel, Model } from '../model/types';
import { formatInstant } from '../../time/zone';
import type { PatientPlan, PlacedSession } from './patient-plan';

export function appointmentsOf(model: Model, plans: Array<PatientPlan | null>): Appointment[] {
  const out: Appointment[] = [];
  const usedIds = new Set<string>();
  for (const p of model.patients) for (const e of p.existing) usedIds.add(e.id);
  const fmt = (t: number) => formatInstant(model.zone, t);
  for (const patient of model.patients) {
    const plan = plans[patient.index];
    const proto = model.protocols[patient.protocol];
    // A pinned booking is part of every solution, even when its patient is unscheduled.
    const placed: Array<
      Pick<PlacedSession, 'series' | 'index' | 'start' | 'room' | 'staff' | 'existing'>
    > = plan ? plan.sessions : patient.existing.filter((e) => e.pinned).map(pinnedSession);
    const sessions = [...placed].sort((a, b) => a.start - b.start || a.series - b.series);
    for (const s of sessions) {
      const series = proto.series[s.series];
      const st = model.sessionTypes[series.sessionType];
      let id = s.existing?.id;
      if (!id) {
        const base = `${patient.id}-${series.id}-${s.index}`;
        id = base;
        for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
        usedIds.add(id);
      }
      out.push({
        id,
        patient: patient.id,
        series: series.id,
        index: s.index,
        sessionType: st.id,
        start: fmt(s.start),
        end: fmt(s.start + st.duration),
        room: st.room && s.room >= 0 ? model.rooms[s.room].id : null,
        staff: st.needs.flatMap((need, ni) =>
          s.staff[ni].map((person) => ({
            id: model.staff[person].id,
            role: need.role,
            start: fmt(s.start + need.offset),
            end: fmt(s.start + need.offset + need.duration),
            ...(need.present && { mode: 'present' as const }),
          })),
        ),
      });
    }
  }
  return out;
}

function pinnedSession(
  e: ExistingModel,
): Pick<PlacedSession, 'series' | 'index' | 'start' | 'room' | 'staff' | 'existing'> {
  return {
    series: e.series,
    index: e.index,
    start: e.start,
    room: e.room,
    staff: e.staff,
    existing: e,
  };
}

/** Turns committed patient plans into the format's appointments. */
import type { Appointment } from '../format';
import type { ExistingModel, Model } from '../model/types';
import { formatInstant } from '../../time/zone';
import type { PatientPlan, PlacedSession } from './patient-plan';
import { existingOccurrenceId, existingOccurrenceKey } from './group-occurrences';

export function appointmentsOf(model: Model, plans: Array<PatientPlan | null>): Appointment[] {
  const out: Appointment[] = [];
  const usedIds = new Set<string>();
  // Done and missed ids too (format 1.1): a new appointment never carries one.
  for (const p of model.patients)
    for (const e of [...p.existing, ...p.done, ...p.missed]) usedIds.add(e.id);
  const fmt = (t: number) => formatInstant(model.zone, t);
  const occurrenceIds = nameOccurrences(model, plans);
  for (const patient of model.patients) {
    const plan = plans[patient.index];
    const proto = model.protocols[patient.protocol];
    // A pinned booking is part of every solution, even when its patient is unscheduled.
    const placed: Array<
      Pick<
        PlacedSession,
        'series' | 'index' | 'start' | 'room' | 'staff' | 'existing' | 'occurrence'
      >
    > = plan ? plan.sessions : patient.existing.filter((e) => e.pinned).map(pinnedSession);
    const sessions = [...placed].sort((a, b) => a.start - b.start || a.series - b.series);
    for (const s of sessions) {
      const series = proto.series[s.series];
      const st = model.sessionTypes[series.sessionType];
      let id = s.existing?.id;
      if (!id) {
        const base = `${patient.id}-${series.id}-${s.index + (patient.course?.doneCount[s.series] ?? 0)}`;
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
        ...(st.group ? { occurrence: occurrenceIds.get(keyOf(s)) } : {}),
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

type KeyedSession = Pick<PlacedSession, 'existing' | 'occurrence'>;

/** The occurrence key of an output session: its own, else (pinned, done) its booking's. */
function keyOf(s: KeyedSession): string {
  const key = s.occurrence ?? (s.existing ? existingOccurrenceKey(s.existing) : undefined);
  if (key === undefined) throw new Error('a group session without an occurrence');
  return key;
}

/**
 * Output ids of the occurrences: an existing booking's id as it was; a new
 * one `<session type>-<n>`, numbered by start (then first appearance), never
 * an id the problem uses.
 */
function nameOccurrences(
  model: Model,
  plans: Array<PatientPlan | null>,
): Map<string, string | undefined> {
  const ids = new Map<string, string | undefined>();
  const used = new Set<string>();
  for (const p of model.patients)
    for (const e of [...p.existing, ...p.done, ...p.missed])
      if (e.occurrence !== null) used.add(e.occurrence);
  const fresh: Array<{ key: string; start: number; st: string }> = [];
  for (const plan of plans) {
    if (!plan) continue;
    const proto = model.protocols[model.patients[plan.patient].protocol];
    for (const s of plan.sessions) {
      const st = model.sessionTypes[proto.series[s.series].sessionType];
      if (!st.group) continue;
      const key = keyOf(s);
      if (ids.has(key)) continue;
      const existing = existingOccurrenceId(key);
      ids.set(key, existing ?? undefined);
      if (existing === null) fresh.push({ key, start: s.start, st: st.id });
    }
  }
  for (const p of model.patients)
    for (const e of p.existing) {
      const key = existingOccurrenceKey(e);
      if (key !== undefined && !ids.has(key)) ids.set(key, e.occurrence!);
    }
  fresh.sort((a, b) => a.start - b.start);
  let n = 0;
  for (const f of fresh) {
    let id: string;
    do id = `${f.st}-${++n}`;
    while (used.has(id));
    used.add(id);
    ids.set(f.key, id);
  }
  return ids;
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

/**
 * Courses in progress (format 1.1) as the solver sees them. The planner gate
 * (problem-check/planner-support) lets done sessions through only when they
 * all lie before `now` and before every pinned booking of their series, so a
 * series' done sessions are its first ones and every new session follows
 * them. The course view of the model (`courseModel`) then counts, per
 * patient, only the new sessions (`counts`, and `existing` indexes shifted
 * down past the done sessions and the missed ones booked before them), and
 * records the done ones in `patient.course`:
 *
 * - they occupy no room or staff and take no part in the patient day;
 * - a new session may not overlap one, share a local date with one of a
 *   notSameDay partner series, or start closer than a separation to one;
 * - the first new session of a series keeps the gap (`gapHours`, or
 *   `resumeGapHours` when a missed session lies between) to the last done one;
 * - offsets naming a done occurrence bound the other point's session;
 * - follow-ups, spans and continuity count them with the new sessions.
 *
 * The unary rules enter the static domains (`courseFilter`); the rest is
 * read from `patient.course` where the rule is checked.
 */
import type {
  CourseHistory,
  DoneSession,
  Model,
  OccurrenceRef,
  PatientModel,
  ProtocolModel,
} from '../model/types';
import { localOf } from '../../time/zone';

/**
 * Index given to a kept booking whose index falls among the done sessions:
 * beyond every count, so the search counts it as dropped (it cannot be kept:
 * it lies before `now`).
 */
const DROPPED_INDEX = 1_000_000;

/** The model with every patient that has done sessions in its course view. */
export function courseModel(model: Model): Model {
  if (!model.patients.some((p) => p.done.length > 0)) return model;
  return {
    ...model,
    patients: model.patients.map((p) => (p.done.length > 0 ? coursePatient(model, p) : p)),
  };
}

function coursePatient(model: Model, patient: PatientModel): PatientModel {
  const proto = model.protocols[patient.protocol];
  const doneCount = proto.series.map(() => 0);
  const lastDone: Array<number | null> = proto.series.map(() => null);
  const done: DoneSession[] = patient.done.map((e) => {
    const st = model.sessionTypes[proto.series[e.series].sessionType];
    doneCount[e.series]++;
    lastDone[e.series] = Math.max(lastDone[e.series] ?? -Infinity, e.start);
    return {
      series: e.series,
      start: e.start,
      end: e.start + st.duration,
      day: localOf(model.zone, e.start).day - model.firstDayNumber,
      staff: e.staff,
    };
  });
  const missedAfter = proto.series.map((_, si) => {
    const a = lastDone[si];
    let first: number | null = null;
    if (a === null) return null;
    for (const m of patient.missed)
      if (m.series === si && m.start > a && (first === null || m.start < first)) first = m.start;
    return first;
  });
  const course: CourseHistory = { done, doneCount, lastDone, missedAfter };
  return {
    ...patient,
    counts: patient.counts.map((c, si) => Math.max(0, c - doneCount[si])),
    // A booking made before a miss counts the missed session in its index (a label):
    // its place among the new sessions leaves out the done and the missed ones before it.
    existing: patient.existing.map((e) => {
      const missedBefore = patient.missed.filter(
        (m) => m.series === e.series && m.start < e.start && m.index < e.index,
      ).length;
      const index = e.index - doneCount[e.series] - missedBefore;
      // A pinned booking stays (the gate put it after the done ones, whatever its label).
      if (index < 1) return { ...e, index: e.pinned ? 1 : DROPPED_INDEX + e.index };
      return { ...e, index };
    }),
    course,
  };
}

/** Done sessions of the patient (none outside the course view). */
export function doneOf(patient: PatientModel): readonly DoneSession[] {
  return patient.course?.done ?? [];
}

/** Days (from horizon.start) of the patient's earliest and latest done session, or null. */
export function doneDayRange(patient: PatientModel): [number, number] | null {
  const done = doneOf(patient);
  if (done.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of done) {
    lo = Math.min(lo, d.day);
    hi = Math.max(hi, d.day);
  }
  return [lo, hi];
}

/** A rule point: a new session (series, 0-based new index) or the fixed instant of a done one. */
export type CoursePoint = { series: number; k: number; shift: number } | { at: number };

function occurrence(occ: OccurrenceRef, count: number): number {
  if (occ === 'first') return 1;
  if (occ === 'last') return count;
  return occ;
}

/** The session an offset point names for this patient, or null when it does not exist. */
export function resolvePoint(
  model: Model,
  patient: PatientModel,
  point: { series: number; occurrence: OccurrenceRef; end: boolean },
): CoursePoint | null {
  const proto = model.protocols[patient.protocol];
  const d = patient.course?.doneCount[point.series] ?? 0;
  const total = d + patient.counts[point.series];
  const index = occurrence(point.occurrence, total);
  if (index < 1 || index > total) return null;
  const shift = point.end ? model.sessionTypes[proto.series[point.series].sessionType].duration : 0;
  if (index <= d) {
    const same = doneOf(patient).filter((x) => x.series === point.series);
    return { at: same[index - 1].start + shift };
  }
  return { series: point.series, k: index - d - 1, shift };
}

/** An offset rule between two new sessions: min ≤ (to + tShift) − (from + fShift) ≤ max. */
export interface OffsetLinkModel {
  rule: number;
  from: { series: number; k: number };
  to: { series: number; k: number };
  fShift: number;
  tShift: number;
  min: number;
  max: number;
}

export interface PatientOffsets {
  links: OffsetLinkModel[];
  /** Offsets with one done end: lo ≤ start of new session (series, k) ≤ hi. */
  bounds: Array<{ rule: number; series: number; k: number; lo: number; hi: number }>;
  /** A rule broken by two done sessions (no plan can mend it), or -1. */
  broken: number;
}

const offsetCache = new WeakMap<ProtocolModel, WeakMap<PatientModel, PatientOffsets>>();

/** The protocol's offset rules resolved for the patient (cached per protocol and patient). */
export function patientOffsets(model: Model, patient: PatientModel): PatientOffsets {
  const proto = model.protocols[patient.protocol];
  let perProto = offsetCache.get(proto);
  if (!perProto) offsetCache.set(proto, (perProto = new WeakMap()));
  let out = perProto.get(patient);
  if (out) return out;
  out = { links: [], bounds: [], broken: -1 };
  for (const [rule, r] of proto.offsets.entries()) {
    const from = resolvePoint(model, patient, r.from);
    const to = resolvePoint(model, patient, r.to);
    if (!from || !to) continue;
    if ('at' in from && 'at' in to) {
      if ((to.at - from.at < r.min || to.at - from.at > r.max) && out.broken < 0) out.broken = rule;
    } else if ('at' in from) {
      const t = to as { series: number; k: number; shift: number };
      out.bounds.push({
        rule,
        series: t.series,
        k: t.k,
        lo: from.at + r.min - t.shift,
        hi: from.at + r.max - t.shift,
      });
    } else if ('at' in to) {
      out.bounds.push({
        rule,
        series: from.series,
        k: from.k,
        lo: to.at - r.max - from.shift,
        hi: to.at - r.min - from.shift,
      });
    } else {
      out.links.push({
        rule,
        from: { series: from.series, k: from.k },
        to: { series: to.series, k: to.k },
        fShift: from.shift,
        tShift: to.shift,
        min: r.min,
        max: r.max,
      });
    }
  }
  perProto.set(patient, out);
  return out;
}

/**
 * The gap bound from the series' last done session to its first new
 * session starting at `t`: resumeGap when a missed session lies between.
 */
export function firstGap(
  proto: ProtocolModel,
  course: CourseHistory,
  series: number,
  t: number,
): { min: number; max: number; resumed: boolean } {
  const s = proto.series[series];
  const m = course.missedAfter[series];
  if (s.resumeGap && m !== null && t > m) return { ...s.resumeGap, resumed: true };
  return { min: s.gapMin, max: s.gapMax, resumed: false };
}

/**
 * The unary rules the done sessions put on new session (series, k), as a
 * test of a start slot; null when there are none. `gapOnly` keeps only the
 * gap from the last done session (for telling which rule emptied a domain).
 */
export function courseFilter(
  model: Model,
  patient: PatientModel,
  series: number,
  k: number,
  gapOnly = false,
): ((slot: number) => boolean) | null {
  const course = patient.course;
  if (!course) return null;
  const proto = model.protocols[patient.protocol];
  const bounds = patientOffsets(model, patient).bounds.filter(
    (b) => b.series === series && b.k === k,
  );
  const T = model.slotStart;
  const D = model.slotDay;
  const dur = model.sessionTypes[proto.series[series].sessionType].duration;
  const last = k === 0 && course ? course.lastDone[series] : null;
  if (gapOnly)
    return last === null
      ? null
      : (slot) => {
          const g = firstGap(proto, course, series, T[slot]);
          return T[slot] > last && T[slot] - last >= g.min && T[slot] - last <= g.max;
        };
  const done = doneOf(patient);
  const partners = new Set<number>();
  for (const g of proto.notSameDay)
    if (g.includes(series)) for (const o of g) if (o !== series) partners.add(o);
  const separations = proto.separations.filter((r) => r.series.includes(series));
  return (slot) => {
    const t = T[slot];
    for (const b of bounds) if (t < b.lo || t > b.hi) return false;
    if (last !== null) {
      const g = firstGap(proto, course, series, t);
      if (t <= last || t - last < g.min || t - last > g.max) return false;
    }
    for (const d of done) {
      if (t < d.end && d.start < t + dur) return false;
      if (d.day === D[slot] && partners.has(d.series)) return false;
      for (const r of separations)
        if (r.series.includes(d.series) && Math.abs(t - d.start) < r.minMinutes) return false;
    }
    return true;
  };
}

/** Per followUp rule: done anchors (their ends) and done targets (start, day). */
export function doneFollowUps(
  model: Model,
  patient: PatientModel,
): Array<{ anchors: DoneSession[]; targets: DoneSession[] }> {
  const proto = model.protocols[patient.protocol];
  const done = doneOf(patient);
  return proto.followUps.map((f) => ({
    anchors: done.filter((d) => d.series === f.anchor),
    targets: done.filter((d) => f.targets.includes(d.series)),
  }));
}

/**
 * Per-patient bookkeeping of the search: the sessions placed so far and the
 * checks of the patient's own hard rules (patient day caps and breaks,
 * notSameDay, gaps, offsets, span, followUp matching) for a new session.
 */
import type { Model, PatientModel, ProtocolModel } from '../model/types';
import { minStep } from './domains';
import { doneDayRange, doneFollowUps, doneOf, patientOffsets } from './course';
import type { PlacedSession } from './patient-plan';
import { augment } from './matching';
import { dayOfInstant, lowerBound } from './slots';

interface OffsetLink {
  other: [number, number];
  /** Required: min ≤ (to point) − (from point) ≤ max; `selfIsFrom` says which side we are. */
  selfIsFrom: boolean;
  selfShift: number;
  otherShift: number;
  min: number;
  max: number;
}

export class PatientContext {
  readonly proto: ProtocolModel;
  readonly placed: Array<Array<PlacedSession | null>>;
  readonly list: PlacedSession[] = [];
  private readonly dayCount: Int32Array;
  private readonly dayMinutes: Int32Array;
  /** Sessions per (day, series): daySeries[day * seriesCount + series]. */
  private readonly daySeries: Int32Array;
  /** Per series: the series it may not share a local date with (notSameDay). */
  private readonly conflicts: number[][];
  /** Per series: the separation rules naming it, as (series set, minimum minutes between starts). */
  private readonly separations: Array<Array<{ series: Set<number>; min: number }>>;
  private readonly links: OffsetLink[][][];
  private readonly step: number[];
  private readonly durations: number[];
  /** Format 1.1 done sessions (fixed, occupying nothing but the patient): see course.ts. */
  readonly done: ReturnType<typeof doneOf>;
  private readonly doneDays: [number, number] | null;
  private readonly doneFollowUps: ReturnType<typeof doneFollowUps>;

  constructor(
    readonly model: Model,
    readonly patient: PatientModel,
  ) {
    const proto = (this.proto = model.protocols[patient.protocol]);
    this.done = doneOf(patient);
    this.doneDays = doneDayRange(patient);
    this.doneFollowUps = doneFollowUps(model, patient);
    this.placed = proto.series.map((_, si) => new Array(patient.counts[si]).fill(null));
    this.dayCount = new Int32Array(model.numDays);
    this.dayMinutes = new Int32Array(model.numDays);
    this.daySeries = new Int32Array(model.numDays * proto.series.length);
    this.conflicts = proto.series.map(() => []);
    for (const g of proto.notSameDay)
      for (const s of g)
        for (const o of g) if (o !== s && !this.conflicts[s].includes(o)) this.conflicts[s].push(o);
    this.separations = proto.series.map((_, si) =>
      proto.separations
        .filter((r) => r.series.includes(si) && r.minMinutes > 0)
        .map((r) => ({ series: new Set(r.series), min: r.minMinutes })),
    );
    this.durations = proto.series.map((s) => model.sessionTypes[s.sessionType].duration);
    this.step = proto.series.map((s) => minStep(model, proto, s.index));
    this.links = proto.series.map((_, si) => Array.from({ length: patient.counts[si] }, () => []));
    // Offsets naming a done session are unary (in the domains, see course.ts).
    for (const r of patientOffsets(model, patient).links) {
      const [fk, tk] = [r.from.k, r.to.k];
      const { fShift, tShift } = r;
      this.links[r.from.series][fk].push({
        other: [r.to.series, tk],
        selfIsFrom: true,
        selfShift: fShift,
        otherShift: tShift,
        min: r.min,
        max: r.max,
      });
      this.links[r.to.series][tk].push({
        other: [r.from.series, fk],
        selfIsFrom: false,
        selfShift: tShift,
        otherShift: fShift,
        min: r.min,
        max: r.max,
      });
    }
  }

  /** The longest separation (minutes) a session of `series` keeps from others: how far a placement reaches. */
  separationReach(series: number): number {
    return this.separations[series].reduce((m, r) => Math.max(m, r.min), 0);
  }

  duration(series: number): number {
    return this.durations[series];
  }

  /** Allowed start range of (series, index) from its placed neighbours in the series. */
  chainRange(series: number, k: number): [number, number] {
    const s = this.proto.series[series];
    let lo = -Infinity;
    let hi = Infinity;
    const row = this.placed[series];
    for (let j = k - 1; j >= 0; j--) {
      const p = row[j];
      if (p) {
        lo = Math.max(lo, p.start + (j === k - 1 ? this.step[series] : 1));
        if (j === k - 1) hi = Math.min(hi, p.start + s.gapMax);
        break;
      }
    }
    for (let j = k + 1; j < row.length; j++) {
      const p = row[j];
      if (p) {
        hi = Math.min(hi, p.start - (j === k + 1 ? this.step[series] : 1));
        if (j === k + 1) lo = Math.max(lo, p.start - s.gapMax);
        break;
      }
    }
    return [lo, hi];
  }

  /** Day range allowed by the span given what is placed. */
  spanDays(): [number, number] {
    if ((this.list.length === 0 && !this.doneDays) || this.proto.spanMax === Infinity)
      return [0, this.model.numDays - 1];
    let min = this.doneDays ? this.doneDays[0] : Infinity;
    let max = this.doneDays ? this.doneDays[1] : -Infinity;
    for (const p of this.list) {
      min = Math.min(min, p.day);
      max = Math.max(max, p.day);
    }
    return [max - this.proto.spanMax + 1, min + this.proto.spanMax - 1];
  }

  /** Patient-level hard rules for a session of `series` index k+1 at `start` on `day`. */
  fits(series: number, k: number, start: number, day: number): boolean {
    const proto = this.proto;
    const dur = this.durations[series];
    if (this.dayCount[day] + 1 > proto.maxSessionsPerDay) return false;
    if (this.dayMinutes[day] + dur > proto.maxMinutesPerDay) return false;
    if (this.sharesDayWithConflict(series, day)) return false;
    const brk = proto.minBreak;
    const end = start + dur;
    for (const q of this.list) {
      const qEnd = q.start + this.durations[q.series];
      if (!(start >= qEnd + brk || end + brk <= q.start)) return false;
    }
    for (const rule of this.separations[series])
      for (const q of this.list)
        if (rule.series.has(q.series) && Math.abs(q.start - start) < rule.min) return false;
    for (const l of this.links[series][k]) {
      const o = this.placed[l.other[0]][l.other[1]];
      if (!o) continue;
      const self = start + l.selfShift;
      const other = o.start + l.otherShift;
      const diff = l.selfIsFrom ? other - self : self - other;
      if (diff < l.min || diff > l.max) return false;
    }
    return true;
  }

  /** Places the patient's pinned bookings (already in the resource state, they are fixed). */
  placePinned(): void {
    const { model, patient } = this;
    for (const e of patient.existing) {
      if (!e.pinned || e.index > patient.counts[e.series]) continue;
      this.place({
        series: e.series,
        index: e.index,
        slot: lowerBound(model.slotStart, e.start),
        start: e.start,
        day: dayOfInstant(model, e.start),
        room: e.room,
        staff: e.staff,
        existing: e,
        moved: false,
        booking: -1,
      });
    }
  }

  place(p: PlacedSession): void {
    this.placed[p.series][p.index - 1] = p;
    this.list.push(p);
    this.dayCount[p.day]++;
    this.dayMinutes[p.day] += this.durations[p.series];
    this.daySeries[p.day * this.proto.series.length + p.series]++;
  }

  /** Whether a session of a series that may not share a date with `series` is placed on `day`. */
  sharesDayWithConflict(series: number, day: number): boolean {
    const row = day * this.proto.series.length;
    for (const o of this.conflicts[series]) if (this.daySeries[row + o] > 0) return true;
    return false;
  }

  unplace(p: PlacedSession): void {
    this.placed[p.series][p.index - 1] = null;
    const i = this.list.lastIndexOf(p);
    this.list.splice(i, 1);
    this.dayCount[p.day]--;
    this.dayMinutes[p.day] -= this.durations[p.series];
    this.daySeries[p.day * this.proto.series.length + p.series]--;
  }

  /** Whether the followUp rules can still be met: matched + unplaced targets ≥ placed anchors. */
  followUpsPossible(): boolean {
    const model = this.model;
    for (const [fi, f] of this.proto.followUps.entries()) {
      // Done anchors and targets take part like placed ones (only start and day are read).
      const done = this.doneFollowUps[fi];
      const anchors: Array<Pick<PlacedSession, 'start' | 'day'>> = [
        ...done.anchors,
        ...this.placed[f.anchor].filter((x): x is PlacedSession => x !== null),
      ];
      if (anchors.length === 0) continue;
      const targets: Array<Pick<PlacedSession, 'start' | 'day'>> = [...done.targets];
      let unplaced = 0;
      for (const t of f.targets)
        for (const x of this.placed[t]) {
          if (x) targets.push(x);
          else unplaced++;
        }
      const aDur = this.durations[f.anchor];
      const adj = anchors.map((a) => {
        const lo = a.start + aDur + f.min;
        const hi = a.start + aDur + f.max;
        const out: number[] = [];
        targets.forEach((t, ti) => {
          if (t.start >= lo && t.start <= hi && (!f.sameDay || t.day === a.day)) out.push(ti);
        });
        return out;
      });
      const matchOf = new Int32Array(targets.length).fill(-1);
      let matched = 0;
      for (let a = 0; a < anchors.length; a++) {
        if (augment(adj, matchOf, a)) matched++;
        if (matched + unplaced + (anchors.length - a - 1) < anchors.length) return false;
      }
      if (matched + unplaced < anchors.length) return false;
      void model;
    }
    return true;
  }

  spanMinMet(): boolean {
    if (this.proto.spanMin <= 1) return true;
    let min = this.doneDays ? this.doneDays[0] : Infinity;
    let max = this.doneDays ? this.doneDays[1] : -Infinity;
    for (const p of this.list) {
      min = Math.min(min, p.day);
      max = Math.max(max, p.day);
    }
    return max - min + 1 >= this.proto.spanMin;
  }
}

/**
 * First-fit booking of one patient: sessions in a fixed order (protocol series
 * order, index order; a followUp target right after its anchor), each at the
 * earliest feasible slot with the first available room and staff. No
 * backtracking across sessions: an anchor slot is only taken together with a
 * slot for its follow-up, otherwise the next anchor slot is tried.
 */
import type { FollowUpRule, OffsetRule, RulePoint, SessionType } from '../format';
import type { Span } from './clinic-time';
import type { Model, PatientModel, StaffRes } from './model';
import type { Undo } from './occupancy';
import { pickResources } from './resource-pick';

export interface PlacedStaff {
  id: string;
  role: string;
  s: number;
  e: number;
}

export interface Placed {
  series: string;
  index: number;
  type: SessionType;
  s: number;
  e: number;
  d: number;
  room: string | null;
  staff: PlacedStaff[];
}

interface Window {
  lb: number;
  ub: number;
  sameDay?: number;
}

const HOUR = 60;

export class PatientBooking {
  readonly placed: Placed[] = [];
  private readonly undo: Undo[] = [];
  private readonly fixedPerson = new Map<number, string>();
  failure = '';
  /** Why candidate slots of the last session tried were rejected (for the unscheduled reason). */
  readonly rejected = new Map<string, number>();

  constructor(
    private readonly m: Model,
    private readonly p: PatientModel,
  ) {}

  /** Books every session or nothing. */
  run(): boolean {
    const rules = this.p.protocol.rules ?? [];
    const followUps = rules.filter((r): r is FollowUpRule => r.type === 'followUp');
    const reserved = new Map<string, number>();
    const targetPlan = new Map<FollowUpRule, string[]>();
    for (const f of followUps) {
      let need = this.p.counts.get(f.anchor) ?? 0;
      const plan: string[] = [];
      for (const t of f.targets) {
        const free = (this.p.counts.get(t) ?? 0) - (reserved.get(t) ?? 0);
        const take = Math.max(0, Math.min(need, free));
        reserved.set(t, (reserved.get(t) ?? 0) + take);
        for (let i = 0; i < take; i++) plan.push(t);
        need -= take;
      }
      if (need > 0)
        return this.fail(
          `follow-up of ${f.anchor} needs ${need} more sessions of ${f.targets.join('/')}`,
        );
      targetPlan.set(f, plan);
    }
    for (const series of this.p.protocol.series) {
      const own = (this.p.counts.get(series.id) ?? 0) - (reserved.get(series.id) ?? 0);
      const anchored = followUps.filter((f) => f.anchor === series.id);
      for (let k = 0; k < own; k++) {
        const idx = this.countOf(series.id);
        const ok = this.place(series.id, { lb: -Infinity, ub: Infinity }, (anchor) =>
          anchored.every((f) =>
            this.placeFollowUp(f, anchor, (targetPlan.get(f) as string[])[idx]),
          ),
        );
        if (!ok) return this.fail(`no feasible slot for ${series.id} #${idx + 1}`);
        this.rejected.clear();
      }
    }
    return true;
  }

  rollback(): void {
    while (this.undo.length) (this.undo.pop() as Undo)();
  }

  private reject(why: string): null {
    this.rejected.set(why, (this.rejected.get(why) ?? 0) + 1);
    return null;
  }

  private fail(msg: string): false {
    this.failure = msg;
    this.rollback();
    return false;
  }

  private countOf(series: string): number {
    let n = 0;
    for (const x of this.placed) if (x.series === series) n++;
    return n;
  }

  private placeFollowUp(f: FollowUpRule, anchor: Placed, target: string): boolean {
    const w: Window = {
      lb: anchor.e + (f.hours.min ?? 0) * HOUR,
      ub: f.hours.max === undefined ? Infinity : anchor.e + f.hours.max * HOUR,
      sameDay: f.sameDay ? anchor.d : undefined,
    };
    return this.place(target, w, () => true);
  }

  /**
   * Tries candidate slots of the next session of `series` in time order; each
   * feasible one is booked and `then` is asked to book what must go with it.
   */
  private place(series: string, w: Window, then: (placed: Placed) => boolean): boolean {
    const p = this.p;
    const t = this.m.time;
    const type = this.m.types.get(
      (p.series.get(series) as { sessionType: string }).sessionType,
    ) as SessionType;
    const dur = type.durationMinutes;
    const index = this.countOf(series) + 1;
    const bounds = this.bounds(series, index, dur);
    const lb = Math.max(w.lb, bounds.lb);
    const ub = Math.min(w.ub, bounds.ub);
    if (lb > ub) return false;
    const slot = this.m.slot;
    const firstMin = Math.ceil(p.dayStartMin / slot) * slot;
    let d0 = Math.max(p.firstDay, lb === -Infinity ? 0 : t.dateIndexOfInstant(lb));
    if (w.sameDay !== undefined) d0 = Math.max(d0, w.sameDay);
    const dLast = w.sameDay !== undefined ? Math.min(p.lastDay, w.sameDay) : p.lastDay;
    for (let d = d0; d <= dLast; d++) {
      if (t.atIdx(d, 0) > ub) break;
      if (!this.dayAllowed(series, d)) {
        this.reject('day');
        continue;
      }
      const dayEnd = t.atIdx(d, p.dayEndMin);
      for (let min = firstMin; min < p.dayEndMin; min += slot) {
        const s = t.atIdx(d, min);
        if (s + dur > dayEnd) break;
        if (s < lb) continue;
        if (s > ub) return false;
        if (!t.exists(d, min)) continue;
        if (!this.patientFits(series, index, type, s, d)) {
          this.reject('patient');
          continue;
        }
        const placed = this.resources(series, index, type, s, d);
        if (!placed) continue;
        const mark = this.undo.length;
        this.commit(placed);
        if (then(placed)) return true;
        while (this.undo.length > mark) (this.undo.pop() as Undo)();
      }
    }
    return false;
  }

  /** Bounds on the start instant from the series gap, offset rules, dates and span. */
  private bounds(series: string, index: number, dur: number): { lb: number; ub: number } {
    const t = this.m.time;
    const p = this.p;
    let lb = t.atIdx(p.firstDay, 0);
    let ub = t.atIdx(p.lastDay + 1, 0) - dur;
    const prev = this.find(series, index - 1);
    if (prev) {
      const gap = (p.series.get(series) as { gapHours?: { min?: number; max?: number } }).gapHours;
      lb = Math.max(lb, prev.s + Math.max(1, (gap?.min ?? 0) * HOUR));
      if (gap?.max !== undefined) ub = Math.min(ub, prev.s + gap.max * HOUR);
    }
    for (const r of p.protocol.rules ?? []) {
      if (r.type !== 'offset') continue;
      const min = r.hours.min === undefined ? -Infinity : r.hours.min * HOUR;
      const max = r.hours.max === undefined ? Infinity : r.hours.max * HOUR;
      if (this.isPoint(r.to, series, index)) {
        const from = this.pointValue(r.from);
        if (from !== undefined) {
          const shift = r.to.point === 'end' ? dur : 0;
          lb = Math.max(lb, from + min - shift);
          ub = Math.min(ub, from + max - shift);
        }
      }
      if (this.isPoint(r.from, series, index)) {
        const to = this.pointValue(r.to);
        if (to !== undefined) {
          const shift = r.from.point === 'end' ? dur : 0;
          lb = Math.max(lb, to - max - shift);
          ub = Math.min(ub, to - min - shift);
        }
      }
    }
    return { lb, ub };
  }

  private occurrenceIndex(pt: RulePoint): number {
    if (pt.occurrence === 'first') return 1;
    if (pt.occurrence === 'last') return this.p.counts.get(pt.series) ?? 0;
    return pt.occurrence;
  }

  private isPoint(pt: RulePoint, series: string, index: number): boolean {
    return pt.series === series && this.occurrenceIndex(pt) === index;
  }

  private find(series: string, index: number): Placed | undefined {
    return this.placed.find((x) => x.series === series && x.index === index);
  }

  private pointValue(pt: RulePoint): number | undefined {
    const x = this.find(pt.series, this.occurrenceIndex(pt));
    if (!x) return undefined;
    return pt.point === 'start' ? x.s : x.e;
  }

  private dayAllowed(series: string, d: number): boolean {
    const p = this.p;
    const wd = this.m.weekday[d];
    if (this.m.closed.has(d)) return false;
    if (p.protocol.restDays?.includes(wd)) return false;
    const days = (p.series.get(series) as { days?: string[] }).days;
    if (days && !days.includes(wd)) return false;
    const sameDay = this.placed.filter((x) => x.d === d);
    const maxSessions = p.protocol.patientDay?.maxSessions;
    if (maxSessions !== undefined && sameDay.length >= maxSessions) return false;
    for (const r of p.protocol.rules ?? []) {
      if (r.type !== 'notSameDay' || !r.series.includes(series)) continue;
      if (sameDay.some((x) => x.series !== series && r.series.includes(x.series))) return false;
    }
    const span = p.protocol.spanDays?.max;
    if (span !== undefined && this.placed.length) {
      let lo = d;
      let hi = d;
      for (const x of this.placed) {
        lo = Math.min(lo, x.d);
        hi = Math.max(hi, x.d);
      }
      if (hi - lo + 1 > span) return false;
    }
    return true;
  }

  /** Patient-side rules for a session of `series` #index at [s, s+dur) on date d. */
  private patientFits(
    series: string,
    index: number,
    type: SessionType,
    s: number,
    d: number,
  ): boolean {
    const p = this.p;
    const e = s + type.durationMinutes;
    const pd = p.protocol.patientDay ?? {};
    const brk = pd.minBreakMinutes ?? 0;
    let minutes = type.durationMinutes;
    for (const x of this.placed) {
      if (x.s < e + brk && s < x.e + brk) return false;
      if (x.d === d) minutes += x.e - x.s;
    }
    if (pd.maxMinutes !== undefined && minutes > pd.maxMinutes) return false;
    for (const u of p.unavailable) if (u.s < e && s < u.e) return false;
    if (!this.offsetsHold(series, index, s, e)) return false;
    return this.spanMinHolds(d);
  }

  private offsetsHold(series: string, index: number, s: number, e: number): boolean {
    for (const r of (this.p.protocol.rules ?? []) as OffsetRule[]) {
      if (r.type !== 'offset') continue;
      const isFrom = this.isPoint(r.from, series, index);
      const isTo = this.isPoint(r.to, series, index);
      if (!isFrom && !isTo) continue;
      const from = isFrom ? (r.from.point === 'start' ? s : e) : this.pointValue(r.from);
      const to = isTo ? (r.to.point === 'start' ? s : e) : this.pointValue(r.to);
      if (from === undefined || to === undefined) continue;
      const h = (to - from) / HOUR;
      if (r.hours.min !== undefined && h < r.hours.min) return false;
      if (r.hours.max !== undefined && h > r.hours.max) return false;
    }
    return true;
  }

  /** spanDays.min, checked when the session being placed is the patient's last one. */
  private spanMinHolds(d: number): boolean {
    const min = this.p.protocol.spanDays?.min;
    if (min === undefined) return true;
    let total = 0;
    for (const c of this.p.counts.values()) total += c;
    if (this.placed.length + 1 < total) return true;
    let lo = d;
    let hi = d;
    for (const x of this.placed) {
      lo = Math.min(lo, x.d);
      hi = Math.max(hi, x.d);
    }
    return hi - lo + 1 >= min;
  }

  /** First room and first staff that can take the session, or null. */
  private resources(
    series: string,
    index: number,
    type: SessionType,
    s: number,
    d: number,
  ): Placed | null {
    const picked = pickResources(this.m, this.p, this.fixedPerson, series, type, s, d);
    if (typeof picked === 'string') return this.reject(picked);
    return { series, index, type, s, e: s + type.durationMinutes, d, ...picked };
  }

  private commit(x: Placed): void {
    this.placed.push(x);
    this.undo.push(() => {
      this.placed.splice(this.placed.lastIndexOf(x), 1);
    });
    if (x.room) {
      const r = this.m.roomById.get(x.room);
      const turnover = x.type.room?.turnoverMinutes ?? 0;
      if (r) this.undo.push(r.timeline.add({ s: x.s, e: x.e + turnover, share: 1 }));
    }
    const continuity = this.p.protocol.continuity ?? [];
    for (const a of x.staff) {
      const res = this.m.staffById.get(a.id) as StaffRes;
      const req = x.type.staff.find((q) => q.role === a.role);
      const span: Span = { s: a.s, e: a.e };
      this.undo.push(res.timeline.add({ ...span, share: req?.maxConcurrent ?? 1 }));
      this.undo.push(res.load.add(x.d, [span], true));
      continuity.forEach((c, i) => {
        if (
          c.mode === 'require' &&
          c.role === a.role &&
          c.series.includes(x.series) &&
          !this.fixedPerson.has(i)
        ) {
          this.fixedPerson.set(i, a.id);
          this.undo.push(() => this.fixedPerson.delete(i));
        }
      });
    }
  }
}

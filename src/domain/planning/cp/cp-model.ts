/**
 * The planning model as a CP-SAT model (cp-sat-runtime.ts), for the problems
 * `cpScope` accepts. One integer start per session (its domain: the slots
 * where the patient may have it and resources exist, domains.ts
 * `baseSlots`), one day literal per possible local date, one literal per
 * candidate room and per candidate person of each staff requirement, with an
 * optional interval each; a presence literal per patient (its sessions take
 * rooms and staff only when present). Rooms: no overlap (capacity 1) or a
 * cumulative of their capacity, turnover included. People: no overlap, or a
 * cumulative where shared requirements (`maxConcurrent` > 1) weigh 1/m of
 * the person, which lets through some mixes the format forbids (m = 2, 4, 4):
 * the solution is validated before it is used (solve-async.ts).
 * Staff daily minutes are summed per assignment (shared minutes counted
 * twice): stricter than the format, never looser. The patient's own rules
 * are exact: series order and gaps, patient day, breaks, per-day limits,
 * spans, the protocol rules (cp-rules.ts) and required continuity.
 */
import type { Model, PatientModel, ProtocolModel, SessionTypeModel } from '../model/types';
import { covers } from '../model/intervals';
import { baseSlots } from '../solver/domains';
import type { BoolVar, CpModel, CpSat, IntervalVar, IntVar } from './cp-sat-runtime';
import { encodeRules, FAR } from './cp-rules';

export interface CpSession {
  patient: number;
  series: number;
  /** 0-based position in its series (sessions of a series are in time order). */
  k: number;
  st: SessionTypeModel;
  /** Minutes from `CpPlanModel.origin`. */
  start: IntVar;
  /** Local date index (model days). */
  day: IntVar;
  days: Map<number, BoolVar>;
  rooms: Map<number, BoolVar>;
  /** Per staff requirement of the session type: person index → literal. */
  staff: Array<Map<number, BoolVar>>;
}

export interface CpPlanModel {
  cp: CpModel;
  sessions: CpSession[];
  /** Per patient: scheduled or not. */
  present: BoolVar[];
  /** Epoch minute of time 0 (local midnight of the horizon's first day). */
  origin: number;
}

interface Usage {
  interval: IntervalVar;
  /** Weight in the resource's cumulative (see the header). */
  weight: number;
  shared: boolean;
}

interface DayLoad {
  literal: BoolVar;
  minutes: number;
}

export function buildCpModel(sat: CpSat, model: Model): CpPlanModel {
  const cp = new sat.CpModel();
  const origin = model.dayStartAt[0];
  const b = new Builder(sat, cp, model, origin);
  const present = model.patients.map((patient) => b.addPatient(patient));
  b.addResourceConstraints();
  return { cp, sessions: b.sessions, present, origin };
}

class Builder {
  readonly sessions: CpSession[] = [];
  private readonly roomUse = new Map<number, Usage[]>();
  private readonly staffUse = new Map<number, Usage[]>();
  private readonly staffDays = new Map<string, DayLoad[]>();

  constructor(
    private readonly sat: CpSat,
    private readonly cp: CpModel,
    private readonly model: Model,
    private readonly origin: number,
  ) {}

  addPatient(patient: PatientModel): BoolVar {
    const proto = this.model.protocols[patient.protocol];
    const present = this.cp.newBoolVar(`present ${patient.id}`);
    const starts = proto.series.map((series) =>
      Array.from(baseSlots(this.model, patient, series.index), (i) =>
        this.rel(this.model.slotStart[i]),
      ),
    );
    if (
      proto.series.some(
        (series) => patient.counts[series.index] > 0 && !starts[series.index].length,
      )
    ) {
      this.cp.addLinearConstraint(present, 0, 0); // no start at all: never scheduled
      return present;
    }
    const bySeries: CpSession[][] = proto.series.map((series) => {
      const st = this.model.sessionTypes[series.sessionType];
      return Array.from({ length: patient.counts[series.index] }, (_, k) =>
        this.addSession(patient.index, series.index, k, st, starts[series.index], present),
      );
    });
    this.addPatientRules(proto, bySeries, present);
    encodeRules(this.sat, this.cp, proto, bySeries, present);
    return present;
  }

  private addSession(
    patient: number,
    series: number,
    k: number,
    st: SessionTypeModel,
    starts: number[],
    present: BoolVar,
  ): CpSession {
    const { cp, sat } = this;
    // An empty domain makes the model infeasible, as it should: cpScope keeps such patients out.
    const start = cp.newIntVarFromDomain(sat.Domain.fromValues(starts), '');
    const days = new Map<number, BoolVar>();
    const byDay = new Map<number, number[]>();
    let d = 0;
    for (const s of starts) {
      while (this.rel(this.model.dayStartAt[d + 1]) <= s) d++;
      if (!byDay.has(d)) byDay.set(d, []);
      byDay.get(d)!.push(s);
    }
    for (const [day, values] of byDay) {
      const literal = cp.newBoolVar('');
      days.set(day, literal);
      cp.addLinearConstraint(start, values[0], values[values.length - 1]).onlyEnforceIf(literal);
    }
    cp.addEquality(sat.LinearExpr.sum([...days.values()]), present);
    const day = cp.newIntVar(0, this.model.numDays, '');
    cp.addEquality(day, sat.LinearExpr.weightedSum([...days.values()], [...days.keys()]));
    const session: CpSession = {
      patient,
      series,
      k,
      st,
      start,
      day,
      days,
      rooms: new Map(),
      staff: st.needs.map(() => new Map()),
    };
    if (st.room) {
      const length = st.duration + st.room.turnover;
      const choices: BoolVar[] = [];
      for (const r of st.room.candidates) {
        const x = this.option(start, starts, this.model.rooms[r].free, 0, length);
        if (!x) continue;
        this.use(this.roomUse, r, {
          interval: cp.newOptionalFixedSizeIntervalVar(start, length, x),
          weight: 1,
          shared: false,
        });
        session.rooms.set(r, x);
        choices.push(x);
      }
      cp.addEquality(sat.LinearExpr.sum(choices.length ? choices : [0]), present);
    }
    st.needs.forEach((need, ni) => {
      const choices: BoolVar[] = [];
      for (const q of need.candidates) {
        const y = this.option(start, starts, this.model.staff[q].free, need.offset, need.duration);
        if (!y) continue;
        this.use(this.staffUse, q, {
          interval: cp.newOptionalFixedSizeIntervalVar(start.plus(need.offset), need.duration, y),
          weight: need.maxConcurrent,
          shared: need.maxConcurrent > 1,
        });
        session.staff[ni].set(q, y);
        choices.push(y);
        this.addStaffDays(q, days, y, need.duration);
      }
      cp.addEquality(sat.LinearExpr.sum(choices.length ? choices : [0]), present.times(need.count));
    });
    // One person fills at most one requirement of a session.
    const perPerson = new Map<number, BoolVar[]>();
    for (const options of session.staff)
      for (const [q, y] of options) perPerson.set(q, [...(perPerson.get(q) ?? []), y]);
    for (const ys of perPerson.values()) if (ys.length > 1) cp.addAtMostOne(ys);
    this.sessions.push(session);
    return session;
  }

  /**
   * The literal "this resource serves the session", restricting the start to
   * where the resource's free time covers [start+offset, start+offset+length);
   * null when it covers none of the starts.
   */
  private option(
    start: IntVar,
    starts: number[],
    free: number[],
    offset: number,
    length: number,
  ): BoolVar | null {
    const ok = starts.filter((s) =>
      covers(free, this.origin + s + offset, this.origin + s + offset + length),
    );
    if (ok.length === 0) return null;
    const x = this.cp.newBoolVar('');
    if (ok.length < starts.length)
      this.cp
        .addLinearConstraint(
          start,
          ok[0],
          ok[ok.length - 1],
          this.sat.Domain.fromValues(ok).flatIntervals,
        )
        .onlyEnforceIf(x);
    return x;
  }

  private addStaffDays(q: number, days: Map<number, BoolVar>, y: BoolVar, minutes: number): void {
    const person = this.model.staff[q];
    if (!Number.isFinite(person.maxSessionsPerDay) && !Number.isFinite(person.maxMinutesPerDay))
      return;
    for (const [day, literal] of days) {
      const both = this.cp.newBoolVar('');
      this.cp.addImplication(both, y);
      this.cp.addImplication(both, literal);
      this.cp.addBoolOr([both, y.not(), literal.not()]);
      const key = `${q}:${day}`;
      this.staffDays.set(key, [...(this.staffDays.get(key) ?? []), { literal: both, minutes }]);
    }
  }

  private addPatientRules(proto: ProtocolModel, bySeries: CpSession[][], present: BoolVar): void {
    const { cp } = this;
    for (const series of proto.series) {
      const list = bySeries[series.index];
      for (let k = 1; k < list.length; k++)
        cp.addLinearConstraint(
          list[k].start.minus(list[k - 1].start),
          Math.max(1, Number.isFinite(series.gapMin) ? series.gapMin : 1),
          Number.isFinite(series.gapMax) ? series.gapMax : FAR,
        ).onlyEnforceIf(present);
    }
    const all = bySeries.flat();
    // The patient's sessions, each followed by the least break: no two overlap.
    cp.addNoOverlap(
      all.map((s) =>
        cp.newOptionalFixedSizeIntervalVar(s.start, s.st.duration + proto.minBreak, present),
      ),
    );
    const perDay = new Map<number, DayLoad[]>();
    for (const s of all)
      for (const [day, literal] of s.days)
        perDay.set(day, [...(perDay.get(day) ?? []), { literal, minutes: s.st.duration }]);
    for (const loads of perDay.values())
      this.limitDay(loads, proto.maxSessionsPerDay, proto.maxMinutesPerDay);
    if (all.length > 0 && (Number.isFinite(proto.spanMax) || proto.spanMin > 1)) {
      const first = cp.newIntVar(0, this.model.numDays, '');
      const last = cp.newIntVar(0, this.model.numDays, '');
      cp.addMinEquality(
        first,
        all.map((s) => s.day),
      );
      cp.addMaxEquality(
        last,
        all.map((s) => s.day),
      );
      cp.addLinearConstraint(
        last.minus(first),
        Math.max(0, proto.spanMin - 1),
        Number.isFinite(proto.spanMax) ? proto.spanMax - 1 : FAR,
      ).onlyEnforceIf(present);
    }
    for (const c of proto.continuity) {
      if (!c.require) continue;
      const chosen = new Map<number, BoolVar>();
      for (const s of c.series.flatMap((i) => bySeries[i]))
        s.st.needs.forEach((need, ni) => {
          if (need.role !== c.role) return;
          for (const [q, y] of s.staff[ni]) {
            if (!chosen.has(q)) chosen.set(q, cp.newBoolVar(''));
            cp.addImplication(y, chosen.get(q)!);
          }
        });
      if (chosen.size > 1) cp.addAtMostOne([...chosen.values()]);
    }
  }

  private limitDay(loads: DayLoad[], maxSessions: number, maxMinutes: number): void {
    const { cp, sat } = this;
    const literals = loads.map((l) => l.literal);
    if (Number.isFinite(maxSessions) && loads.length > maxSessions)
      cp.addLinearConstraint(sat.LinearExpr.sum(literals), 0, maxSessions);
    if (Number.isFinite(maxMinutes) && loads.reduce((t, l) => t + l.minutes, 0) > maxMinutes)
      cp.addLinearConstraint(
        sat.LinearExpr.weightedSum(
          literals,
          loads.map((l) => l.minutes),
        ),
        0,
        maxMinutes,
      );
  }

  addResourceConstraints(): void {
    const { cp } = this;
    for (const [r, uses] of this.roomUse) {
      const capacity = this.model.rooms[r].capacity;
      if (capacity <= 1) cp.addNoOverlap(uses.map((u) => u.interval));
      else
        cp.addCumulative(
          uses.map((u) => u.interval),
          uses.map(() => 1),
          capacity,
        );
    }
    for (const uses of this.staffUse.values()) {
      if (!uses.some((u) => u.shared)) {
        cp.addNoOverlap(uses.map((u) => u.interval));
        continue;
      }
      const whole = uses.reduce((l, u) => lcm(l, u.weight), 1);
      cp.addCumulative(
        uses.map((u) => u.interval),
        uses.map((u) => whole / u.weight),
        whole,
      );
    }
    for (const [key, loads] of this.staffDays) {
      const person = this.model.staff[Number(key.split(':')[0])];
      this.limitDay(loads, person.maxSessionsPerDay, person.maxMinutesPerDay);
    }
  }

  private use(map: Map<number, Usage[]>, resource: number, usage: Usage): void {
    const list = map.get(resource);
    if (list) list.push(usage);
    else map.set(resource, [usage]);
  }

  private rel(epochMinute: number): number {
    return epochMinute - this.origin;
  }
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}

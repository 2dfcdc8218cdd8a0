/**
 * The protocol rules in the CP-SAT model (cp-model.ts), one encoder per rule
 * type (rule-types.ts): the table must name every type, so a new rule type
 * does not compile until it is encoded here (or cpScope declines problems
 * that use it). Each encoder reads the compiled rules of its type from the
 * protocol model and holds only when the patient is present.
 */
import type { RuleType } from '../rule-types';
import type { ProtocolModel } from '../model/types';
import { occurrenceIndex } from '../solver/domains';
import type { BoolVar, CpModel, CpSat } from './cp-sat-runtime';
import type { CpSession } from './cp-model';

interface RuleContext {
  sat: CpSat;
  cp: CpModel;
  proto: ProtocolModel;
  /** The patient's sessions per series index, in time order. */
  bySeries: CpSession[][];
  present: BoolVar;
}

/** Upper bound of the unbounded sides of time differences (minutes; > any horizon). */
export const FAR = 10_000_000;

const ENCODERS = {
  offset: encodeOffsets,
  followUp: encodeFollowUps,
  notSameDay: encodeNotSameDay,
  separation: encodeSeparations,
} satisfies Record<RuleType, (ctx: RuleContext) => void>;

export function encodeRules(
  sat: CpSat,
  cp: CpModel,
  proto: ProtocolModel,
  bySeries: CpSession[][],
  present: BoolVar,
): void {
  const ctx = { sat, cp, proto, bySeries, present };
  for (const encode of Object.values(ENCODERS)) encode(ctx);
}

/** `offset`: from one session's start or end to another's, within [min, max] minutes. */
function encodeOffsets({ cp, proto, bySeries, present }: RuleContext): void {
  const point = (series: number, occurrence: 'first' | 'last' | number, end: boolean) => {
    const list = bySeries[series];
    const s = list[occurrenceIndex(occurrence, list.length) - 1];
    return s.start.plus(end ? s.st.duration : 0);
  };
  for (const o of proto.offsets) {
    if (!bySeries[o.from.series].length || !bySeries[o.to.series].length) continue;
    cp.addLinearConstraint(
      point(o.to.series, o.to.occurrence, o.to.end).minus(
        point(o.from.series, o.from.occurrence, o.from.end),
      ),
      Number.isFinite(o.min) ? o.min : -FAR,
      Number.isFinite(o.max) ? o.max : FAR,
    ).onlyEnforceIf(present);
  }
}

/**
 * `followUp`: a matching. Each anchor session picks one target session (of any
 * target series) starting within [min, max] after the anchor's end (same
 * local date when `sameDay`); no target session serves two anchors, across
 * all the protocol's follow-up rules (stricter than per rule, never looser).
 */
function encodeFollowUps({ sat, cp, proto, bySeries, present }: RuleContext): void {
  const servedBy = new Map<CpSession, BoolVar[]>();
  for (const f of proto.followUps) {
    const targets = f.targets.flatMap((t) => bySeries[t]);
    for (const anchor of bySeries[f.anchor]) {
      const picks: BoolVar[] = [];
      for (const target of targets) {
        const pick = cp.newBoolVar('');
        cp.addLinearConstraint(
          target.start.minus(anchor.start.plus(anchor.st.duration)),
          Number.isFinite(f.min) ? f.min : 0,
          Number.isFinite(f.max) ? f.max : FAR,
        ).onlyEnforceIf(pick);
        if (f.sameDay) cp.addEquality(target.day, anchor.day).onlyEnforceIf(pick);
        picks.push(pick);
        servedBy.set(target, [...(servedBy.get(target) ?? []), pick]);
      }
      cp.addEquality(sat.LinearExpr.sum(picks.length ? picks : [0]), present);
    }
  }
  for (const picks of servedBy.values()) if (picks.length > 1) cp.addAtMostOne(picks);
}

/** `notSameDay`: on each local date, sessions of at most one of the listed series. */
function encodeNotSameDay({ cp, proto, bySeries }: RuleContext): void {
  for (const group of proto.notSameDay) {
    const perDay = new Map<number, BoolVar[]>();
    for (const series of group) {
      const used = new Map<number, BoolVar>();
      for (const s of bySeries[series])
        for (const [day, literal] of s.days) {
          if (!used.has(day)) used.set(day, cp.newBoolVar(''));
          cp.addImplication(literal, used.get(day)!);
        }
      for (const [day, literal] of used) perDay.set(day, [...(perDay.get(day) ?? []), literal]);
    }
    for (const literals of perDay.values()) if (literals.length > 1) cp.addAtMostOne(literals);
  }
}

/** `separation`: any two sessions of the listed series start at least `minMinutes` apart. */
function encodeSeparations({ cp, proto, bySeries, present }: RuleContext): void {
  for (const sep of proto.separations) {
    const sessions = sep.series.flatMap((i) => bySeries[i]);
    if (sessions.length < 2) continue;
    cp.addNoOverlap(
      sessions.map((s) => cp.newOptionalFixedSizeIntervalVar(s.start, sep.minMinutes, present)),
    );
  }
}

/**
 * Protocol rules over a patient's sessions: gapHours, one check per rule type
 * (offset; followUp, one-to-one by bipartite matching; notSameDay;
 * separation), spanDays and required continuity.
 */
import type { HourRange, RulePoint, Series } from '../format';
import { isRuleType, type RuleOf, type RuleType } from '../rule-types';
import { maximumMatching } from './bipartite';
import { daysBetween, HOUR_MS } from './clinic-time';
import { followsUp } from './follow-up';
import type { CheckContext, CheckedAppointment, RuleCheck, Violation } from './context';

function inRange(value: number, range: HourRange | { min?: number; max?: number }): boolean {
  return (
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max)
  );
}

function describe(range: { min?: number; max?: number }): string {
  return `[${range.min ?? '-∞'}, ${range.max ?? '∞'}]`;
}

/** Runs `test` for every scheduled patient (complete set of sessions). */
function perScheduledPatient(
  name: string,
  test: (list: CheckedAppointment[], patientId: string, ctx: CheckContext) => Violation[],
): RuleCheck {
  return {
    name,
    subsetSafe: false,
    check: (ctx) =>
      [...ctx.byPatient]
        .filter(([id]) => !ctx.unscheduled.has(id))
        .flatMap(([id, list]) => test(list, id, ctx)),
  };
}

const inSeries = (list: CheckedAppointment[], seriesId: string) =>
  list.filter((a) => a.series.id === seriesId);

/**
 * The bound on the gap from session `a` to the next session `b` of its
 * series. Format 1.1: when `a` is done and a missed session of the series
 * lies strictly between them (so `a` is the latest done session before the
 * miss and `b` the first session after it), the series' `resumeGapHours`
 * (min defaulting to gapHours.min) replaces gapHours for that gap.
 */
export function gapBound(
  series: Series,
  a: { start: number; done: boolean },
  b: { start: number },
  missedStarts: readonly number[],
): { range: HourRange; resumed: boolean } | null {
  const resume = series.resumeGapHours;
  if (resume && a.done && missedStarts.some((m) => a.start < m && m < b.start)) {
    return { range: { min: resume.min ?? series.gapHours?.min, max: resume.max }, resumed: true };
  }
  return series.gapHours ? { range: series.gapHours, resumed: false } : null;
}

const gapHours = perScheduledPatient('GAP_HOURS', (list, patientId, ctx) => {
  const out: Violation[] = [];
  for (const series of list[0].protocol.series) {
    const sessions = inSeries(list, series.id);
    const missed = ctx.missedStarts.get(`${patientId}/${series.id}`) ?? [];
    for (let i = 1; i < sessions.length; i++) {
      const bound = gapBound(series, sessions[i - 1], sessions[i], missed);
      const hours = (sessions[i].start - sessions[i - 1].start) / HOUR_MS;
      if (bound && !inRange(hours, bound.range)) {
        out.push({
          rule: bound.resumed ? 'RESUME_GAP_HOURS' : 'GAP_HOURS',
          message: `${patientId}: ${hours} h from ${sessions[i - 1].id} to ${sessions[i].id}; ${series.id} needs ${describe(bound.range)} h${bound.resumed ? ' (resumeGapHours, after a missed session)' : ''}`,
          patient: patientId,
          appointment: sessions[i].id,
        });
      }
    }
  }
  return out;
});

function pointOf(list: CheckedAppointment[], point: RulePoint): number | null {
  const sessions = inSeries(list, point.series);
  const index =
    point.occurrence === 'first'
      ? 0
      : point.occurrence === 'last'
        ? sessions.length - 1
        : point.occurrence - 1;
  const session = sessions[index];
  if (session === undefined) return null;
  return point.point === 'start' ? session.start : session.end;
}

type PatientRuleTest<K extends RuleType> = (
  rule: RuleOf<K>,
  list: CheckedAppointment[],
  patientId: string,
) => Violation[];

/**
 * The check of one rule type: every rule of that type in each patient's
 * protocol, on every patient (`subsetSafe`: the rule holds for any subset of
 * sessions, so it is judged on unscheduled patients' pinned bookings too) or
 * only on scheduled ones.
 */
function ruleTypeCheck<K extends RuleType>(
  type: K,
  name: string,
  subsetSafe: boolean,
  test: PatientRuleTest<K>,
): RuleCheck & { type: K } {
  return {
    type,
    name,
    subsetSafe,
    check: (ctx) =>
      [...ctx.byPatient]
        .filter(([id]) => subsetSafe || !ctx.unscheduled.has(id))
        .flatMap(([id, list]) =>
          (list[0].protocol.rules ?? [])
            .filter((r): r is RuleOf<K> => r.type === type)
            .flatMap((rule) => test(rule, list, id)),
        ),
  };
}

const offsetRule: PatientRuleTest<'offset'> = (rule, list, patientId) => {
  const from = pointOf(list, rule.from);
  const to = pointOf(list, rule.to);
  if (from === null || to === null) return []; // the occurrence does not exist for this patient
  const hours = (to - from) / HOUR_MS;
  if (inRange(hours, rule.hours)) return [];
  const name = (p: RulePoint) => `${p.series} ${p.occurrence} ${p.point}`;
  return [
    {
      rule: 'OFFSET_RULE',
      message: `${patientId}: ${hours} h from ${name(rule.from)} to ${name(rule.to)}; allowed ${describe(rule.hours)} h`,
      patient: patientId,
    },
  ];
};

const followUpRule: PatientRuleTest<'followUp'> = (rule, list, patientId) => {
  const anchors = inSeries(list, rule.anchor);
  const targets = list.filter((a) => rule.targets.includes(a.series.id));
  const edges = anchors.map((anchor) =>
    targets.flatMap((t, j) => (t !== anchor && followsUp(rule, anchor, t) ? [j] : [])),
  );
  return maximumMatching(edges, targets.length).flatMap((target, i) =>
    target === -1
      ? [
          {
            rule: 'FOLLOW_UP',
            message: `${patientId}: ${anchors[i].id} (${rule.anchor}) has no follow-up of its own from ${rule.targets.join('/')} starting ${describe(rule.hours)} h after its end${rule.sameDay ? ' on the same day' : ''}`,
            patient: patientId,
            appointment: anchors[i].id,
          },
        ]
      : [],
  );
};

const notSameDayRule: PatientRuleTest<'notSameDay'> = (rule, list, patientId) => {
  const out: Violation[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i], list[j]];
      if (
        a.date === b.date &&
        a.series.id !== b.series.id &&
        rule.series.includes(a.series.id) &&
        rule.series.includes(b.series.id)
      ) {
        out.push({
          rule: 'NOT_SAME_DAY',
          message: `${patientId}: ${a.id} (${a.series.id}) and ${b.id} (${b.series.id}) are both on ${a.date}`,
          patient: patientId,
          appointment: b.id,
        });
      }
    }
  }
  return out;
};

/** Every pair of distinct sessions of the listed series, reported per pair naming the later one. */
const separationRule: PatientRuleTest<'separation'> = (rule, list, patientId) => {
  const sessions = list.filter((a) => rule.series.includes(a.series.id));
  const out: Violation[] = [];
  for (let i = 0; i < sessions.length; i++) {
    for (let j = i + 1; j < sessions.length; j++) {
      const [a, b] = [sessions[i], sessions[j]]; // the list is in start order
      const hours = (b.start - a.start) / HOUR_MS;
      if (hours < rule.minHours) {
        out.push({
          rule: 'SEPARATION',
          message: `${patientId}: ${a.id} (${a.series.id}) and ${b.id} (${b.series.id}) start ${hours} h apart; ${rule.series.join('/')} sessions must start at least ${rule.minHours} h apart`,
          patient: patientId,
          appointment: b.id,
        });
      }
    }
  }
  return out;
};

/** One check per rule type: adding a type to ProtocolRule fails to compile until it is here. */
const RULE_TYPE_CHECKS = {
  offset: ruleTypeCheck('offset', 'OFFSET_RULE', false, offsetRule),
  followUp: ruleTypeCheck('followUp', 'FOLLOW_UP', false, followUpRule),
  notSameDay: ruleTypeCheck('notSameDay', 'NOT_SAME_DAY', true, notSameDayRule),
  separation: ruleTypeCheck('separation', 'SEPARATION', true, separationRule),
} satisfies { [K in RuleType]: RuleCheck & { type: K } };

/** A rule of a type the validator does not know is reported, never judged as another type. */
const unknownRuleTypes: RuleCheck = {
  name: 'UNKNOWN_RULE_TYPE',
  subsetSafe: true,
  check: (ctx) =>
    ctx.problem.protocols.flatMap((protocol) =>
      (protocol.rules ?? []).flatMap((rule, i) =>
        isRuleType(rule.type)
          ? []
          : [
              {
                rule: 'UNKNOWN_RULE_TYPE',
                message: `protocol ${protocol.id} rule ${i + 1} has the unknown type ${JSON.stringify(rule.type)}; no solution can be checked against it`,
              },
            ],
      ),
    ),
};

const spanDays = perScheduledPatient('SPAN_DAYS', (list, patientId) => {
  const span = list[0].protocol.spanDays;
  if (span === undefined) return [];
  const dates = list.map((a) => a.date).sort();
  const days = daysBetween(dates[0], dates[dates.length - 1]) + 1;
  return inRange(days, span)
    ? []
    : [
        {
          rule: 'SPAN_DAYS',
          message: `${patientId}: sessions span ${days} days; allowed ${describe(span)}`,
          patient: patientId,
        },
      ];
});

/** Distinct people in `role` over the patient's sessions of the listed series (presence aside). */
export function continuityPeople(
  list: CheckedAppointment[],
  series: string[],
  role: string,
): string[] {
  const people = list
    .filter((a) => series.includes(a.series.id))
    .flatMap((a) => a.staff.filter((s) => s.role === role && !s.present).map((s) => s.id));
  return [...new Set(people)].sort();
}

const continuity: RuleCheck = {
  name: 'CONTINUITY',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const [patientId, list] of ctx.byPatient) {
      for (const group of list[0].protocol.continuity ?? []) {
        if (group.mode !== 'require') continue;
        const people = continuityPeople(list, group.series, group.role);
        if (people.length > 1) {
          out.push({
            rule: 'CONTINUITY',
            message: `${patientId}: ${group.series.join('/')} sessions must keep one ${group.role}, but have ${people.join(', ')}`,
            patient: patientId,
            appointment: list.filter((a) => group.series.includes(a.series.id)).pop()?.id,
          });
        }
      }
    }
    return out;
  },
};

export const PROTOCOL_RULES: RuleCheck[] = [
  gapHours,
  ...Object.values(RULE_TYPE_CHECKS),
  unknownRuleTypes,
  spanDays,
  continuity,
];

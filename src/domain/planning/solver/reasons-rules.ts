/**
 * Reasons naming the patient's own rules (a domain that empties by
 * propagation), and rule relaxations offered as suggestions: each candidate
 * is kept only when the patient, with the change applied and pinned bookings
 * fixed, is scheduled around everyone else as planned.
 */
import type { Reason } from '../format';
import { WEEKDAYS } from '../format';
import type { Model, PatientModel, ProtocolModel } from '../model/types';
import { formatDay } from '../../time/local-date';
import { formatInstant } from '../../time/zone';
import { computeDomains, patientDayBounds, type DomainFailure } from './domains';
import { pinnedSlots } from './fixed-state';
import { withPatient, withProtocol } from './model-edits';
import type { ReasonContext, Suggestion } from './reasons-context';

export function dayName(model: Model, d: number): string {
  return formatDay(model.firstDayNumber + d);
}

export function maskDays(mask: number): string {
  return WEEKDAYS.filter((_, i) => (mask >> i) & 1).join(', ');
}

export function hoursText(min: number, max: number): string {
  const h = (m: number) => `${+(m / 60).toFixed(2)}`;
  if (min === -Infinity || min <= 0) return max === Infinity ? 'any' : `≤ ${h(max)} h`;
  return max === Infinity ? `≥ ${h(min)} h` : `${h(min)}–${h(max)} h`;
}

export function windowText(model: Model, patient: PatientModel): string {
  return `between ${dayName(model, patient.firstDay)} and ${dayName(model, patient.lastDay)}`;
}

/** Code and message for a domain failure of the patient's own rules. */
export function ruleReason(model: Model, patient: PatientModel, failure: DomainFailure): Reason {
  const proto = model.protocols[patient.protocol];
  const window = windowText(model, patient);
  const sname = (si: number) => `'${proto.series[si].id}'`;
  switch (failure.kind) {
    case 'window': {
      const s = proto.series[failure.series];
      const st = model.sessionTypes[s.sessionType];
      const bounds = patientDayBounds(model, proto);
      const now = model.now ?? -Infinity;
      let days = 0;
      let beforeNow = 0;
      let longEnough = 0;
      for (let d = patient.firstDay; d <= patient.lastDay; d++) {
        const wd = model.weekday[d];
        if (model.closed[d] || (proto.restMask >> wd) & 1 || !((s.dayMask >> wd) & 1)) continue;
        if (model.dayStartAt[d + 1] <= now) {
          beforeNow++;
          continue;
        }
        days++;
        if (bounds[2 * d + 1] - Math.max(bounds[2 * d], now) >= st.duration) longEnough++;
      }
      if (days === 0)
        return {
          code: 'NO_ALLOWED_DAY',
          message:
            beforeNow > 0
              ? `series ${sname(failure.series)}: every allowed day ${window} lies before now`
              : `series ${sname(failure.series)}: no day ${window} is allowed (series days ${maskDays(s.dayMask)}, rest days ${maskDays(proto.restMask) || 'none'}, closures)`,
        };
      if (longEnough === 0)
        return {
          code: 'PATIENT_DAY_TOO_SHORT',
          message: `series ${sname(failure.series)}: a ${st.duration}-minute session does not fit the patient day window${now > -Infinity ? ' (after now)' : ''}`,
        };
      return {
        code: 'PATIENT_UNAVAILABLE',
        message: `series ${sname(failure.series)}: the patient's unavailable times cover every start on the ${days} allowed day(s) ${window}`,
      };
    }
    case 'count':
      return {
        code: 'RULE_CONFLICT',
        message: `followUp: ${failure.anchors} ${sname(failure.series)} sessions each need their own follow-up, but only ${failure.targets} target sessions are planned`,
      };
    default:
      return { code: 'RULE_CONFLICT', message: failureText(model, patient, failure) };
  }
}

/** What a chain, offset, followUp or span failure says, for rule and availability reasons alike. */
export function failureText(model: Model, patient: PatientModel, failure: DomainFailure): string {
  const proto = model.protocols[patient.protocol];
  const window = windowText(model, patient);
  const sname = (si: number) => `'${proto.series[si].id}'`;
  switch (failure.kind) {
    case 'window':
      return `series ${sname(failure.series)} has no possible start ${window}`;
    case 'count':
      return `followUp: ${failure.anchors} ${sname(failure.series)} sessions need their own follow-up, only ${failure.targets} planned`;
    case 'chain': {
      const s = proto.series[failure.series];
      const days = s.dayMask !== 0b1111111 ? `days ${maskDays(s.dayMask)} and ` : '';
      const done = patient.course?.doneCount[failure.series] ?? 0;
      return `series ${sname(failure.series)}: ${days}gap ${hoursText(s.gapMin, s.gapMax)} leave no session ${failure.index + done} of ${patient.counts[failure.series] + done} ${window}`;
    }
    case 'offset': {
      const r = proto.offsets[failure.rule];
      return `offset rule from ${sname(r.from.series)} (${r.from.occurrence}, ${r.from.end ? 'end' : 'start'}) to ${sname(r.to.series)} (${r.to.occurrence}, ${r.to.end ? 'end' : 'start'}) of ${hoursText(r.min, r.max)} cannot hold with the series' days and gaps ${window}`;
    }
    case 'followUp': {
      const f = proto.followUps[failure.rule];
      return `followUp rule: no ${f.targets.map(sname).join('/')} session can start ${hoursText(f.min, f.max)} after some ${sname(f.anchor)} session${f.sameDay ? ' on the same day' : ''} ${window}`;
    }
    case 'span':
      return `spanDays ≤ ${proto.spanMax}: the series' days and gaps need a longer span ${window}`;
    case 'course':
      return courseText(model, patient, failure);
  }
}

/** What a course failure (format 1.1: done and missed sessions) says. */
function courseText(
  model: Model,
  patient: PatientModel,
  failure: Extract<DomainFailure, { kind: 'course' }>,
): string {
  const proto = model.protocols[patient.protocol];
  const s = proto.series[failure.series];
  const course = patient.course!;
  const last = course.lastDone[failure.series];
  const since = last === null ? '' : ` (done ${formatInstant(model.zone, last)})`;
  const after = ` ${window(model, patient)}${model.now !== null ? ' (at or after now)' : ''}`;
  if (failure.resumed)
    return `series '${s.id}': after the missed session, the next one must start within resumeGapHours ${hoursText(s.resumeGap!.min, s.resumeGap!.max)} of the last done one${since}, and no allowed start${after} lies within it`;
  if (failure.gap) {
    const missed =
      course.missedAfter[failure.series] !== null && s.resumeGap === null
        ? ' (a session was missed, and the series has no resumeGapHours)'
        : '';
    return `series '${s.id}': the next session must start within gapHours ${hoursText(s.gapMin, s.gapMax)} of the last done one${since}${missed}, and no allowed start${after} lies within it`;
  }
  return `series '${s.id}': the done sessions (a new session may not overlap them, and notSameDay, separation and offset rules count them) leave no start allowed${after}`;
}

function window(model: Model, patient: PatientModel): string {
  return windowText(model, patient);
}

interface Candidate {
  model: Model;
  suggestion: Suggestion;
}

/**
 * The first candidates (in order: smallest change first) that are verified;
 * a candidate whose domains still empty is skipped without a search, and at
 * most `verifyTries` searches are spent.
 */
function firstVerified(
  ctx: ReasonContext,
  p: number,
  candidates: Iterable<Candidate>,
): Suggestion | null {
  let tries = 0;
  for (const c of candidates) {
    if (tries >= ctx.budgets.verifyTries || !ctx.timeLeft()) return null;
    const patient = c.model.patients[p];
    if (computeDomains(c.model, patient, pinnedSlots(c.model, p)).failure) continue;
    tries++;
    if (ctx.fitsAroundOthers(c.model, p)) return c.suggestion;
  }
  return null;
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}

function* mapIter<T, U>(it: Iterable<T>, f: (t: T) => U | null): Generator<U> {
  for (const t of it) {
    const u = f(t);
    if (u !== null) yield u;
  }
}

/**
 * A relaxation by an amount in [lo, hi] (more relaxes more, so the domains
 * that hold at an amount hold at every larger one): the smallest amount whose
 * domains hold is found by bisection, then it and a few growing amounts are
 * verified by search.
 */
function smallestVerified(
  ctx: ReasonContext,
  p: number,
  lo: number,
  hi: number,
  make: (amount: number) => Candidate,
): Suggestion | null {
  if (lo > hi || !ctx.timeLeft()) return null;
  const holds = (a: number) => {
    const m = make(a).model;
    return computeDomains(m, m.patients[p], pinnedSlots(m, p)).failure === null;
  };
  if (!holds(hi)) return null;
  let a = lo;
  let b = hi;
  while (a < b) {
    if (!ctx.timeLeft()) return null;
    const mid = (a + b) >> 1;
    if (holds(mid)) b = mid;
    else a = mid + 1;
  }
  const amounts: number[] = [];
  for (let x = a; amounts.length < ctx.budgets.verifyTries; x += Math.max(1, Math.ceil(x / 2))) {
    amounts.push(Math.min(x, hi));
    if (x >= hi) break;
  }
  return firstVerified(ctx, p, mapIter(amounts, make));
}

/**
 * How many whole hours a series' minimum gap may be cut in a suggestion: at most half of it.
 * A minimum gap between doses is a safety rule its protocol's author chose; a verified fit
 * that needs doses 4 h apart instead of 72 h (the 72 h / Tue–Thu example) is another
 * protocol, not an adjustment a director should be pointed to. Beyond half, no gap
 * suggestion is offered (the reason still names the rules in conflict).
 */
export function maxGapMinCut(gapMinMinutes: number): number {
  return Math.floor(gapMinMinutes / 120);
}

/** Verified rule relaxations for patient p: which rule, and by how much. */
export function ruleSuggestions(
  ctx: ReasonContext,
  p: number,
  failure: DomainFailure | null,
): Suggestion[] {
  const model = ctx.model;
  const patient = model.patients[p];
  const proto = model.protocols[patient.protocol];
  const found: Suggestion[] = [];
  const add = (s: Suggestion | null) => s && found.push(s);
  const series = (si: number, change: Partial<ProtocolModel['series'][number]>): Model =>
    withProtocol(model, {
      ...proto,
      series: proto.series.map((s) => (s.index === si ? { ...s, ...change } : s)),
    });
  if (failure && (failure.kind === 'chain' || failure.kind === 'window')) {
    const s = proto.series[failure.series];
    add(
      firstVerified(
        ctx,
        p,
        mapIter(range(0, 6), (wd) =>
          (s.dayMask >> wd) & 1 || (proto.restMask >> wd) & 1
            ? null
            : {
                model: series(s.index, { dayMask: s.dayMask | (1 << wd) }),
                suggestion: {
                  text: `allow ${WEEKDAYS[wd]} for series '${s.id}'`,
                  edit: { type: 'allowDay', protocol: proto.id, series: s.id, day: WEEKDAYS[wd] },
                },
              },
        ),
      ),
    );
  }
  if (failure?.kind === 'chain') {
    const s = proto.series[failure.series];
    if (s.gapMin >= 120)
      add(
        smallestVerified(ctx, p, 1, maxGapMinCut(s.gapMin), (h) => {
          const to = (s.gapMin - h * 60) / 60;
          return {
            model: series(s.index, { gapMin: s.gapMin - h * 60 }),
            suggestion: {
              text: `relax the minimum gap of '${s.id}' by ${h} h (to ${to} h)`,
              edit: { type: 'gapMin', protocol: proto.id, series: s.id, hours: to },
            },
          };
        }),
      );
    if (s.gapMax !== Infinity)
      add(
        smallestVerified(ctx, p, 1, 168, (h) => {
          const to = (s.gapMax + h * 60) / 60;
          return {
            model: series(s.index, { gapMax: s.gapMax + h * 60 }),
            suggestion: {
              text: `relax the maximum gap of '${s.id}' by ${h} h (to ${to} h)`,
              edit: { type: 'gapMax', protocol: proto.id, series: s.id, hours: to },
            },
          };
        }),
      );
  }
  if (failure?.kind === 'course' && failure.resumed) {
    const s = proto.series[failure.series];
    const resume = s.resumeGap!;
    add(
      smallestVerified(ctx, p, 1, 168, (h) => {
        const to = (resume.max + h * 60) / 60;
        return {
          model: series(s.index, { resumeGap: { ...resume, max: resume.max + h * 60 } }),
          suggestion: {
            text: `allow ${h} h more to resume '${s.id}' after a missed session (resumeGapHours max ${to} h)`,
            edit: { type: 'resumeGapMax', protocol: proto.id, series: s.id, hours: to },
          },
        };
      }),
    );
  }
  if (failure?.kind === 'course' && failure.gap && !failure.resumed) {
    const s = proto.series[failure.series];
    if (s.gapMax !== Infinity)
      add(
        smallestVerified(ctx, p, 1, 168, (h) => {
          const to = (s.gapMax + h * 60) / 60;
          return {
            model: series(s.index, { gapMax: s.gapMax + h * 60 }),
            suggestion: {
              text: `relax the maximum gap of '${s.id}' by ${h} h (to ${to} h)`,
              edit: { type: 'gapMax', protocol: proto.id, series: s.id, hours: to },
            },
          };
        }),
      );
  }
  if (failure?.kind === 'span' && proto.spanMax !== Infinity)
    add(
      smallestVerified(ctx, p, 1, 60, (n) => ({
        model: withProtocol(model, { ...proto, spanMax: proto.spanMax + n }),
        suggestion: {
          text: `allow a span of ${proto.spanMax + n} days (${n} more)`,
          edit: { type: 'spanMax', protocol: proto.id, days: proto.spanMax + n },
        },
      })),
    );
  if (failure?.kind === 'offset') {
    const rule = failure.rule;
    const r = proto.offsets[rule];
    if (r.max !== Infinity)
      add(
        smallestVerified(ctx, p, 1, 336, (h) => ({
          model: withProtocol(model, {
            ...proto,
            offsets: proto.offsets.map((o, i) => (i === rule ? { ...o, max: o.max + h * 60 } : o)),
          }),
          suggestion: {
            text: `allow ${h} h more between '${proto.series[r.from.series].id}' and '${proto.series[r.to.series].id}' (to ${(r.max + h * 60) / 60} h)`,
            edit: {
              type: 'offsetMax',
              protocol: proto.id,
              offset: rule,
              hours: (r.max + h * 60) / 60,
            },
          },
        })),
      );
  }
  if (found.length === 0 && patient.lastDay < model.numDays - 1)
    add(
      smallestVerified(ctx, p, 1, Math.min(28, model.numDays - 1 - patient.lastDay), (n) => ({
        model: withPatient(model, { ...patient, lastDay: patient.lastDay + n }),
        suggestion: {
          text: `move the patient's latestEnd ${n} day(s) later (to ${dayName(model, patient.lastDay + n)})`,
          edit: {
            type: 'latestEnd',
            patient: patient.id,
            date: dayName(model, patient.lastDay + n),
          },
        },
      })),
    );
  return found;
}

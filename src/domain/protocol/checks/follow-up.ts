/**
 * Follow-up rules: unknown series, enough target sessions (one per anchor),
 * same-day conflicts with notSameDay, and weekdays on which no follow-up can
 * ever be reached within the rule's hours.
 */
import type { CountRange, FollowUpRule, NotSameDayRule } from '../../planning/format';
import { DST_TOLERANCE_MINUTES, addWeekdays, weekdayNames } from '../day-sequence';
import { pointer } from '../protocol-finding';
import {
  allowedWeekdays,
  type CheckContext,
  defaultCount,
  isWellFormedCount,
  minutesToLocalTime,
  type SeriesEntry,
} from './context';
import { hoursInvalid, knownSeries } from './references';

export function checkFollowUp(ctx: CheckContext, rule: FollowUpRule, r: number): void {
  const base = pointer('rules', r);
  const label = `Follow-up rule ${r + 1}`;
  const anchor = knownSeries(ctx, rule.anchor, `${base}/anchor`, label);
  const targets = (rule.targets ?? [])
    .map((t, j) => knownSeries(ctx, t, `${base}/targets/${j}`, label))
    .filter((t): t is SeriesEntry => t !== undefined);
  if (hoursInvalid(ctx, rule.hours, `${base}/hours`, label)) return;
  if (!anchor) return;
  if ((rule.targets ?? []).length === 0) {
    ctx.findings.push({
      severity: 'error',
      code: 'FOLLOWUP_TARGETS_TOO_FEW',
      pointer: `${base}/targets`,
      message: `${label} has no target series, so no "${rule.anchor}" session can get its follow-up.`,
      suggestion: 'List the series whose sessions may serve as the follow-up.',
    });
    return;
  }
  if (targets.length !== (rule.targets ?? []).length) return;
  checkFollowUpCounts(ctx, rule, r, anchor, targets);
  checkFollowUpSameDayConflict(ctx, rule, r, anchor, targets);
  checkFollowUpReach(ctx, rule, r, anchor, targets);
}

function checkFollowUpCounts(
  ctx: CheckContext,
  rule: FollowUpRule,
  r: number,
  anchor: SeriesEntry,
  targets: SeriesEntry[],
): void {
  if (targets.includes(anchor)) return;
  const a = anchor.count;
  const targetCounts = targets.map((e) => e.count);
  if (!isWellFormedCount(a) || !targetCounts.every(isWellFormedCount)) return;
  const maxTargets = (targetCounts as CountRange[]).reduce((s, t) => s + t.max, 0);
  const defTargets = (targetCounts as CountRange[]).reduce((s, t) => s + defaultCount(t), 0);
  const names = targets.map((t) => `"${t.series.id}"`).join(' + ');
  if (maxTargets < a.min) {
    ctx.findings.push({
      severity: 'error',
      code: 'FOLLOWUP_TARGETS_TOO_FEW',
      pointer: pointer('rules', r, 'targets'),
      message: `Every "${rule.anchor}" session needs its own follow-up, so at least ${a.min} ${names} sessions are needed, but they number at most ${maxTargets}.`,
      suggestion: `Raise count.max of ${names} to a total of at least ${a.min}.`,
    });
  } else if (defTargets < defaultCount(a)) {
    ctx.findings.push({
      severity: 'warning',
      code: 'FOLLOWUP_TARGETS_TOO_FEW',
      pointer: pointer('rules', r, 'targets'),
      message: `By default a patient gets ${defaultCount(a)} "${rule.anchor}" sessions but only ${defTargets} ${names} sessions to follow them up; such patients can never be scheduled.`,
      suggestion: `Raise count.default of ${names} to a total of ${defaultCount(a)}, or set counts per enrollment.`,
    });
  }
}

function checkFollowUpSameDayConflict(
  ctx: CheckContext,
  rule: FollowUpRule,
  r: number,
  anchor: SeriesEntry,
  targets: SeriesEntry[],
): void {
  if (rule.sameDay !== true) return;
  const apart = (rules: NotSameDayRule[], a: string, b: string) =>
    a !== b && rules.some((x) => (x.series ?? []).includes(a) && (x.series ?? []).includes(b));
  const notSameDay = (ctx.protocol.rules ?? []).filter(
    (x): x is NotSameDayRule => x.type === 'notSameDay',
  );
  if (targets.every((t) => apart(notSameDay, anchor.series.id, t.series.id))) {
    ctx.findings.push({
      severity: 'error',
      code: 'FOLLOWUP_CONFLICTS_NOT_SAME_DAY',
      pointer: pointer('rules', r, 'sameDay'),
      message: `${`Follow-up rule ${r + 1}`} wants each "${rule.anchor}" session followed up on the same day, but a notSameDay rule keeps "${rule.anchor}" and ${targets.map((t) => `"${t.series.id}"`).join(', ')} on different days.`,
      suggestion: 'Set sameDay to false, or remove the pair from the notSameDay rule.',
    });
  }
}

/** Weekdays on which an anchor session can have no follow-up within the rule's hours. */
function checkFollowUpReach(
  ctx: CheckContext,
  rule: FollowUpRule,
  r: number,
  anchor: SeriesEntry,
  targets: SeriesEntry[],
): void {
  if (!anchor.sessionType || targets.some((t) => !t.sessionType)) return;
  if (!isWellFormedCount(anchor.count) || anchor.count.max === 0) return;
  const { day } = ctx;
  const tol = DST_TOLERANCE_MINUTES;
  const lo = (rule.hours?.min ?? 0) * 60;
  const hi = rule.hours?.max !== undefined ? rule.hours.max * 60 : Infinity;
  const dA = anchor.sessionType.durationMinutes;
  const anchorDays = allowedWeekdays(ctx, anchor.series);
  const unreachable = new Set<number>();
  for (const wa of anchorDays) {
    const ok = targets.some((t) => {
      const dT = t.sessionType!.durationMinutes;
      const targetDays = allowedWeekdays(ctx, t.series);
      // Wall-clock minutes from the anchor's end to the target's start on a date k days later.
      const earliest = (k: number) => k * 1440 + day.startMinutes - day.endMinutes;
      const latest = (k: number) => k * 1440 + day.endMinutes - dT - day.startMinutes - dA;
      const sameDayFits = day.maxSessions >= 2 && day.maxMinutes >= dA + dT;
      if (
        sameDayFits &&
        targetDays.has(wa) &&
        Math.max(day.minBreakMinutes, lo) <= Math.min(latest(0), hi + tol)
      ) {
        return true;
      }
      if (rule.sameDay) return false;
      const kMax = Number.isFinite(hi)
        ? Math.floor((hi + tol - earliest(0)) / 1440)
        : Math.ceil(lo / 1440) + 8;
      for (let k = 1; k <= kMax; k++) {
        if (!targetDays.has(addWeekdays(wa, k))) continue;
        if (Math.max(earliest(k) - tol, lo) <= Math.min(latest(k) + tol, hi)) return true;
      }
      return false;
    });
    if (!ok) unreachable.add(wa);
  }
  if (unreachable.size === 0) return;
  const all = unreachable.size === anchorDays.size;
  const names = targets.map((t) => `"${t.series.id}"`).join(' or ');
  const hoursText = `${rule.hours?.min ?? 0}–${rule.hours?.max ?? '∞'} h`;
  ctx.findings.push({
    severity: all && anchor.count.min > 0 ? 'error' : 'warning',
    code: 'FOLLOWUP_UNREACHABLE',
    pointer: pointer('rules', r, 'hours'),
    message: `A "${rule.anchor}" session on ${weekdayNames(unreachable)} can never get a ${names} session starting ${hoursText} after it ends${rule.sameDay ? ' on the same day' : ''} (patient day ${minutesToLocalTime(day.startMinutes)}–${minutesToLocalTime(day.endMinutes)}${ctx.restDays.size > 0 ? `, rest days ${weekdayNames(ctx.restDays)}` : ''}).`,
    suggestion: all
      ? "Widen the rule's hours, allow the follow-up on more days, or lengthen the patient day."
      : `Remove ${weekdayNames(unreachable)} from "${rule.anchor}"'s days, or widen the rule's hours.`,
  });
}

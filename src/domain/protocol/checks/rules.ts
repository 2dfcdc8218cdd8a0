/**
 * Rule checks: offset, followUp and notSameDay rules against the series they
 * name, the span, the patient day and the weekdays each series may use.
 */
import type {
  FollowUpRule,
  NotSameDayRule,
  Occurrence,
  OffsetRule,
  RulePoint,
} from '../../planning/format';
import {
  DST_TOLERANCE_MINUTES,
  addWeekdays,
  maxAllowedDaysInWindow,
  weekdayNames,
} from '../day-sequence';
import { pointer } from '../protocol-finding';
import {
  allowedWeekdays,
  type CheckContext,
  defaultCount,
  isWellFormedCount,
  isWellFormedHours,
  plural,
  type SeriesEntry,
} from './context';
import { gapModelOf } from './series-timing';

export function checkRules(ctx: CheckContext): void {
  (ctx.protocol.rules ?? []).forEach((rule, r) => {
    switch (rule.type) {
      case 'offset':
        return checkOffset(ctx, rule, r);
      case 'followUp':
        return checkFollowUp(ctx, rule, r);
      case 'notSameDay':
        return checkNotSameDay(ctx, rule, r);
    }
  });
}

/** Looks a series up by id, reporting UNKNOWN_SERIES at `ptr` when it is missing. */
export function knownSeries(
  ctx: CheckContext,
  id: string,
  ptr: string,
  where: string,
): SeriesEntry | undefined {
  const entry = ctx.seriesById.get(id);
  if (!entry) {
    const ids = [...ctx.seriesById.keys()];
    ctx.findings.push({
      severity: 'error',
      code: 'UNKNOWN_SERIES',
      pointer: ptr,
      message: `${where} names series "${id}", which this protocol does not have.`,
      suggestion: ids.length > 0 ? `Use one of: ${ids.join(', ')}.` : 'Add the series first.',
    });
  }
  return entry;
}

function hoursInvalid(
  ctx: CheckContext,
  hours: OffsetRule['hours'] | undefined,
  ptr: string,
  what: string,
): boolean {
  if (isWellFormedHours(hours)) return false;
  ctx.findings.push({
    severity: 'error',
    code: 'HOUR_RANGE_INVALID',
    pointer: ptr,
    message: `${what}: hours.min ${hours?.min} is above hours.max ${hours?.max}.`,
    suggestion: 'Swap the bounds or correct one of them.',
  });
  return true;
}

function occurrenceText(o: Occurrence): string {
  return typeof o === 'number' ? `session #${o}` : `${o} session`;
}

function pointText(p: RulePoint): string {
  return `the ${p.point} of the ${occurrenceText(p.occurrence)} of "${p.series}"`;
}

function checkOccurrence(
  ctx: CheckContext,
  entry: SeriesEntry,
  p: RulePoint,
  ptr: string,
): boolean {
  const o = p.occurrence;
  if (o === 'first' || o === 'last') return true;
  const count = entry.series.count;
  const bad = !Number.isInteger(o) || o < 1;
  if (bad || (isWellFormedCount(count) && o > count.max)) {
    ctx.findings.push({
      severity: 'error',
      code: 'OCCURRENCE_OUT_OF_RANGE',
      pointer: ptr,
      message: bad
        ? `Occurrence ${o} is not a session number (1, 2, …, "first" or "last").`
        : `Series "${p.series}" has at most ${plural(count.max, 'session')}, so session #${o} never exists.`,
      suggestion: bad
        ? 'Use "first", "last" or a number from 1.'
        : `Use a number up to ${count.max}, or "last".`,
    });
    return false;
  }
  if (isWellFormedCount(count) && o > count.min) {
    ctx.findings.push({
      severity: 'warning',
      code: 'OCCURRENCE_OUT_OF_RANGE',
      pointer: ptr,
      message: `Series "${p.series}" may have as few as ${plural(count.min, 'session')}; for those patients session #${o} does not exist.`,
      suggestion: `Use "last", or raise count.min to ${o}.`,
    });
  }
  return true;
}

function indexAt(o: Occurrence, n: number): number | undefined {
  if (o === 'first') return 1;
  if (o === 'last') return n;
  return o <= n ? o : undefined;
}

function checkOffset(ctx: CheckContext, rule: OffsetRule, r: number): void {
  const base = pointer('rules', r);
  const from =
    rule.from && knownSeries(ctx, rule.from.series, `${base}/from/series`, `Offset rule ${r + 1}`);
  const to =
    rule.to && knownSeries(ctx, rule.to.series, `${base}/to/series`, `Offset rule ${r + 1}`);
  const fromOk = from && checkOccurrence(ctx, from, rule.from, `${base}/from/occurrence`);
  const toOk = to && checkOccurrence(ctx, to, rule.to, `${base}/to/occurrence`);
  if (hoursInvalid(ctx, rule.hours, `${base}/hours`, `Offset rule ${r + 1}`)) return;
  if (!from || !to || !fromOk || !toOk) return;
  const minH = rule.hours?.min ?? -Infinity;
  const maxH = rule.hours?.max ?? Infinity;
  const what = `from ${pointText(rule.from)} to ${pointText(rule.to)}`;

  const spanMax = ctx.protocol.spanDays?.max;
  if (spanMax !== undefined && Number.isInteger(spanMax) && spanMax >= 1) {
    const reach =
      (spanMax - 1) * 1440 + (ctx.day.endMinutes - ctx.day.startMinutes) + DST_TOLERANCE_MINUTES;
    if (minH * 60 > reach || maxH * 60 < -reach) {
      ctx.findings.push({
        severity: 'error',
        code: 'OFFSET_EXCEEDS_SPAN',
        pointer: `${base}/hours/${minH * 60 > reach ? 'min' : 'max'}`,
        message: `Offset rule ${r + 1} needs ${minH * 60 > reach ? `at least ${minH}` : `at most ${maxH}`} h ${what}, but with spanDays.max ${spanMax} any two sessions are at most ${Math.floor(reach / 60)} h apart.`,
        suggestion: `Raise spanDays.max to ${Math.ceil((Math.abs(minH * 60 > reach ? minH : maxH) * 60 - (ctx.day.endMinutes - ctx.day.startMinutes)) / 1440) + 1}, or change the rule's hours.`,
      });
      return;
    }
  }

  if (from !== to || !isWellFormedCount(from.series.count) || !from.sessionType) return;
  // Same series: compare the two occurrences for every count a patient may have.
  const count = from.series.count;
  const diffs: number[] = [];
  for (let n = Math.max(1, count.min); n <= Math.min(count.max, 400); n++) {
    const a = indexAt(rule.from.occurrence, n);
    const b = indexAt(rule.to.occurrence, n);
    if (a !== undefined && b !== undefined) diffs.push(a - b);
  }
  if (diffs.length === 0) return;
  const duration = from.sessionType.durationMinutes / 60;
  let impossible = false;
  let reason = '';
  if (diffs.every((d) => d === 0)) {
    const fixed =
      (rule.to.point === 'end' ? duration : 0) - (rule.from.point === 'end' ? duration : 0);
    impossible = fixed < minH || fixed > maxH;
    reason = `both points are on the same session, so the offset is always ${fixed} h`;
  } else if (diffs.every((d) => d > 0) && minH > 0) {
    impossible = true;
    reason = `"${rule.to.series}" ${occurrenceText(rule.to.occurrence)} always comes before ${occurrenceText(rule.from.occurrence)}, so the offset is never positive, but hours.min is ${minH}`;
  } else if (diffs.every((d) => d < 0) && maxH < 0) {
    impossible = true;
    reason = `${occurrenceText(rule.to.occurrence)} always comes after ${occurrenceText(rule.from.occurrence)}, so the offset is never negative, but hours.max is ${maxH}`;
  }
  if (impossible) {
    ctx.findings.push({
      severity: 'error',
      code: 'OFFSET_RULE_IMPOSSIBLE',
      pointer: `${base}/hours`,
      message: `Offset rule ${r + 1} (${what}) can never hold: ${reason}.`,
      suggestion: 'Swap from and to, or correct the occurrences or hours.',
    });
  }
}

function checkFollowUp(ctx: CheckContext, rule: FollowUpRule, r: number): void {
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
  const counts = [anchor, ...targets].map((e) => e.series.count);
  if (!counts.every(isWellFormedCount)) return;
  const a = anchor.series.count;
  const maxTargets = targets.reduce((s, t) => s + t.series.count.max, 0);
  const defTargets = targets.reduce((s, t) => s + defaultCount(t.series.count), 0);
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
  if (!isWellFormedCount(anchor.series.count) || anchor.series.count.max === 0) return;
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
    severity: all && anchor.series.count.min > 0 ? 'error' : 'warning',
    code: 'FOLLOWUP_UNREACHABLE',
    pointer: pointer('rules', r, 'hours'),
    message: `A "${rule.anchor}" session on ${weekdayNames(unreachable)} can never get a ${names} session starting ${hoursText} after it ends${rule.sameDay ? ' on the same day' : ''} (patient day ${minutes(day.startMinutes)}–${minutes(day.endMinutes)}${ctx.restDays.size > 0 ? `, rest days ${weekdayNames(ctx.restDays)}` : ''}).`,
    suggestion: all
      ? "Widen the rule's hours, allow the follow-up on more days, or lengthen the patient day."
      : `Remove ${weekdayNames(unreachable)} from "${rule.anchor}"'s days, or widen the rule's hours.`,
  });
}

function minutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function checkNotSameDay(ctx: CheckContext, rule: NotSameDayRule, r: number): void {
  const label = `notSameDay rule ${r + 1}`;
  const entries = (rule.series ?? [])
    .map((id, j) => knownSeries(ctx, id, pointer('rules', r, 'series', j), label))
    .filter((e): e is SeriesEntry => e !== undefined);
  const distinct = [...new Set(entries)];
  if (new Set(rule.series ?? []).size < 2) {
    ctx.findings.push({
      severity: 'warning',
      code: 'NOT_SAME_DAY_TOO_FEW_SERIES',
      pointer: pointer('rules', r, 'series'),
      message: `${label} lists fewer than two different series, so it has no effect (sessions of one series may share a day).`,
      suggestion: 'List at least two series, or remove the rule.',
    });
    return;
  }
  const spanMax = ctx.protocol.spanDays?.max;
  if (spanMax === undefined || distinct.length !== new Set(rule.series).size) return;
  let needed = 0;
  const union = new Set<number>();
  for (const e of distinct) {
    const model = gapModelOf(ctx, e);
    if (!model || !isWellFormedCount(e.series.count)) return;
    needed += Math.ceil(e.series.count.min / model.perDay);
    for (const d of allowedWeekdays(ctx, e.series)) union.add(d);
  }
  const available = maxAllowedDaysInWindow(union, spanMax);
  if (needed > available) {
    ctx.findings.push({
      severity: 'error',
      code: 'NOT_SAME_DAY_EXCEEDS_DAYS',
      pointer: pointer('rules', r),
      message: `${distinct.map((e) => `"${e.series.id}"`).join(', ')} must fall on different days and together need at least ${plural(needed, 'day')}, but a ${spanMax}-day span holds at most ${available} days they may use.`,
      suggestion: `Raise spanDays.max, lower the counts, or drop a series from the rule.`,
    });
  }
}

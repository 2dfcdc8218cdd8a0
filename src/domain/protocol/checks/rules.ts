/**
 * Rule checks, one per rule type (offset, followUp, notSameDay, separation),
 * against the series they name, the span, the patient day and the weekdays
 * each series may use. A rule of an unknown type is an error of its own.
 */
import type { NotSameDayRule, Occurrence, OffsetRule, RulePoint } from '../../planning/format';
import { isRuleType, onRule, RULE_TYPES, type RuleHandlers } from '../../planning/rule-types';
import { DST_TOLERANCE_MINUTES, maxAllowedDaysInWindow } from '../day-sequence';
import { pointer } from '../protocol-finding';
import {
  allowedWeekdays,
  type CheckContext,
  isWellFormedCount,
  plural,
  type SeriesEntry,
} from './context';
import { checkFollowUp } from './follow-up';
import { hoursInvalid, knownSeries } from './references';
import { checkSeparation } from './separation';
import { gapModelOf } from './series-timing';

const RULE_CHECKS = {
  offset: (rule, ctx, r) => checkOffset(ctx, rule, r),
  followUp: (rule, ctx, r) => checkFollowUp(ctx, rule, r),
  notSameDay: (rule, ctx, r) => checkNotSameDay(ctx, rule, r),
  separation: (rule, ctx, r) => checkSeparation(ctx, rule, r),
} satisfies RuleHandlers<void, [CheckContext, number]>;

export function checkRules(ctx: CheckContext): void {
  (ctx.protocol.rules ?? []).forEach((rule, r) => {
    const type: unknown = rule?.type;
    if (isRuleType(type)) return onRule(rule, RULE_CHECKS, ctx, r);
    ctx.findings.push({
      severity: 'error',
      code: 'UNKNOWN_RULE_TYPE',
      pointer: type === undefined ? pointer('rules', r) : pointer('rules', r, 'type'),
      message:
        type === undefined
          ? `Rule ${r + 1} has no type.`
          : `Rule ${r + 1} has the type ${JSON.stringify(type)}, which is not a rule type.`,
      suggestion: `Use one of: ${RULE_TYPES.join(', ')}.`,
    });
  });
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
  const count = entry.count;
  const bad = !Number.isInteger(o) || o < 1;
  const max = isWellFormedCount(count) ? count.max : Infinity;
  if (bad || o > max) {
    ctx.findings.push({
      severity: 'error',
      code: 'OCCURRENCE_OUT_OF_RANGE',
      pointer: ptr,
      message: bad
        ? `Occurrence ${o} is not a session number (1, 2, …, "first" or "last").`
        : `Series "${p.series}" has at most ${plural(max, 'session')}, so session #${o} never exists.`,
      suggestion: bad
        ? 'Use "first", "last" or a number from 1.'
        : `Use a number up to ${max}, or "last".`,
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

  if (from !== to || !isWellFormedCount(from.count) || !from.sessionType) return;
  // Same series: compare the two occurrences for every count a patient may have.
  const count = from.count;
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
    if (!model || !isWellFormedCount(e.count)) return;
    needed += Math.ceil(e.count.min / model.perDay);
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

/**
 * Separation rules (format 1.1): unknown series, a minHours that is not a
 * number of hours from 0, and the conflicts no patient can meet — with a
 * listed series' own gapHours.max, with a follow-up whose anchor and targets
 * are all listed, and with spanDays.max. Every bound here is real elapsed
 * time on both sides (gaps, follow-up hours and separation all measure
 * elapsed time between instants), so the errors are exact, not relaxations.
 */
import type { CountRange, FollowUpRule, SeparationRule } from '../../planning/format';
import { DST_TOLERANCE_MINUTES } from '../day-sequence';
import { pointer } from '../protocol-finding';
import { type CheckContext, defaultCount, isWellFormedCount, type SeriesEntry } from './context';
import { knownSeries } from './references';

const hours = (h: number) => `${+h.toFixed(2)} h`;
const names = (entries: SeriesEntry[]) => entries.map((e) => `"${e.series.id}"`).join(', ');

export function checkSeparation(ctx: CheckContext, rule: SeparationRule, r: number): void {
  const label = `Separation rule ${r + 1}`;
  const listed = (rule.series ?? []).map((id, j) =>
    knownSeries(ctx, id, pointer('rules', r, 'series', j), label),
  );
  const minHours = rule.minHours;
  if (typeof minHours !== 'number' || !Number.isFinite(minHours) || minHours < 0) {
    ctx.findings.push({
      severity: 'error',
      code: 'HOUR_RANGE_INVALID',
      pointer: pointer('rules', r, 'minHours'),
      message: `${label}: minHours must be a number of hours from 0.`,
      suggestion: 'Give the least time, in hours, between the starts of two listed sessions.',
    });
    return;
  }
  if (listed.length === 0 || listed.some((e) => e === undefined) || minHours === 0) return;
  const entries = [...new Set(listed as SeriesEntry[])];
  const ctxRule = { label, at: pointer('rules', r, 'minHours'), minHours, entries };
  checkAgainstGaps(ctx, ctxRule);
  checkAgainstFollowUps(ctx, ctxRule);
  checkAgainstSpan(ctx, ctxRule);
}

interface Separation {
  label: string;
  /** Pointer to the rule's minHours. */
  at: string;
  minHours: number;
  entries: SeriesEntry[];
}

/** Consecutive sessions of a listed series are at most gapHours.max apart. */
function checkAgainstGaps(ctx: CheckContext, sep: Separation): void {
  for (const e of sep.entries) {
    const max = e.series.gapHours?.max;
    const count = e.count;
    if (max === undefined || !Number.isFinite(max) || max >= sep.minHours) continue;
    if (!isWellFormedCount(count) || count.max < 2) continue;
    const every = count.min >= 2;
    ctx.findings.push({
      severity: every ? 'error' : 'warning',
      code: 'SEPARATION_CONFLICTS_GAP',
      pointer: sep.at,
      message: `Consecutive "${e.series.id}" sessions start at most ${hours(max)} apart (gapHours.max), but ${sep.label} keeps them at least ${hours(sep.minHours)} apart${every ? '' : '; patients with two or more of them can never be scheduled'}.`,
      suggestion: `Raise gapHours.max of "${e.series.id}" to at least ${sep.minHours}, or lower minHours to ${max}.`,
    });
  }
}

/** A follow-up starts at most the anchor's duration plus hours.max after its anchor starts. */
function checkAgainstFollowUps(ctx: CheckContext, sep: Separation): void {
  const ids = new Set(sep.entries.map((e) => e.series.id));
  (ctx.protocol.rules ?? []).forEach((rule, fr) => {
    if (rule.type !== 'followUp') return;
    const f: FollowUpRule = rule;
    const anchor = ctx.seriesById.get(f.anchor);
    const max = f.hours?.max;
    const targets = f.targets ?? [];
    if (!anchor?.sessionType || !ids.has(f.anchor) || targets.length === 0) return;
    if (!targets.every((t) => ids.has(t)) || max === undefined || !Number.isFinite(max)) return;
    const reach = anchor.sessionType.durationMinutes / 60 + max;
    const count = anchor.count;
    if (reach >= sep.minHours || !isWellFormedCount(count) || count.max === 0) return;
    ctx.findings.push({
      severity: count.min > 0 ? 'error' : 'warning',
      code: 'SEPARATION_CONFLICTS_FOLLOWUP',
      pointer: sep.at,
      message: `Follow-up rule ${fr + 1} needs a ${targets.map((t) => `"${t}"`).join(' or ')} session to start at most ${hours(reach)} after each "${f.anchor}" session starts (its ${anchor.sessionType.durationMinutes} min plus hours.max ${max}), but ${sep.label} keeps them at least ${hours(sep.minHours)} apart.`,
      suggestion: `Lower minHours to ${+reach.toFixed(2)}, raise the follow-up's hours.max, or take "${f.anchor}" or its targets out of the separation.`,
    });
  });
}

/** n listed sessions need (n - 1) × minHours from the first start to the last. */
function checkAgainstSpan(ctx: CheckContext, sep: Separation): void {
  const spanMax = ctx.protocol.spanDays?.max;
  if (spanMax === undefined || !Number.isInteger(spanMax) || spanMax < 1) return;
  const counts = sep.entries.map((e) => e.count);
  if (!counts.every(isWellFormedCount)) return;
  // Any two instants on local dates within spanMax days (DST included); no patient-day
  // window is assumed, since done sessions (format 1.1) need not lie inside it.
  const reach = spanMax * 1440 + DST_TOLERANCE_MINUTES;
  const fewest = (counts as CountRange[]).reduce((n, c) => n + c.min, 0);
  const usual = (counts as CountRange[]).reduce((n, c) => n + defaultCount(c), 0);
  const needs = (n: number) => (n - 1) * sep.minHours * 60 > reach;
  if (!needs(usual)) return;
  const n = needs(fewest) ? fewest : usual;
  ctx.findings.push({
    severity: needs(fewest) ? 'error' : 'warning',
    code: 'SEPARATION_EXCEEDS_SPAN',
    pointer: sep.at,
    message: `${needs(fewest) ? 'Every' : 'By default a'} patient has ${n} ${names(sep.entries)} sessions, which ${sep.label} keeps at least ${hours(sep.minHours)} apart: ${hours((n - 1) * sep.minHours)} from the first to the last, more than a ${spanMax}-day span allows.`,
    suggestion: `Raise spanDays.max to ${Math.ceil(((n - 1) * sep.minHours * 60 - DST_TOLERANCE_MINUTES) / 1440)}, lower minHours, or lower the counts.`,
  });
}

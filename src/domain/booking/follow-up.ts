/**
 * The protocol's `followUp` rules on a booked course, judged as soon as they can be decided:
 * each anchor session needs a target session of its own (a matching, as the planner's
 * validator judges it, with the validator's own test of one anchor and one target:
 * solution-check/follow-up.ts). Sessions still to book are not known, so the check asks
 * whether some way of booking them could still give every anchor its own follow-up, taking
 * for each one only what is sure: a series' sessions are numbered in time order, so a session
 * still to book starts strictly between its series' booked neighbours, and an anchor starts
 * before its follow-up. Everything else is assumed to go well. It therefore never refuses a
 * session the rest of the course could still be fitted around, and once every anchor and
 * target is booked it is exactly the validator's rule.
 *
 * A problem is reported only when the new sessions bring it in: the course without them
 * could still be completed, with them it cannot (a course already broken, e.g. by a
 * director's override, refuses nothing more). Pure.
 */
import { DateTime } from 'luxon';
import type { FieldIssue } from '../errors';
import type { FollowUpRule } from '../planning/format';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { maximumMatching } from '../planning/solution-check/bipartite';
import { followsUp, followUpWindow } from '../planning/solution-check/follow-up';
import { localDateOf } from '../time/zoned-format';
import { relativeText, sessionLabel } from './course-text';

const HOUR_MS = 3_600_000;

/** A session of the course (epoch ms); `isNew`: one being booked. */
export interface FollowUpSession {
  series: string;
  index: number;
  start: number;
  end: number;
  isNew: boolean;
}

/** A session of a series in the rule: booked (its times), or still to book (where it can start). */
interface Slot {
  series: string;
  index: number;
  booked: { start: number; end: number; date: string } | null;
  isNew: boolean;
  /** Still to book: it starts strictly inside (lo, hi) (the booked neighbours' starts). */
  lo: number;
  hi: number;
}

const same = (a: Slot, b: Slot) => a.series === b.series && a.index === b.index;

/** The sessions of `series`: the booked ones and indices 1..count still to book. */
function slotsOf(
  series: string,
  sessions: readonly FollowUpSession[],
  count: number | undefined,
  zone: string,
): Slot[] {
  const booked = sessions.filter((s) => s.series === series);
  const indices = new Set(booked.map((s) => s.index));
  for (let i = 1; i <= (count ?? 0); i++) indices.add(i);
  return [...indices]
    .sort((a, b) => a - b)
    .map((index) => {
      const s = booked.find((b) => b.index === index);
      if (s) {
        const date = localDateOf(s.start, zone);
        return { series, index, booked: { ...s, date }, isNew: s.isNew, lo: s.start, hi: s.start };
      }
      const before = booked.filter((b) => b.index < index).map((b) => b.start);
      const after = booked.filter((b) => b.index > index).map((b) => b.start);
      return {
        series,
        index,
        booked: null,
        isNew: false,
        lo: Math.max(-Infinity, ...before),
        hi: Math.min(Infinity, ...after),
      };
    });
}

/** Local midnight after the start of `ms` (epoch ms). */
const dayEnd = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).startOf('day').plus({ days: 1 }).toMillis();

/** Whether target `t` can be anchor `a`'s follow-up in some booking of what is still to book. */
function mayFollow(rule: FollowUpRule, a: Slot, t: Slot, zone: string): boolean {
  if (same(a, t)) return false;
  if (a.booked && t.booked) return followsUp(rule, a.booked, t.booked);
  if (a.booked) {
    const w = followUpWindow(rule, a.booked.end);
    const to = rule.sameDay ? Math.min(w.to, dayEnd(a.booked.start, zone) - 1) : w.to;
    return w.from <= to && w.from < t.hi && to > t.lo;
  }
  // The anchor still to book ends before its follow-up starts (hours.min after its end).
  const latest = t.booked ? t.booked.start - (rule.hours.min ?? 0) * HOUR_MS : t.hi;
  return a.lo < latest;
}

interface Judged {
  anchors: Slot[];
  targets: Slot[];
  edges: number[][];
  /** Per anchor, its target's position in `targets` or -1. */
  match: number[];
}

function judge(
  rule: FollowUpRule,
  sessions: readonly FollowUpSession[],
  counts: Readonly<Record<string, number>>,
  zone: string,
): Judged {
  // New anchors last: the matching keeps the earlier ones matched, so a new one is the one left.
  const anchors = slotsOf(rule.anchor, sessions, counts[rule.anchor], zone).sort(
    (a, b) => Number(a.isNew) - Number(b.isNew),
  );
  const targets = [...new Set(rule.targets)].flatMap((s) => slotsOf(s, sessions, counts[s], zone));
  const edges = anchors.map((a) =>
    targets.flatMap((t, j) => (mayFollow(rule, a, t, zone) ? [j] : [])),
  );
  return { anchors, targets, edges, match: maximumMatching(edges, targets.length) };
}

const labelOf = (s: Slot) => `${sessionLabel(s)}${s.booked ? '' : ' (still to book)'}`;

function need(rule: FollowUpRule): string {
  const min = rule.hours.min ?? 0;
  const within =
    rule.hours.max === undefined ? `at least ${min} h` : `within ${min}–${rule.hours.max} h`;
  const day = rule.sameDay ? ' on the same day' : '';
  return `the protocol needs one (${rule.targets.join('/')}) ${within} after each ${rule.anchor} ends${day}, each ${rule.anchor} its own`;
}

/** Why anchor `u` is left without a follow-up, said from the new session `n`. */
function message(rule: FollowUpRule, j: Judged, u: number, n: Slot): string {
  const anchor = j.anchors[u];
  const tail = need(rule);
  if (same(anchor, n) && anchor.booked) {
    const end = anchor.booked.end;
    const inReach = j.edges[u].map((t) => j.targets[t]);
    if (inReach.length > 0) {
      const list = inReach.map(labelOf).join(', ');
      return `${sessionLabel(n)} would have no follow-up of its own: ${list} ${inReach.length > 1 ? 'are' : 'is'} needed by another ${rule.anchor}; ${tail}`;
    }
    const booked = j.targets.filter((t) => t.booked).map((t) => ({ t, at: t.booked!.start }));
    const next = booked.filter((b) => b.at >= end).sort((a, b) => a.at - b.at)[0];
    const last = booked.filter((b) => b.at < end).sort((a, b) => b.at - a.at)[0];
    const near = next ?? last;
    const why = near
      ? `${sessionLabel(near.t)} starts ${relativeText(near.at - end)} its end`
      : `no ${rule.targets.join('/')} session still to book can start then`;
    return `${sessionLabel(n)} would have no follow-up of its own: ${why}; ${tail}`;
  }
  if (anchor.booked && n.booked && n.series !== rule.anchor) {
    return `${sessionLabel(n)} would start ${relativeText(n.booked.start - anchor.booked.end)} the end of ${sessionLabel(anchor)}, which then has no follow-up of its own; ${tail}`;
  }
  return `${sessionLabel(n)} would leave ${labelOf(anchor)} without a follow-up of its own; ${tail}`;
}

/**
 * `FOLLOW_UP` issues the new sessions (`isNew`) bring into the course: per followUp rule,
 * when the course without them could still give every anchor its own follow-up and the course
 * with them cannot. `counts`: the sessions per series the enrollment gets.
 */
export function followUpIssues(
  sessions: readonly FollowUpSession[],
  definition: ProtocolDefinition,
  counts: Readonly<Record<string, number>>,
  zone: string,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const rule of definition.rules ?? []) {
    if (rule.type !== 'followUp') continue;
    const inRule = (s: { series: string }) =>
      s.series === rule.anchor || rule.targets.includes(s.series);
    if (!sessions.some((s) => s.isNew && inRule(s))) continue;
    const before = judge(
      rule,
      sessions.filter((s) => !s.isNew),
      counts,
      zone,
    );
    if (before.match.includes(-1)) continue; // already broken: not the new sessions' doing
    const after = judge(rule, sessions, counts, zone);
    const u = after.match.indexOf(-1);
    if (u === -1) continue;
    const news = [...after.anchors, ...after.targets].filter((s) => s.isNew);
    const n = news.find((s) => same(s, after.anchors[u])) ?? news.find(inRule)!;
    out.push({ pointer: '/start', code: 'FOLLOW_UP', message: message(rule, after, u, n) });
  }
  return out;
}

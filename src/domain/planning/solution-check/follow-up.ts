/**
 * What a `followUp` rule asks of one anchor session and one target session, shared by the
 * validator (rules-protocol.ts) and the booking checks (src/domain/booking/follow-up.ts): the
 * target starts `hours` after the anchor's end (`min` defaulting to 0, so never before the
 * end), on the anchor's local date when `sameDay`. Each anchor needs a target of its own: a
 * matching (bipartite.ts), judged per rule. Pure.
 */
import type { FollowUpRule } from '../format';
import { HOUR_MS } from './clinic-time';

/** A session as the rule reads it: instants in epoch ms, `date` the local date of the start. */
export interface FollowUpEnd {
  start: number;
  end: number;
  date: string;
}

/** The instants (epoch ms, both inclusive) a follow-up of an anchor ending at `end` may start. */
export function followUpWindow(rule: FollowUpRule, end: number): { from: number; to: number } {
  return {
    from: end + (rule.hours.min ?? 0) * HOUR_MS,
    to: rule.hours.max === undefined ? Infinity : end + rule.hours.max * HOUR_MS,
  };
}

/** Whether `target` may be `anchor`'s follow-up under `rule` (the two are distinct sessions). */
export function followsUp(
  rule: FollowUpRule,
  anchor: Pick<FollowUpEnd, 'end' | 'date'>,
  target: Pick<FollowUpEnd, 'start' | 'date'>,
): boolean {
  const hours = (target.start - anchor.end) / HOUR_MS;
  if (hours < (rule.hours.min ?? 0)) return false;
  if (rule.hours.max !== undefined && hours > rule.hours.max) return false;
  return !rule.sameDay || target.date === anchor.date;
}

/**
 * Which clinics the frontier search (frontier-search.ts) starts on, and which
 * of their rooms and people it follows: the pools of exclusive time
 * (exclusive-time.ts) with little to spare.
 */
import type { Model } from '../model/types';
import { ExclusiveTime } from './exclusive-time';

/**
 * Slack of a pool (unused minutes a complete schedule may leave of its rooms
 * and people) above which the search does not follow it, as a share of its
 * free minutes; with no pool that tight it does not start. The frontier's
 * strength is that almost every free minute must be used; with more slack it
 * would mostly branch on leaving minutes unused.
 */
export const MAX_SLACK_SHARE = 0.1;

/** Whether the clinic is tight enough for the search to start (see `MAX_SLACK_SHARE`). */
export function frontierApplies(model: Model, patients: readonly number[]): boolean {
  return tightEnough(model, patients, frontierTime(model, patients));
}

/** The exclusive time the search follows: the pools with at most `MAX_SLACK_SHARE` to spare. */
export function frontierTime(model: Model, patients: readonly number[]): ExclusiveTime {
  return ExclusiveTime.tightPools(model, patients, MAX_SLACK_SHARE);
}

/** Some time to follow, none of it short, and every session needed has a use of it. */
export function tightEnough(
  model: Model,
  patients: readonly number[],
  time: ExclusiveTime,
): boolean {
  if (time.list.length === 0 || time.poolSlack.some((slack) => slack < 0)) return false;
  return patients.every((p) =>
    model.protocols[model.patients[p].protocol].series.every(
      (series) =>
        model.patients[p].counts[series.index] === 0 ||
        time.earliestOffset(model.sessionTypes[series.sessionType]) < Infinity,
    ),
  );
}

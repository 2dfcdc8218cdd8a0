/**
 * The reason for a patient left out because of group sessions: once the
 * plans are final (the state is join-only), a patient's session of a group
 * series with `group.min` > 1 must join an occurrence that exists; opening
 * one would leave it below min. When the search that may only join finds no
 * schedule and the same search allowed to open occurrences finds one, the
 * group size is what keeps the patient out:
 * - GROUP_TOO_SMALL when joining was proven impossible (complete search);
 * - SEARCH_LIMIT when that search stopped on its limit.
 * Otherwise (no schedule even when opening) the usual reasons apply.
 */
import type { Model } from '../model/types';
import { formatInstant } from '../../time/zone';
import type { Attempt } from './fixed-state';
import type { DraftReason, ReasonContext } from './reasons-context';

/** The group series of patient p that must reach a min above one (with sessions to plan). */
function groupSeries(model: Model, p: number): number[] {
  const patient = model.patients[p];
  const proto = model.protocols[patient.protocol];
  return proto.series
    .filter((s) => {
      const group = model.sessionTypes[s.sessionType].group;
      return group !== null && group.min > 1 && patient.counts[s.index] > 0;
    })
    .map((s) => s.index);
}

/**
 * The group reason for p, after `joining` (the search against the plan as
 * it stands, join-only) found no schedule; null when groups are not the cause.
 */
export function groupReason(
  ctx: ReasonContext,
  p: number,
  joining: Attempt,
  tried: (a: Attempt) => string,
): DraftReason | null {
  const model = ctx.model;
  const state = ctx.planner.state;
  if (!state.groups.joinOnly || joining.outcome === 'found' || groupSeries(model, p).length === 0)
    return null;
  let opening: Attempt;
  state.groups.joinOnly = false;
  try {
    opening = ctx.attempt(model, state, p, ctx.budgets.classifyNodes);
  } finally {
    state.groups.joinOnly = true;
  }
  if (opening.outcome !== 'found' || !opening.plan) return null;
  const proto = model.protocols[model.patients[p].protocol];
  // The occurrences its schedule would open are gone from the state again.
  const opened = opening.plan.sessions.filter(
    (s) => s.occurrence !== undefined && !state.groups.get(s.occurrence),
  );
  if (opened.length === 0) return null;
  const first = opened[0];
  const st = model.sessionTypes[proto.series[first.series].sessionType];
  const group = st.group!;
  const opens = `it fits only by opening ${opened.length} new occurrence${opened.length === 1 ? '' : 's'} of ${st.id} (the first at ${formatInstant(model.zone, first.start)}) that nobody else takes part in, below the ${group.min} participants ${st.id} needs (it takes ${group.min}–${group.max})`;
  if (joining.outcome === 'infeasible')
    return {
      code: 'GROUP_TOO_SMALL',
      message: `no existing occurrence of ${st.id} with a free seat fits the patient's rules with everyone else as planned (proven ${tried(joining)}); ${opens}`,
    };
  return {
    code: 'SEARCH_LIMIT',
    message: `the search for a schedule that joins existing group occurrences stopped on its limit ${tried(joining)}; ${opens}`,
  };
}

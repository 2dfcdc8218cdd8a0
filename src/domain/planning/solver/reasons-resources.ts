/**
 * Which resource a patient lacks, found by trying: the patient is searched
 * again with one more (virtual) person of a role, or room with the features,
 * free during clinic hours (when some staff member works; else all horizon),
 * around everyone as planned. When that fits, the times the
 * extra resource was used become the suggestion ("one more prescriber on
 * 2027-04-20 09:00–09:15, …"), which is verified by a second search with the
 * extra resource free only then.
 */
import type { OneOffWindow } from '../format';
import { normalize, type IntervalList } from '../model/intervals';
import type { Model } from '../model/types';
import { formatDay } from '../../time/local-date';
import { localOf, placeLocal } from '../../time/zone';
import { dayNumber, minuteOfDay } from '../../time/local-date';
import { minutesToLocalTime } from '../../time/local-values';
import { computeDomains } from './domains';
import { pinnedSlots, stateOf } from './fixed-state';
import { kindKey, kindLabel, kindsOf, withExtraResources, type ResourceKind } from './model-edits';
import type { PatientPlan } from './patient-plan';
import type { ReasonContext, Suggestion } from './reasons-context';

export interface KindFinding {
  kind: ResourceKind;
  /** One more of this kind, free at these local windows, lets the patient fit (verified). */
  suggestion: Suggestion | null;
  /** Other patients holding resources of this kind at those times. */
  holders: string[];
}

/** The intervals during which the plan uses an added resource of `kind`. */
function usedIntervals(
  model: Model,
  plan: PatientPlan,
  kind: ResourceKind,
  firstStaff: number,
  firstRoom: number,
): Array<[number, number]> {
  const proto = model.protocols[model.patients[plan.patient].protocol];
  const out: Array<[number, number]> = [];
  for (const s of plan.sessions) {
    const st = model.sessionTypes[proto.series[s.series].sessionType];
    if (kind.type === 'room') {
      if (st.room && s.room >= firstRoom)
        out.push([s.start, s.start + st.duration + st.room.turnover]);
      continue;
    }
    st.needs.forEach((n, ni) => {
      if (s.staff[ni]?.some((x) => x >= firstStaff))
        out.push([s.start + n.offset, s.start + n.offset + n.duration]);
    });
  }
  return out;
}

/** Local one-off windows for instants (merged per date); null when one crosses local midnight. */
function localWindows(zone: string, intervals: IntervalList): OneOffWindow[] | null {
  const out: OneOffWindow[] = [];
  for (let i = 0; i < intervals.length; i += 2) {
    const a = localOf(zone, intervals[i]);
    const b = localOf(zone, intervals[i + 1]);
    if (a.day !== b.day || b.minute <= a.minute) return null;
    out.push({
      date: formatDay(a.day),
      start: minutesToLocalTime(a.minute),
      end: minutesToLocalTime(b.minute),
    });
  }
  return out;
}

/** Instants of local windows, as the problem checker would place them. */
function placed(zone: string, windows: OneOffWindow[]): IntervalList {
  return normalize(
    windows.map((w) => [
      placeLocal(zone, dayNumber(w.date), minuteOfDay(w.start)),
      placeLocal(zone, dayNumber(w.date), minuteOfDay(w.end)),
    ]),
  );
}

function windowsText(windows: OneOffWindow[]): string {
  const shown = windows.slice(0, 6).map((w) => `${w.date} ${w.start}–${w.end}`);
  if (windows.length > 6) shown.push(`and ${windows.length - 6} more`);
  return shown.join(', ');
}

function totalText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Who else (patients as planned) holds resources of `kind` during `intervals`. */
function holdersOf(ctx: ReasonContext, kind: ResourceKind, intervals: IntervalList): string[] {
  const model = ctx.model;
  const out = new Set<string>();
  const overlaps = (s: number, e: number) => {
    for (let i = 0; i < intervals.length; i += 2)
      if (s < intervals[i + 1] && intervals[i] < e) return true;
    return false;
  };
  ctx.planner.plans.forEach((plan) => {
    if (!plan) return;
    const patient = model.patients[plan.patient];
    const proto = model.protocols[patient.protocol];
    for (const s of plan.sessions) {
      const st = model.sessionTypes[proto.series[s.series].sessionType];
      if (kind.type === 'room') {
        const room = s.room >= 0 ? model.rooms[s.room] : null;
        if (
          st.room &&
          room &&
          kind.features.every((f) => room.features.has(f)) &&
          overlaps(s.start, s.start + st.duration + st.room.turnover)
        )
          out.add(patient.id);
        continue;
      }
      st.needs.forEach((n, ni) => {
        if (n.present) return; // on duty, not holding anyone's time
        if (!s.staff[ni]?.some((x) => model.staff[x].roles.has(kind.role))) return;
        if (overlaps(s.start + n.offset, s.start + n.offset + n.duration)) out.add(patient.id);
      });
    }
  });
  return [...out].sort();
}

/**
 * One more resource of `kind`, free all horizon: does patient p then fit
 * around everyone as planned? If so, the verified suggestion of the times
 * it is needed.
 */
function tryKind(ctx: ReasonContext, p: number, kind: ResourceKind): KindFinding | null {
  const model = ctx.model;
  // First at clinic hours (a suggestion at times the clinic works), then at any time.
  let extra = ctx.extraFor(kind, 'clinic');
  let found = ctx.attempt(extra.model, extra.state, p, ctx.budgets.diagnoseNodes);
  if (found.outcome !== 'found') {
    extra = ctx.extraFor(kind, 'horizon');
    found = ctx.attempt(extra.model, extra.state, p, ctx.budgets.diagnoseNodes);
  }
  if (found.outcome !== 'found' || !found.plan) return null;
  const used = normalize(
    usedIntervals(extra.model, found.plan, kind, extra.firstStaff, extra.firstRoom),
  );
  // It fits without the extra resource (the first search stopped on its limit): not this kind.
  if (used.length === 0) return null;
  const holders = holdersOf(ctx, kind, used);
  const windows = localWindows(model.zone, used);
  if (!windows || !ctx.timeLeft()) return { kind, suggestion: null, holders };
  // Verify: the extra resource free only at those windows.
  const narrow = withExtraResources(model, [kind], placed(model.zone, windows), model.patients[p]);
  const check = ctx.attempt(
    narrow.model,
    stateOf(narrow.model, ctx.planner.plans, p, ctx.planner.state.groups.joinOnly),
    p,
    ctx.budgets.verifyNodes,
  );
  if (check.outcome !== 'found') return { kind, suggestion: null, holders };
  let minutes = 0;
  for (let i = 0; i < used.length; i += 2) minutes += used[i + 1] - used[i];
  const size = `${windows.length} window${windows.length > 1 ? 's' : ''}, ${totalText(minutes)} in total`;
  if (kind.type === 'role') {
    const count = narrow.model.staff.length - model.staff.length;
    const who =
      count > 1
        ? `${count} more people with role ${kind.role}, each`
        : `one more person with role ${kind.role},`;
    return {
      kind,
      holders,
      suggestion: {
        text: `${who} available ${windowsText(windows)} (${size})`,
        edit: { type: 'addStaff', id: `extra-${kind.role}`, role: kind.role, count, windows },
      },
    };
  }
  return {
    kind,
    holders,
    suggestion: {
      text: `one more ${kindLabel(kind).replace(/^a /, '')} (capacity 1), available ${windowsText(windows)} (${size})`,
      edit: { type: 'addRoom', id: 'extra-room', features: kind.features, windows },
    },
  };
}

/**
 * The kinds whose one extra resource lets patient p fit around everyone as
 * planned, each with its verified suggestion; at most one search per kind.
 */
export function missingKinds(
  ctx: ReasonContext,
  p: number,
  kinds: ResourceKind[] = kindsOf(ctx.model, ctx.model.patients[p]),
): KindFinding[] {
  const out: KindFinding[] = [];
  for (const kind of kinds) {
    if (!ctx.timeLeft()) break;
    const f = tryKind(ctx, p, kind);
    if (f) out.push(f);
  }
  return out;
}

/**
 * The kinds whose unlimited availability (one more, free all horizon) makes
 * the patient's static domains non-empty: a cheap test, no search.
 */
export function unblockingKinds(ctx: ReasonContext, p: number): ResourceKind[] {
  const model = ctx.model;
  return kindsOf(model, model.patients[p]).filter((kind) => {
    if (!ctx.timeLeft()) return false;
    const extra = ctx.extraFor(kind, 'horizon').model;
    return computeDomains(extra, extra.patients[p], pinnedSlots(extra, p)).failure === null;
  });
}

export { kindKey, kindLabel };

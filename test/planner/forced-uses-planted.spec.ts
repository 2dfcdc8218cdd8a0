/**
 * The frontier search's prunings across patients never cut a complete
 * schedule: on first-fit planted clinics, each with its own planted schedule,
 * every session's domain (with the followUp pairs of domains.ts) keeps its
 * planted start, every planted use agrees with the forced tilings
 * (solver/forced-uses.ts), and the matching of forced uses to sessions and the
 * matching of due sessions to free pieces (solver/piece-matching.ts) hold at
 * the root and after each planted session, taken in time order, with every
 * session's domain cut to its planted start (so the matchings must agree with
 * the planted schedule itself).
 */
import { DateTime } from 'luxon';
import { firstFitPlanted } from '../factories/planning/firstfit-planted';
import { compileModel } from '../../src/domain/planning/model/compile';
import type { Model } from '../../src/domain/planning/model/types';
import type { Appointment } from '../../src/domain/planning/format';
import { ContinuityTracker } from '../../src/domain/planning/solver/candidates';
import { computeDomains } from '../../src/domain/planning/solver/domains';
import { ExclusiveTime } from '../../src/domain/planning/solver/exclusive-time';
import { ForcedUses } from '../../src/domain/planning/solver/forced-uses';
import { MAX_SLACK_SHARE } from '../../src/domain/planning/solver/frontier-scope';
import { PieceMatching } from '../../src/domain/planning/solver/piece-matching';
import type { PatientRun } from '../../src/domain/planning/solver/frontier-run';
import { sessionUses } from '../../src/domain/planning/solver/frontier-state';
import { PatientContext } from '../../src/domain/planning/solver/patient-context';
import { newBookingId, type PlacedSession } from '../../src/domain/planning/solver/patient-plan';

const minutes = (iso: string) => Math.round(DateTime.fromISO(iso).toMillis() / 60_000);

function plantedSession(model: Model, run: PatientRun, a: Appointment): PlacedSession {
  const si = run.ctx.proto.series.findIndex((s) => s.id === a.series);
  const st = model.sessionTypes[run.ctx.proto.series[si].sessionType];
  const start = minutes(a.start);
  const slot = model.slotStart.indexOf(start);
  const staff = st.needs.map((need) =>
    a.staff
      .filter((x) => x.role === need.role && minutes(x.start) === start + need.offset)
      .map((x) => model.staff.findIndex((q) => q.id === x.id)),
  );
  return {
    series: si,
    index: a.index,
    slot,
    start,
    day: model.slotDay[slot],
    room: a.room === null ? -1 : model.rooms.findIndex((r) => r.id === a.room),
    staff,
    existing: null,
    moved: false,
    booking: newBookingId(),
  };
}

/** The steps (0: the root) at which the pruning would have cut the planted schedule. */
function cutsOfPlanted(seed: number): string[] {
  const { problem, planted } = firstFitPlanted(seed);
  const model = compileModel(problem);
  const patients = model.patients.map((p) => p.index);
  const time = ExclusiveTime.tightPools(model, patients, MAX_SLACK_SHARE);
  const cuts: string[] = [];
  const runs: PatientRun[] = model.patients.map((patient) => {
    const ctx = new PatientContext(model, patient);
    const doms = computeDomains(model, patient, new Map()).domains.map((list, si) =>
      list.map((dom, k) => {
        const a = planted.appointments.find(
          (x) =>
            x.patient === patient.id && x.series === ctx.proto.series[si].id && x.index === k + 1,
        )!;
        const kept = dom.filter((slot) => model.slotStart[slot] === minutes(a.start));
        if (kept.length === 0)
          cuts.push(`root: ${patient.id} ${a.series} ${a.index} lost its start`);
        return kept;
      }),
    );
    const left = patient.counts.reduce((t, c) => t + c, 0);
    return {
      index: patient.index,
      ctx,
      continuity: new ContinuityTracker(model, ctx.proto),
      doms,
      left,
    };
  });
  const forced = new ForcedUses(model, time, runs);
  const pieces = new PieceMatching(model, time);
  const first = time.frontier()[0]?.free[0] ?? 0;
  if (!forced.feasible(time, first)) cuts.push('root: matching');
  if (!pieces.feasible(runs, first)) cuts.push('root: pieces');
  const order = [...planted.appointments].sort((a, b) => minutes(a.start) - minutes(b.start));
  for (const [step, a] of order.entries()) {
    const run = runs[model.patients.findIndex((p) => p.id === a.patient)];
    const placed = plantedSession(model, run, a);
    const st = model.sessionTypes[run.ctx.proto.series[placed.series].sessionType];
    for (const use of sessionUses(st, placed)) {
      const ex = use.kind === 'room' ? time.room(use.index) : time.person(use.index);
      if (!forced.agrees(ex, use.s, use.e))
        cuts.push(`step ${step + 1}: ${use.kind} ${use.index} disagrees`);
      time.take(ex, use.s, use.e);
    }
    run.ctx.place(placed);
    run.left--;
    if (time.overspent()) cuts.push(`step ${step + 1}: overspent`);
    if (!forced.feasible(time, placed.start)) cuts.push(`step ${step + 1}: matching`);
    if (!pieces.feasible(runs, placed.start)) cuts.push(`step ${step + 1}: pieces`);
  }
  return cuts;
}

describe('forced uses, free pieces and followUp pairs on planted schedules', () => {
  it.each([8, 12, 28, 10002, 10011])('never cut the planted schedule of seed %i', (seed) => {
    expect(cutsOfPlanted(seed)).toEqual([]);
  });
});

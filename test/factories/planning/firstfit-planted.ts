/**
 * First-fit planted instances (issue 7, item 4): a random clinic
 * (firstfit-clinic.ts) is booked by the naive first-fit booker
 * (src/domain/planning/first-fit/first-fit-booker.ts, with its retry from a later first day); only the
 * patients it scheduled are kept (the first `patients` of them); then every
 * staff member's and every room's availability is shrunk to exactly the
 * windows that schedule uses (one-off `date` windows, merged per local day;
 * for rooms the occupied interval including turnover), resources it does not
 * use are dropped, and the patients are shuffled and renamed. A complete
 * schedule exists by construction — the first-fit one — and is returned as
 * `planted`, checked by the independent validator; the problem is checked by
 * `checkProblem`. Either check failing is a generator bug and throws.
 *
 * Written apart from planted-problem.ts (which plants a schedule and derives
 * rules around it): here the rules are the product's real protocols, and the
 * clinic is as tight as one first-fit pass left it.
 */
import type {
  Appointment,
  AvailabilityWindow,
  Patient,
  Problem,
  Room,
  Solution,
  StaffMember,
} from '../../../src/domain/planning/format';
import { checkProblem } from '../../../src/domain/planning/problem-check';
import { computeScore, validateSolution } from '../../../src/domain/planning/solution-check';
import { firstFitBook } from '../../../src/domain/planning/first-fit/first-fit-booker';
import { drawClinic } from './firstfit-clinic';
import { formatTime, MINUTE_MS, toLocal } from './local-time';
import { Rng } from './rng';

export interface FirstFitPlanted {
  seed: number;
  /** The shrunk clinic with the kept patients, shuffled and renamed. */
  problem: Problem;
  /** The first-fit schedule, under the problem's patient ids: complete and valid. */
  planted: Solution;
  /** Candidate patients drawn before planting. */
  candidates: number;
}

export interface FirstFitOptions {
  /** Patients to keep (8–60 drawn from the seed when absent). */
  patients?: number;
}

/** Tuning seeds and held-out seeds of the sweep (bench/planted-sweep.ts). */
export const TUNING_SEEDS: readonly number[] = range(1, 30);
export const HELD_OUT_SEEDS: readonly number[] = range(10001, 10030);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const ATTEMPTS = 8;
/**
 * First fit may move a patient's first allowed day up to a week later when it
 * fails from the earliest start (an EMDR intensive asked for on a Wednesday
 * then starts on the next Monday); the schedule still respects earliestStart.
 */
const START_SHIFTS = 7;

export function firstFitPlanted(seed: number, options: FirstFitOptions = {}): FirstFitPlanted {
  const rng = new Rng(seed);
  const target = options.patients ?? rng.int(8, 60);
  let staffing = 1;
  for (let attempt = 1; ; attempt++) {
    const candidates = Math.ceil(target * (1 + attempt / 4));
    const clinic = drawClinic(rng, { candidates, staffing, kindIndex: seed });
    const booked = firstFitBook(clinic, { startShifts: START_SHIFTS });
    const left = new Set(booked.unscheduled.map((u) => u.patient));
    const kept = clinic.patients.filter((p) => !left.has(p.id)).slice(0, target);
    if (kept.length === target || (attempt === ATTEMPTS && kept.length >= 8)) {
      return { seed, candidates, ...plant(rng, clinic, booked.appointments, kept) };
    }
    if (attempt === ATTEMPTS)
      throw new Error(`firstfit-planted seed ${seed}: first fit booked only ${kept.length}`);
    staffing *= 1.3;
  }
}

function plant(
  rng: Rng,
  clinic: Problem,
  appointments: Appointment[],
  kept: Patient[],
): { problem: Problem; planted: Solution } {
  const order = rng.shuffle(kept);
  const rename = new Map(order.map((p, i) => [p.id, `p-${String(i + 1).padStart(3, '0')}`]));
  const used = appointments.filter((a) => rename.has(a.patient));
  const protocols = clinic.protocols.filter((p) => kept.some((k) => k.protocol === p.id));
  const typeIds = new Set(protocols.flatMap((p) => p.series.map((s) => s.sessionType)));
  const windows = usedWindows(clinic, used);
  const problem: Problem = {
    formatVersion: 1,
    clinic: clinic.clinic,
    horizon: clinic.horizon,
    staff: clinic.staff.flatMap((m): StaffMember[] => {
      const availability = windows.get(m.id);
      if (!availability) return [];
      return [
        { id: m.id, roles: m.roles, availability, ...(m.limits ? { limits: m.limits } : {}) },
      ];
    }),
    rooms: clinic.rooms.flatMap((r): Room[] => {
      const availability = windows.get(r.id);
      if (!availability) return [];
      return [{ id: r.id, features: r.features, capacity: r.capacity ?? 1, availability }];
    }),
    sessionTypes: clinic.sessionTypes.filter((t) => typeIds.has(t.id)),
    protocols,
    patients: order.map((p) => ({ ...p, id: rename.get(p.id)! })),
  };
  const remapped = used.map((a) => {
    const patient = rename.get(a.patient)!;
    return { ...a, id: `planted-${patient}-${a.series}-${a.index}`, patient };
  });
  const planted: Solution = {
    formatVersion: 1,
    status: 'complete',
    appointments: remapped,
    unscheduled: [],
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
  planted.score = computeScore(problem, planted);
  verify(problem, planted);
  return { problem, planted };
}

/** Each resource's one-off windows: its occupied intervals, merged per local date. */
function usedWindows(clinic: Problem, used: Appointment[]): Map<string, AvailabilityWindow[]> {
  const zone = clinic.clinic.timeZone;
  const types = new Map(clinic.sessionTypes.map((t) => [t.id, t]));
  const intervals = new Map<string, [number, number][]>();
  const add = (id: string, start: number, end: number) => {
    if (!intervals.has(id)) intervals.set(id, []);
    intervals.get(id)!.push([start, end]);
  };
  for (const a of used) {
    if (a.room) {
      const turnover = types.get(a.sessionType)!.room?.turnoverMinutes ?? 0;
      add(a.room, Date.parse(a.start), Date.parse(a.end) + turnover * MINUTE_MS);
    }
    for (const s of a.staff) add(s.id, Date.parse(s.start), Date.parse(s.end));
  }
  const out = new Map<string, AvailabilityWindow[]>();
  for (const [id, list] of intervals) {
    list.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of list) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    out.set(
      id,
      merged.map(([s, e]) => {
        const from = toLocal(zone, s);
        const to = toLocal(zone, e);
        if (to.date !== from.date || (e - s) / MINUTE_MS !== to.minutes - from.minutes)
          throw new Error(
            `${id}: interval ${from.date} ${from.minutes}–${to.minutes} min is not one plain local window`,
          );
        return { date: from.date, start: formatTime(from.minutes), end: formatTime(to.minutes) };
      }),
    );
  }
  return out;
}

function verify(problem: Problem, planted: Solution): void {
  const checked = checkProblem(problem);
  if (!checked.ok)
    throw new Error(
      `generator bug: checkProblem rejects the problem: ${JSON.stringify(checked.errors.slice(0, 3))}`,
    );
  const violations = validateSolution(problem, planted);
  if (violations.length > 0)
    throw new Error(
      `generator bug: the planted schedule breaks ${JSON.stringify(violations.slice(0, 3))}`,
    );
}

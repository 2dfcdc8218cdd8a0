/**
 * Exhaustive search for the true optimum of a tiny problem. Every start time
 * on the slot grid (inside the patient day, horizon and patient window, off
 * closures, rest days and the series' weekdays), every fitting room and every
 * choice of staff is enumerated; the independent validator accepts or rejects
 * each assignment, and the best score (lexicographic) wins. Pruning is only
 * ever by rules that are certainly hard (a patient in two sessions at once,
 * an exclusive person used twice at once) and by the validator's own
 * subset-safe rules (rules it judges on any subset of sessions, so a subset
 * that breaks one cannot be part of a valid schedule).
 */
import type {
  Appointment,
  ExistingBooking,
  Patient,
  Problem,
  Score,
  SessionType,
  Solution,
  StaffAssignment,
} from '../../../src/domain/planning/format';
import { compareScores } from '../../../src/domain/planning/format';
import {
  dateRange,
  localDateTimeInstant,
  localInstant,
  MINUTE_MS,
  offsetIso,
  parseTime,
  toLocal,
  weekdayOf,
} from '../../factories/planning/local-time';
import { computeScore, runRules, SUBSET_SAFE_RULES, validateSolution } from './validator-api';

interface Slot {
  series: string;
  index: number;
  type: SessionType;
  pinned?: ExistingBooking;
}

interface Staffed extends StaffAssignment {
  from: number;
  to: number;
  share: number;
}

interface Choice {
  series: string;
  type: SessionType;
  start: number;
  end: number;
  room: string | null;
  roomEnd: number;
  staff: Staffed[];
  pinnedId?: string;
}

/** One way to schedule one patient completely. */
export interface Candidate {
  patient: string;
  choices: Choice[];
  appointments: Appointment[];
}

export interface BruteForceResult {
  /** Best valid solution (possibly scheduling nobody). */
  best: Solution;
  bestScore: Score;
  /** Patients in problem order, each at its first valid candidate (earliest slot, first room, first staff). */
  firstFit: Solution;
  firstFitScore: Score;
  candidatesPerPatient: number[];
  validatorCalls: number;
}

export class SearchTooLarge extends Error {}

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((x, i) =>
    combinations(items.slice(i + 1), k - 1).map((rest) => [x, ...rest]),
  );
}

export class BruteForce {
  private readonly zone: string;
  private calls = 0;

  constructor(
    private readonly problem: Problem,
    private readonly maxCalls = 150_000,
  ) {
    this.zone = problem.clinic.timeZone;
  }

  private slots(patient: Patient): Slot[] {
    const protocol = this.problem.protocols.find((p) => p.id === patient.protocol)!;
    return protocol.series.flatMap((series) => {
      const n = patient.counts?.[series.id] ?? series.count.default ?? series.count.min;
      const type = this.problem.sessionTypes.find((t) => t.id === series.sessionType)!;
      return Array.from({ length: n }, (_, i) => ({
        series: series.id,
        index: i + 1,
        type,
        pinned: (this.problem.existing ?? []).find(
          (e) =>
            e.mode === 'pinned' &&
            e.patient === patient.id &&
            e.series === series.id &&
            e.index === i + 1,
        ),
      }));
    });
  }

  private staffOptions(type: SessionType, start: number, end: number): Staffed[][] {
    let partial: Staffed[][] = [[]];
    for (const req of type.staff) {
      const from = start + (req.offsetMinutes ?? 0) * MINUTE_MS;
      const to = req.durationMinutes === undefined ? end : from + req.durationMinutes * MINUTE_MS;
      const holders = this.problem.staff.filter((p) => p.roles.includes(req.role)).map((p) => p.id);
      partial = partial.flatMap((chosen) =>
        combinations(
          holders.filter((h) => !chosen.some((c) => c.id === h)),
          req.count ?? 1,
        ).map((people) => [
          ...chosen,
          ...people.map((id) => ({
            id,
            role: req.role,
            start: offsetIso(this.zone, from),
            end: offsetIso(this.zone, to),
            from,
            to,
            share: req.maxConcurrent ?? 1,
          })),
        ]),
      );
    }
    return partial;
  }

  private choiceFromBooking(slot: Slot, booking: ExistingBooking): Choice {
    const start = localDateTimeInstant(this.zone, booking.start);
    const end = start + slot.type.durationMinutes * MINUTE_MS;
    const open = slot.type.staff.map((r) => ({ r, left: r.count ?? 1 }));
    const staff = booking.staff.map((entry) => {
      const o = open.find((x) => x.r.role === entry.role && x.left > 0)!;
      o.left--;
      const from = start + (o.r.offsetMinutes ?? 0) * MINUTE_MS;
      const to = o.r.durationMinutes === undefined ? end : from + o.r.durationMinutes * MINUTE_MS;
      const share = o.r.maxConcurrent ?? 1;
      return {
        id: entry.id,
        role: entry.role,
        start: offsetIso(this.zone, from),
        end: offsetIso(this.zone, to),
        from,
        to,
        share,
      };
    });
    const roomEnd = end + (slot.type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
    return {
      series: slot.series,
      type: slot.type,
      start,
      end,
      room: booking.room ?? null,
      roomEnd,
      staff,
      pinnedId: booking.id,
    };
  }

  /** Every grid placement of one session for a patient, in first-fit order. */
  private options(patient: Patient, slot: Slot): Choice[] {
    if (slot.pinned) return [this.choiceFromBooking(slot, slot.pinned)];
    const p = this.problem;
    const protocol = p.protocols.find((x) => x.id === patient.protocol)!;
    const series = protocol.series.find((s) => s.id === slot.series)!;
    const day = protocol.patientDay ?? {};
    const dayStart = parseTime(day.start ?? '00:00');
    const dayEnd = day.end ? parseTime(day.end) : 24 * 60;
    const step = p.clinic.slotMinutes ?? 15;
    const first = [p.horizon.start, patient.earliestStart ?? p.horizon.start].sort()[1];
    const last = [p.horizon.end, patient.latestEnd ?? p.horizon.end].sort()[0];
    const rooms = slot.type.room
      ? p.rooms
          .filter((r) => slot.type.room!.features.every((f) => (r.features ?? []).includes(f)))
          .map((r) => r.id)
      : [null];
    const out: Choice[] = [];
    for (const date of first <= last ? dateRange(first, last) : []) {
      const weekday = weekdayOf(date);
      if ((p.clinic.closures ?? []).includes(date) || (protocol.restDays ?? []).includes(weekday))
        continue;
      if (series.days && !series.days.includes(weekday)) continue;
      for (let m = Math.ceil(dayStart / step) * step; m < dayEnd; m += step) {
        const start = localInstant(this.zone, date, m);
        const end = start + slot.type.durationMinutes * MINUTE_MS;
        const s = toLocal(this.zone, start);
        const e = toLocal(this.zone, end);
        if (s.date !== date || s.minutes !== m) continue; // not an existing wall-clock time
        if (e.date !== date && !(e.minutes === 0 && dayEnd === 24 * 60)) continue;
        if (e.date === date && e.minutes > dayEnd) continue;
        const roomEnd = end + (slot.type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
        for (const room of rooms) {
          for (const staff of this.staffOptions(slot.type, start, end)) {
            const choice: Choice = {
              series: slot.series,
              type: slot.type,
              start,
              end,
              room,
              roomEnd,
              staff,
            };
            if (this.subsetValid(this.appointmentsOf(patient, [choice]))) out.push(choice);
          }
        }
      }
    }
    return out;
  }

  private appointmentsOf(patient: Patient, choices: Choice[]): Appointment[] {
    const keep = (this.problem.existing ?? []).filter(
      (e) => e.mode === 'keepIfPossible' && e.patient === patient.id,
    );
    const perSeries = new Map<string, number>();
    return [...choices]
      .sort((a, b) => a.start - b.start)
      .map((c) => {
        const index = (perSeries.get(c.series) ?? 0) + 1;
        perSeries.set(c.series, index);
        const appointment: Appointment = {
          id: c.pinnedId ?? `${patient.id}-${c.series}-${index}`,
          patient: patient.id,
          series: c.series,
          index,
          sessionType: c.type.id,
          start: offsetIso(this.zone, c.start),
          end: offsetIso(this.zone, c.end),
          room: c.room,
          staff: c.staff.map(({ id, role, start, end }) => ({ id, role, start, end })),
        };
        const kept = keep.find(
          (b) =>
            b.series === c.series &&
            sameAsBooking(this.choiceFromBooking({ series: c.series, index, type: c.type }, b), c),
        );
        if (kept) appointment.id = kept.id;
        return appointment;
      });
  }

  /** The solution scheduling exactly `chosen` (others unscheduled; their pinned bookings stay). */
  solutionOf(chosen: Candidate[]): Solution {
    const ids = new Set(chosen.map((c) => c.patient));
    const pinnedOfOthers = this.problem.patients
      .filter((p) => !ids.has(p.id))
      .flatMap((p) =>
        this.slots(p)
          .filter((s) => s.pinned)
          .map((s) => ({
            patient: p,
            choice: this.choiceFromBooking(s, s.pinned!),
            index: s.index,
          })),
      )
      .map(({ patient, choice, index }) => ({
        ...this.appointmentsOf(patient, [choice])[0],
        index,
      }));
    const appointments = [...chosen.flatMap((c) => c.appointments), ...pinnedOfOthers];
    const total = this.problem.patients.length;
    const solution: Solution = {
      formatVersion: 1,
      status: chosen.length === total ? 'complete' : chosen.length === 0 ? 'none' : 'partial',
      appointments,
      unscheduled: this.problem.patients
        .filter((p) => !ids.has(p.id))
        .map((p) => ({
          patient: p.id,
          reasons: [{ code: 'NOT_CHOSEN', message: 'left out by the exhaustive search' }],
        })),
      score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
      stats: { elapsedMs: 0, proof: 'feasible' },
    };
    solution.score = computeScore(this.problem, solution);
    return solution;
  }

  /** No subset-safe rule is broken by these appointments alone. */
  private subsetValid(appointments: Appointment[]): boolean {
    if (++this.calls > this.maxCalls)
      throw new SearchTooLarge(`more than ${this.maxCalls} validator calls`);
    const solution: Solution = {
      ...this.solutionOf([]),
      status: 'complete',
      appointments,
      unscheduled: [],
    };
    return runRules(this.problem, solution, SUBSET_SAFE_RULES).length === 0;
  }

  private valid(chosen: Candidate[]): boolean {
    if (++this.calls > this.maxCalls)
      throw new SearchTooLarge(`more than ${this.maxCalls} validator calls`);
    return validateSolution(this.problem, this.solutionOf(chosen)).length === 0;
  }

  /** Every valid complete schedule of one patient (others unscheduled), in first-fit order. */
  candidates(patient: Patient): Candidate[] {
    const slots = this.slots(patient);
    const options = slots.map((s) => this.options(patient, s));
    const out: Candidate[] = [];
    const walk = (k: number, chosen: Choice[]) => {
      if (k === slots.length) {
        const candidate = {
          patient: patient.id,
          choices: chosen,
          appointments: this.appointmentsOf(patient, chosen),
        };
        if (this.subsetValid(candidate.appointments) && this.valid([candidate]))
          out.push(candidate);
        return;
      }
      const prevSame = k > 0 && slots[k - 1].series === slots[k].series ? chosen[k - 1] : null;
      for (const option of options[k]) {
        if (prevSame && option.start <= prevSame.start) continue;
        if (chosen.some((c) => c.start < option.end && option.start < c.end)) continue;
        if (chosen.some((c) => clash(c, option))) continue;
        const next = [...chosen, option];
        if (k > 0 && k + 1 < slots.length && !this.subsetValid(this.appointmentsOf(patient, next)))
          continue;
        walk(k + 1, next);
      }
    };
    walk(0, []);
    return out;
  }

  run(): BruteForceResult {
    const patients = this.problem.patients;
    const lists = patients.map((p) => this.candidates(p));
    let best = this.solutionOf([]);
    if (validateSolution(this.problem, best).length > 0)
      throw new Error('the empty solution is not valid');
    const walk = (k: number, chosen: Candidate[]) => {
      if (k === patients.length) {
        const solution = this.solutionOf(chosen);
        if (compareScores(solution.score, best.score) < 0) best = solution;
        return;
      }
      for (const candidate of lists[k]) {
        if (chosen.some((c) => candidatesClash(c, candidate))) continue;
        const next = [...chosen, candidate];
        if (chosen.length === 0 || this.valid(next)) walk(k + 1, next);
      }
      walk(k + 1, chosen);
    };
    walk(0, []);
    const firstFitChosen: Candidate[] = [];
    for (const list of lists) {
      const fit = list.find(
        (c) =>
          !firstFitChosen.some((x) => candidatesClash(x, c)) && this.valid([...firstFitChosen, c]),
      );
      if (fit) firstFitChosen.push(fit);
    }
    const firstFit = this.solutionOf(firstFitChosen);
    return {
      best,
      bestScore: best.score,
      firstFit,
      firstFitScore: firstFit.score,
      candidatesPerPatient: lists.map((l) => l.length),
      validatorCalls: this.calls,
    };
  }
}

function sameAsBooking(booking: Choice, c: Choice): boolean {
  const key = (x: Choice) =>
    x.staff
      .map((s) => `${s.id}/${s.role}`)
      .sort()
      .join(',');
  return booking.start === c.start && booking.room === c.room && key(booking) === key(c);
}

/** Certainly invalid together: a capacity-1 room or an exclusive person used twice at once. */
function clash(a: Choice, b: Choice): boolean {
  return a.staff.some((x) =>
    b.staff.some(
      (y) => x.id === y.id && (x.share <= 1 || y.share <= 1) && x.from < y.to && y.from < x.to,
    ),
  );
}

function candidatesClash(a: Candidate, b: Candidate): boolean {
  return a.choices.some((x) => b.choices.some((y) => clash(x, y)));
}

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
  Patient,
  Problem,
  Score,
  Solution,
} from '../../../src/domain/planning/format';
import { compareScores } from '../../../src/domain/planning/format';
import { offsetIso } from '../../factories/planning/local-time';
import { type Choice, clash, Placements, sameAsBooking, type Slot } from './brute-force-placements';
import { computeScore, runRules, SUBSET_SAFE_RULES, validateSolution } from './validator-api';

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

export class BruteForce {
  private readonly zone: string;
  private readonly placements: Placements;
  private calls = 0;

  constructor(
    private readonly problem: Problem,
    private readonly maxCalls = 150_000,
  ) {
    this.zone = problem.clinic.timeZone;
    this.placements = new Placements(problem);
  }

  /** Placements of one session that break no subset-safe rule on their own. */
  private options(patient: Patient, slot: Slot): Choice[] {
    if (slot.pinned) return [this.placements.fromBooking(slot, slot.pinned)];
    return this.placements
      .gridPlacements(patient, slot)
      .filter((choice) => this.subsetValid(this.appointmentsOf(patient, [choice])));
  }

  private appointmentsOf(patient: Patient, choices: Choice[]): Appointment[] {
    const keep = (this.problem.existing ?? []).filter(
      (e) => e.mode === 'keepIfPossible' && e.patient === patient.id,
    );
    const perSeries = new Map<string, number>();
    // Done sessions (format 1.1) stand unchanged and count in the time order.
    return [...this.placements.doneChoices(patient), ...choices]
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
          staff: c.staff.map(({ id, role, start, end, mode }) => ({
            id,
            role,
            start,
            end,
            ...(mode && { mode }),
          })),
        };
        const kept = keep.find(
          (b) =>
            b.series === c.series &&
            sameAsBooking(
              this.placements.fromBooking({ series: c.series, index, type: c.type }, b),
              c,
            ),
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
        this.placements
          .slots(p)
          .filter((s) => s.pinned)
          .map((s) => ({
            patient: p,
            choice: this.placements.fromBooking(s, s.pinned!),
            index: s.index,
          })),
      )
      .map(({ patient, choice, index }) => ({
        ...this.appointmentsOf(patient, [choice]).find((a) => a.id === choice.pinnedId)!,
        index,
      }));
    // Done sessions of the patients left out stay too (format 1.1).
    const doneOfOthers = this.problem.patients
      .filter((p) => !ids.has(p.id))
      .flatMap((p) => this.appointmentsOf(p, []));
    const missed = (this.problem.existing ?? []).filter((e) => e.mode === 'missed');
    const appointments = [
      ...chosen.flatMap((c) => c.appointments),
      ...pinnedOfOthers,
      ...doneOfOthers,
    ];
    const total = this.problem.patients.length;
    const solution: Solution = {
      formatVersion: this.problem.formatVersion,
      ...(missed.length > 0 && { missed }),
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
    const slots = this.placements.slots(patient);
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

function candidatesClash(a: Candidate, b: Candidate): boolean {
  return a.choices.some((x) => b.choices.some((y) => clash(x, y)));
}

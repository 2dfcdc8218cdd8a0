/**
 * A multi-program outpatient clinic over a 6-week horizon crossing the US
 * daylight-saving change (2027-03-14): IV ketamine Mon/Wed/Fri, IM KAP,
 * esketamine with IFS/EMDR, EMDR intensives. Staff and rooms scale with the
 * patient count (60 staff for 200 patients), so clinic-50 is a quarter of
 * clinic-200.
 */
import type {
  Patient,
  Problem,
  Protocol,
  Room,
  Solution,
  StaffMember,
  Weekday,
} from '../../src/domain/planning/format';
import { firstFitBook } from '../../src/domain/planning/first-fit/first-fit-booker';
import { addDays } from '../../src/domain/planning/first-fit/clinic-time';
import { buildModel, patientModel } from '../../src/domain/planning/first-fit/model';
import { PatientBooking } from '../../src/domain/planning/first-fit/patient-booking';
import {
  EMDR_INTENSIVE_2W,
  ESKETAMINE_4W,
  IV_MWF_2W,
  KAP_IM_3W,
  MON_FRI,
  SESSION_TYPES,
  staffMember,
} from './catalog';
import { Prng } from './prng';

const HORIZON_START = '2027-03-01';
const HORIZON_END = '2027-04-11';
const HORIZON_DAYS = 42;

/** Staff per 200 patients, by role (60 in all). */
const STAFF_PER_200: [prefix: string, roles: string[], count: number][] = [
  ['prescriber', ['prescriber'], 12],
  ['rn', ['rn'], 12],
  ['kap', ['kap-therapist'], 16],
  ['kap-art', ['kap-therapist', 'art-practitioner'], 8],
  ['emdr', ['emdr-therapist'], 8],
  ['ifs', ['ifs-therapist'], 4],
];

/** Weekly patterns cycled through each role, so part-timers scale with the team. */
const PATTERNS: [Weekday[], string, string][] = [
  [MON_FRI, '07:30', '18:30'],
  [['TU', 'WE', 'TH', 'FR', 'SA'], '08:00', '18:00'],
  [['MO', 'WE', 'FR'], '07:30', '17:00'],
  [['MO', 'TU', 'WE', 'TH'], '08:00', '18:30'],
];

function staff(scale: number, rng: Prng): StaffMember[] {
  const out: StaffMember[] = [];
  for (const [prefix, roles, per200] of STAFF_PER_200) {
    const n = Math.max(1, Math.round(per200 * scale));
    for (let i = 0; i < n; i++) {
      const [days, start, end] = PATTERNS[i % PATTERNS.length];
      const off = rng.chance(0.3) ? [addDays(HORIZON_START, rng.int(0, HORIZON_DAYS - 1))] : [];
      const m = staffMember(`${prefix}-${i + 1}`, roles, days, start, end, off);
      if (roles.includes('prescriber')) m.limits = { maxSessionsPerDay: 16 };
      if (roles.includes('kap-therapist')) m.limits = { maxMinutesPerDay: 450 };
      out.push(m);
    }
  }
  return out;
}

function rooms(scale: number): Room[] {
  const out: Room[] = [];
  const add = (prefix: string, features: string[], per200: number, capacity = 1) => {
    const n = Math.max(1, Math.round(per200 * scale));
    for (let i = 0; i < n; i++)
      out.push({ id: `${prefix}-${i + 1}`, features, ...(capacity > 1 ? { capacity } : {}) });
  };
  add('infusion', ['infusion', 'monitoring'], 20);
  add('dosing', ['dosing', 'monitoring'], 20);
  for (const id of ['recliner-lounge-1', 'recliner-lounge-2'])
    out.push({
      id,
      features: ['recliner', 'monitoring'],
      capacity: Math.max(1, Math.round(12 * scale)),
    });
  add('therapy', ['therapy'], 32);
  return out;
}

function patient(i: number, rng: Prng): Patient {
  const id = `p-${String(i + 1).padStart(3, '0')}`;
  const kind = i % 20;
  let protocol: Protocol;
  let first: number;
  let window: number;
  const p: Partial<Patient> = {};
  if (kind < 5) {
    protocol = IV_MWF_2W;
    first = rng.int(0, HORIZON_DAYS - 19);
    window = 25;
  } else if (kind < 10) {
    protocol = KAP_IM_3W;
    first = rng.int(0, HORIZON_DAYS - 27);
    window = 32;
    if (rng.chance(0.2)) p.counts = { dose: 7, integration: 7 };
  } else if (kind < 15) {
    protocol = ESKETAMINE_4W;
    first = rng.int(0, HORIZON_DAYS - 30);
    window = 34;
  } else {
    protocol = EMDR_INTENSIVE_2W;
    first = rng.int(0, 28);
    window = 13;
  }
  const earliestStart = addDays(HORIZON_START, first);
  const latestEnd = addDays(HORIZON_START, Math.min(HORIZON_DAYS - 1, first + window));
  const out: Patient = { id, protocol: protocol.id, ...p, earliestStart, latestEnd };
  if (protocol !== EMDR_INTENSIVE_2W && rng.chance(0.2)) {
    const d = addDays(earliestStart, rng.int(2, 10));
    out.unavailable = [{ start: `${d}T15:00`, end: `${d}T18:00` }];
  }
  return out;
}

/**
 * A clinic problem with a planted complete solution: candidate patients are
 * drawn in turn and kept only when first-fit can add them to the schedule of
 * those kept so far (else another candidate of the same program is drawn), so
 * a complete schedule is known to exist. The kept patients are then shuffled,
 * so the input order the naive booker sees is not the one that works.
 */
export function clinicProblem(patients: number, seed: number): Problem {
  return plantedClinic(patients, seed).problem;
}

/** The clinic problem and the patient ids in the order in which first-fit schedules them all. */
export function plantedClinic(
  patients: number,
  seed: number,
): { problem: Problem; plantedOrder: string[] } {
  const rng = new Prng(seed);
  const scale = patients / 200;
  const base: Problem = {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    horizon: { start: HORIZON_START, end: HORIZON_END },
    staff: staff(scale, rng),
    rooms: rooms(scale),
    sessionTypes: SESSION_TYPES,
    protocols: [IV_MWF_2W, KAP_IM_3W, ESKETAMINE_4W, EMDR_INTENSIVE_2W],
    patients: [],
    options: { timeLimitMs: 30000, seed },
  };
  const model = buildModel(base);
  const kept: Patient[] = [];
  let misses = 0;
  for (let tries = 0; kept.length < patients; tries++) {
    if (tries > patients * 20)
      throw new Error(
        `clinic-${patients}: cannot plant ${patients} patients (kept ${kept.length})`,
      );
    // After repeated misses, draw from the next program: the mix follows what fits.
    const candidate = patient(kept.length + Math.floor(misses / 5), rng);
    if (new PatientBooking(model, patientModel(model, candidate)).run()) {
      kept.push(candidate);
      misses = 0;
    } else misses++;
  }
  const order = kept.map((p, i) => ({ p, key: rng.next(), i }));
  order.sort((a, b) => a.key - b.key || a.i - b.i);
  const ids = new Map<number, string>(
    order.map(({ i }, k) => [i, `p-${String(k + 1).padStart(3, '0')}`]),
  );
  return {
    problem: { ...base, patients: order.map(({ p, i }) => ({ ...p, id: ids.get(i) as string })) },
    plantedOrder: kept.map((_, i) => ids.get(i) as string),
  };
}

/** The clinic problem with its planted solution: first-fit over the patients in the planted order. */
export function plantedClinicReference(
  patients: number,
  seed: number,
): { problem: Problem; reference: Solution } {
  const { problem, plantedOrder } = plantedClinic(patients, seed);
  const byId = new Map(problem.patients.map((p) => [p.id, p]));
  const reference = firstFitBook({
    ...problem,
    patients: plantedOrder.map((id) => byId.get(id) as Patient),
  });
  return { problem, reference };
}

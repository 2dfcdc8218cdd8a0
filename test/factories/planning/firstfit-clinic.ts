/**
 * A random clinic for the first-fit planted generator (firstfit-planted.ts):
 * a few of the product's programs (firstfit-programs.ts) in one IANA zone,
 * over a horizon that crosses the zone's daylight-saving change, staff with
 * roles, weekly working patterns, days off and some daily limits, rooms with
 * features and capacities, and candidate patients with random earliest starts
 * (any weekday), some with a latest end, some with other series counts or an
 * unavailable afternoon. Staff and rooms are sized from the patients' demand
 * times `staffing`, so the naive booker schedules most but not all of them.
 */
import type {
  AvailabilityWindow,
  Patient,
  Problem,
  Protocol,
  Room,
  Series,
  SessionType,
  StaffMember,
} from '../../../src/domain/planning/format';
import { isLinkedCount } from '../../../src/domain/planning/format';
import { mergePrograms, PROGRAM_KINDS, programVariants, type Program } from './firstfit-programs';
import { addDays } from './local-time';
import { countRange, sessionsOf } from './series-count';
import type { Rng } from './rng';
import { ZONE_CASES } from './zones';

export interface ClinicOptions {
  /** Candidate patients to draw. */
  candidates: number;
  /** Multiplies the staff and room counts (the generator raises it when too few fit). */
  staffing: number;
  /** Index into PROGRAM_KINDS of a kind every clinic of this seed includes (spreads kinds over seeds). */
  kindIndex: number;
}

/** Weekly working patterns: [BYDAY, windows]. */
const PATTERNS: [string, [string, string][]][] = [
  ['MO,TU,WE,TH,FR', [['08:00', '17:30']]],
  ['TU,WE,TH,FR,SA', [['08:00', '18:00']]],
  ['MO,WE,FR', [['07:30', '17:00']]],
  ['MO,TU,WE,TH', [['08:00', '18:30']]],
  [
    'MO,TU,WE,TH,FR',
    [
      ['08:00', '12:00'],
      ['13:00', '19:30'],
    ],
  ],
];
/** Everyday pattern for the roles a residential retreat needs. */
const EVERY_DAY: [string, string] = ['07:00', '20:30'];
const MEDICAL = new Set(['prescriber', 'rn']);

export function drawClinic(rng: Rng, options: ClinicOptions): Problem {
  const zoneCase = rng.pick(ZONE_CASES);
  const dst = rng.pick(zoneCase.dstDates);
  const programs = drawPrograms(rng, options.kindIndex);
  const { protocols, sessionTypes } = mergePrograms(programs);
  const startWindow = rng.int(10, 21);
  const longest = Math.max(...protocols.map((p) => p.spanDays?.max ?? 28));
  const days = startWindow + longest + 10;
  const start = addDays(dst, -rng.int(2, startWindow + 7));
  const end = addDays(start, days - 1);
  const patients = Array.from({ length: options.candidates }, (_, i) =>
    drawPatient(rng, i, rng.pick(protocols), start, startWindow, end),
  );
  const demand = new Demand(sessionTypes, protocols, patients);
  const retreatRoles = rolesOf(
    programs.filter((p) => p.kind === 'retreat'),
    sessionTypes,
    protocols,
  );
  const closures = rng.chance(0.3) ? [addDays(start, rng.int(3, days - 3))] : [];
  return {
    formatVersion: 1,
    clinic: { timeZone: zoneCase.zone, slotMinutes: rng.chance(0.15) ? 30 : 15, closures },
    horizon: { start, end },
    staff: drawStaff(rng, demand, days, options.staffing, retreatRoles, start),
    rooms: drawRooms(rng, demand, days, options.staffing, start),
    sessionTypes,
    protocols,
    patients,
  };
}

function drawPrograms(rng: Rng, kindIndex: number): Program[] {
  const first = PROGRAM_KINDS[kindIndex % PROGRAM_KINDS.length];
  const others = rng.shuffle(PROGRAM_KINDS.filter((k) => k !== first)).slice(0, rng.int(1, 3));
  return [first, ...others].map((kind) => rng.pick(programVariants(kind)));
}

function drawPatient(
  rng: Rng,
  i: number,
  protocol: Protocol,
  start: string,
  startWindow: number,
  end: string,
): Patient {
  const earliestStart = addDays(start, rng.int(0, startWindow - 1));
  const patient: Patient = { id: `cand-${i + 1}`, protocol: protocol.id, earliestStart };
  if (rng.chance(0.35)) {
    const latest = addDays(earliestStart, (protocol.spanDays?.max ?? 28) + rng.int(3, 14));
    patient.latestEnd = latest < end ? latest : end;
  }
  const counts = drawCounts(rng, protocol);
  if (counts) patient.counts = counts;
  if (rng.chance(0.15)) {
    const d = addDays(earliestStart, rng.int(1, 10));
    patient.unavailable = [{ start: `${d}T13:00`, end: `${d}T17:00` }];
  }
  return patient;
}

/** Other counts for a series with a range (sometimes), keeping every follow-up's targets numerous enough. */
function drawCounts(rng: Rng, protocol: Protocol): Record<string, number> | undefined {
  const range = (s: Series) => countRange(protocol, s);
  const ranged = protocol.series.filter(
    (s) => !isLinkedCount(s.count) && range(s).max > range(s).min,
  );
  if (ranged.length === 0 || !rng.chance(0.25)) return undefined;
  const counts: Record<string, number> = {};
  const count = (id: string) => {
    return sessionsOf(
      protocol,
      protocol.series.find((x) => x.id === id)!,
      counts,
    );
  };
  const series = rng.pick(ranged);
  counts[series.id] = rng.int(range(series).min, range(series).max);
  for (const rule of protocol.rules ?? []) {
    if (rule.type !== 'followUp' || rule.anchor !== series.id) continue;
    const short = counts[series.id] - rule.targets.reduce((n, t) => n + count(t), 0);
    if (short <= 0) continue;
    const target = protocol.series.find((x) => x.id === rule.targets[0])!;
    if (isLinkedCount(target.count) || count(target.id) + short > range(target).max)
      return undefined;
    counts[target.id] = count(target.id) + short;
  }
  return counts;
}

/** Minutes each role and each room feature set is occupied by the candidates' default courses. */
class Demand {
  readonly roles = new Map<string, number>();
  readonly rooms = new Map<string, { features: string[]; minutes: number }>();

  constructor(types: SessionType[], protocols: Protocol[], patients: Patient[]) {
    for (const patient of patients) {
      const protocol = protocols.find((p) => p.id === patient.protocol)!;
      for (const series of protocol.series) {
        const n = sessionsOf(protocol, series, patient.counts);
        const type = types.find((t) => t.id === series.sessionType)!;
        for (const req of type.staff) {
          const minutes = (req.durationMinutes ?? type.durationMinutes) * (req.count ?? 1);
          this.add(this.roles, req.role, (n * minutes) / (req.maxConcurrent ?? 1));
        }
        if (type.room) {
          const key = [...type.room.features].sort().join('+');
          const entry = this.rooms.get(key) ?? { features: type.room.features, minutes: 0 };
          entry.minutes += n * (type.durationMinutes + (type.room.turnoverMinutes ?? 0));
          this.rooms.set(key, entry);
        }
      }
    }
  }

  private add(map: Map<string, number>, key: string, minutes: number): void {
    map.set(key, (map.get(key) ?? 0) + minutes);
  }
}

function rolesOf(programs: Program[], types: SessionType[], protocols: Protocol[]): Set<string> {
  const roles = new Set<string>();
  for (const program of programs) {
    const protocol = protocols.find((p) => p.id === program.protocol.id)!;
    for (const s of protocol.series)
      for (const req of types.find((t) => t.id === s.sessionType)!.staff) roles.add(req.role);
  }
  return roles;
}

/** Heads needed for `minutes` of work over `days` days at a utilisation the first-fit booker reaches. */
function heads(rng: Rng, minutes: number, perDay: number, days: number, staffing: number): number {
  const utilisation = 0.2 + 0.15 * rng.next();
  return Math.max(1, Math.ceil((minutes * staffing) / (perDay * days * utilisation)));
}

function drawStaff(
  rng: Rng,
  demand: Demand,
  days: number,
  staffing: number,
  retreatRoles: Set<string>,
  start: string,
): StaffMember[] {
  const roles = [...demand.roles.keys()];
  const therapyRoles = roles.filter((r) => !MEDICAL.has(r));
  const staff: StaffMember[] = [];
  for (const [role, minutes] of demand.roles) {
    const n = heads(rng, minutes, 5 * 540, days / 7, staffing);
    const shift = rng.int(0, PATTERNS.length - 1);
    for (let k = 0; k < n; k++) {
      const extra = MEDICAL.has(role) ? [] : therapyRoles.filter((r) => r !== role);
      const member: StaffMember = {
        id: `${role}-${k + 1}`,
        roles: extra.length && rng.chance(0.15) ? [role, rng.pick(extra)] : [role],
        availability:
          retreatRoles.has(role) && k % 2 === 0
            ? [{ rrule: 'FREQ=DAILY', start: EVERY_DAY[0], end: EVERY_DAY[1] }]
            : weekly(PATTERNS[(k + shift) % PATTERNS.length]),
      };
      if (rng.chance(0.3))
        member.timeOff = Array.from({ length: rng.int(1, 3) }, () => dayOff(rng, start, days));
      if (role === 'prescriber' && rng.chance(0.4))
        member.limits = { maxSessionsPerDay: rng.int(6, 14) };
      else if (!MEDICAL.has(role) && rng.chance(0.3))
        member.limits = { maxMinutesPerDay: rng.int(300, 480) };
      staff.push(member);
    }
  }
  return staff;
}

function drawRooms(
  rng: Rng,
  demand: Demand,
  days: number,
  staffing: number,
  start: string,
): Room[] {
  const rooms: Room[] = [];
  for (const { features, minutes } of demand.rooms.values()) {
    const shared = features.includes('recliner')
      ? rng.int(3, 4)
      : features.some((f) => f === 'dosing' || f === 'infusion')
        ? rng.pick([1, 1, 2, 3])
        : 1;
    const n = heads(rng, minutes, 6 * 600 * shared, days / 7, staffing);
    for (let k = 0; k < n; k++) {
      const room: Room = { id: `${features.join('-')}-${k + 1}`, features: [...features] };
      if (shared > 1) room.capacity = shared;
      if (rng.chance(0.4))
        room.availability = [{ rrule: 'FREQ=DAILY', start: '07:00', end: '21:00' }];
      if (rng.chance(0.15)) room.timeOff = [dayOff(rng, start, days)];
      rooms.push(room);
    }
  }
  return rooms;
}

function weekly([byDay, windows]: [string, [string, string][]]): AvailabilityWindow[] {
  return windows.map(([s, e]) => ({ rrule: `FREQ=WEEKLY;BYDAY=${byDay}`, start: s, end: e }));
}

function dayOff(rng: Rng, start: string, days: number): { start: string; end: string } {
  const d = addDays(start, rng.int(0, days - 1));
  return { start: `${d}T00:00`, end: `${addDays(d, 1)}T00:00` };
}

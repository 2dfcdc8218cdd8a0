/**
 * Planning document format, versions 1 and 1.1 — the TypeScript shape of
 * `docs/planning-format.md`. These types are the contract between the
 * planner, its input checker, the independent solution validator, the CLI,
 * the stateless endpoint and plans built from stored data.
 *
 * Local dates are `YYYY-MM-DD`, local times `HH:MM`, local date-times
 * `YYYY-MM-DDTHH:MM`, all wall-clock in `clinic.timeZone`.
 */

export const FORMAT_VERSION = 1 as const;

/** Versions a problem may declare; a solution answers with its problem's version. */
export const FORMAT_VERSIONS = [1, 1.1] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export type LocalDate = string;
export type LocalTime = string;
export type LocalDateTime = string;

export interface RecurringWindow {
  rrule: string;
  start: LocalTime;
  end: LocalTime;
  from?: LocalDate;
  until?: LocalDate;
}

export interface OneOffWindow {
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
}

export type AvailabilityWindow = RecurringWindow | OneOffWindow;

export interface LocalPeriod {
  start: LocalDateTime;
  end: LocalDateTime;
}

export interface Clinic {
  timeZone: string;
  slotMinutes?: number;
  closures?: LocalDate[];
}

export interface Horizon {
  start: LocalDate;
  end: LocalDate;
}

export interface StaffLimits {
  maxSessionsPerDay?: number;
  maxMinutesPerDay?: number;
}

export interface StaffMember {
  id: string;
  roles: string[];
  availability?: AvailabilityWindow[];
  timeOff?: LocalPeriod[];
  limits?: StaffLimits;
}

export interface Room {
  id: string;
  features?: string[];
  capacity?: number;
  availability?: AvailabilityWindow[];
  timeOff?: LocalPeriod[];
}

export interface RoomNeed {
  features: string[];
  turnoverMinutes?: number;
}

/**
 * Format 1.1: `"occupied"` (the default) takes the people for their interval;
 * `"present"` only needs them on duty (inside their availability, not on time
 * off, not busy, not on a closure) without occupying them.
 */
export type StaffRequirementMode = 'occupied' | 'present';

export interface StaffRequirement {
  role: string;
  count?: number;
  offsetMinutes?: number;
  durationMinutes?: number;
  maxConcurrent?: number;
  /** Format 1.1; default `"occupied"`. */
  mode?: StaffRequirementMode;
}

/** Format 1.1: a session type held as occurrences of `min`..`max` patients each. */
export interface GroupSize {
  min: number;
  max: number;
}

export interface SessionType {
  id: string;
  durationMinutes: number;
  room: RoomNeed | null;
  staff: StaffRequirement[];
  /** Format 1.1: group sessions (occurrences shared by several patients). */
  group?: GroupSize;
}

export interface CountRange {
  min: number;
  max: number;
  default?: number;
}

/** Format 1.1: exactly as many sessions as the patient gets of series `sameAs`. */
export interface LinkedCount {
  sameAs: string;
}

export type SeriesCount = CountRange | LinkedCount;

export function isLinkedCount(count: SeriesCount): count is LinkedCount {
  return typeof count === 'object' && count !== null && 'sameAs' in count;
}

export interface HourRange {
  min?: number;
  max?: number;
}

export interface Series {
  id: string;
  sessionType: string;
  /** A range, or (format 1.1) a link to another series' count. */
  count: SeriesCount;
  gapHours?: HourRange;
  /**
   * Format 1.1: after a missed session, bounds the gap from the series' last
   * done session before the miss to its first session after it (instead of
   * `gapHours`). `max` is required; `min` defaults to `gapHours.min`.
   */
  resumeGapHours?: HourRange;
  days?: Weekday[];
}

export type Occurrence = 'first' | 'last' | number;

export interface RulePoint {
  series: string;
  occurrence: Occurrence;
  point: 'start' | 'end';
}

export interface OffsetRule {
  type: 'offset';
  from: RulePoint;
  to: RulePoint;
  hours: HourRange;
}

export interface FollowUpRule {
  type: 'followUp';
  anchor: string;
  targets: string[];
  hours: HourRange;
  sameDay?: boolean;
}

export interface NotSameDayRule {
  type: 'notSameDay';
  series: string[];
}

/** Format 1.1: any two distinct sessions of the listed series start at least `minHours` apart. */
export interface SeparationRule {
  type: 'separation';
  series: string[];
  minHours: number;
}

/**
 * Every protocol rule type. Adding a member here makes every stage that
 * handles rules fail to compile until it handles the new type; see
 * `rule-types.ts` and "Adding a rule type" in docs/architecture.md.
 */
export type ProtocolRule = OffsetRule | FollowUpRule | NotSameDayRule | SeparationRule;

export interface PatientDay {
  start?: LocalTime;
  end?: LocalTime;
  maxSessions?: number;
  maxMinutes?: number;
  minBreakMinutes?: number;
}

export interface Continuity {
  series: string[];
  role: string;
  mode: 'require' | 'prefer';
}

export interface Protocol {
  id: string;
  spanDays?: { min?: number; max?: number };
  series: Series[];
  rules?: ProtocolRule[];
  patientDay?: PatientDay;
  restDays?: Weekday[];
  continuity?: Continuity[];
}

export interface Patient {
  id: string;
  protocol: string;
  counts?: Record<string, number>;
  earliestStart?: LocalDate;
  latestEnd?: LocalDate;
  unavailable?: LocalPeriod[];
}

export interface ExistingStaffAssignment {
  id: string;
  role: string;
}

/**
 * `pinned` and `keepIfPossible` (version 1) are bookings to keep; format 1.1
 * adds history: `done` (it took place: kept unchanged, counted) and `missed`
 * (it did not: counts nothing, occupies nothing, echoed in `Solution.missed`).
 */
export type ExistingMode = 'pinned' | 'keepIfPossible' | 'done' | 'missed';

export interface ExistingBooking {
  id: string;
  patient: string;
  series: string;
  index: number;
  start: LocalDateTime;
  room?: string | null;
  staff: ExistingStaffAssignment[];
  mode: ExistingMode;
  /** Format 1.1: the group occurrence this booking is part of (group session types only). */
  occurrence?: string;
}

export interface BusyPeriod {
  resource: string;
  start: LocalDateTime;
  end: LocalDateTime;
}

export interface PlanOptions {
  timeLimitMs?: number;
  seed?: number;
}

export interface Problem {
  formatVersion: FormatVersion;
  clinic: Clinic;
  horizon: Horizon;
  /** Format 1.1: every session that is not `done` or `pinned` starts at or after it. */
  now?: LocalDateTime;
  staff: StaffMember[];
  rooms: Room[];
  sessionTypes: SessionType[];
  protocols: Protocol[];
  patients: Patient[];
  existing?: ExistingBooking[];
  busy?: BusyPeriod[];
  options?: PlanOptions;
}

// ---------------------------------------------------------------- solution

/** ISO 8601 instant with the zone's offset at that instant, e.g. `2027-03-15T09:00:00-04:00`. */
export type OffsetDateTime = string;

export interface StaffAssignment {
  id: string;
  role: string;
  start: OffsetDateTime;
  end: OffsetDateTime;
  /** Format 1.1: set on assignments to a `mode: "present"` requirement; absent otherwise. */
  mode?: 'present';
}

export interface Appointment {
  id: string;
  patient: string;
  series: string;
  index: number;
  sessionType: string;
  start: OffsetDateTime;
  end: OffsetDateTime;
  room: string | null;
  staff: StaffAssignment[];
  /** Format 1.1: the occurrence id, on every appointment of a group session type. */
  occurrence?: string;
}

export interface Reason {
  code: string;
  message: string;
  suggestion?: string;
}

export interface Unscheduled {
  patient: string;
  reasons: Reason[];
}

export interface Score {
  scheduledPatients: number;
  movedAppointments: number;
  continuityBreaks: number;
  completionDays: number;
}

export type Proof = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

export interface SolutionStats {
  elapsedMs: number;
  proof: Proof;
  /** Upper bound on the patients any solution can schedule (≥ score.scheduledPatients). */
  bound?: { scheduledPatients: number };
}

export interface Solution {
  formatVersion: FormatVersion;
  status: 'complete' | 'partial' | 'none';
  appointments: Appointment[];
  unscheduled: Unscheduled[];
  score: Score;
  stats: SolutionStats;
  /** Format 1.1: the problem's `missed` records, unchanged. */
  missed?: ExistingBooking[];
}

/**
 * Lexicographic score comparison of the format: negative when `a` is better
 * than `b`, positive when worse, zero when equal.
 */
export function compareScores(a: Score, b: Score): number {
  if (a.scheduledPatients !== b.scheduledPatients) return b.scheduledPatients - a.scheduledPatients;
  if (a.movedAppointments !== b.movedAppointments) return a.movedAppointments - b.movedAppointments;
  if (a.continuityBreaks !== b.continuityBreaks) return a.continuityBreaks - b.continuityBreaks;
  return a.completionDays - b.completionDays;
}

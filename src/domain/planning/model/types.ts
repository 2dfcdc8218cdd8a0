/**
 * The compiled planning model: the Problem turned into integers once, so the
 * search works on numbers only. Instants are epoch minutes; days are indices
 * from `horizon.start` (0-based); slots are indices into `Model.slotStart`.
 */
import type { IntervalList } from './intervals';

export interface StaffModel {
  index: number;
  id: string;
  roles: Set<string>;
  free: IntervalList;
  maxSessionsPerDay: number;
  maxMinutesPerDay: number;
}

export interface RoomModel {
  index: number;
  id: string;
  features: Set<string>;
  capacity: number;
  free: IntervalList;
}

export interface StaffNeed {
  role: string;
  count: number;
  offset: number;
  duration: number;
  /** 1 when the assignment may not be shared. */
  maxConcurrent: number;
  /**
   * Format 1.1 `mode: "present"`: the people must be on duty (their `free`
   * time covers the interval) but are not occupied: the assignment may
   * overlap any other of theirs (including another need of the same
   * session), and counts toward no staff limit nor continuity.
   */
  present: boolean;
  /** Staff indices holding the role. */
  candidates: number[];
}

export interface SessionTypeModel {
  index: number;
  id: string;
  duration: number;
  room: { features: string[]; turnover: number; candidates: number[] } | null;
  needs: StaffNeed[];
  /**
   * Format 1.1 group sessions: held as occurrences (one start, room and set of
   * staff each) of `min`..`max` patients; rooms and staff count an occurrence
   * once. null: one patient per session.
   */
  group: { min: number; max: number } | null;
  /** Per slot: whether resources exist for a session starting there, ignoring other bookings. */
  staticOk: Uint8Array;
}

export interface SeriesModel {
  index: number;
  id: string;
  sessionType: number;
  defaultCount: number;
  /** Minutes; -Infinity / Infinity when unbounded. */
  gapMin: number;
  gapMax: number;
  /**
   * Format 1.1 `resumeGapHours`, minutes: after a missed session, replaces
   * [gapMin, gapMax] for the gap from the series' latest done session before
   * the miss to its first session after the miss. `min` already defaults to
   * gapMin. null: no resume bound (gapHours applies to that gap too).
   */
  resumeGap: { min: number; max: number } | null;
  /**
   * Format 1.1 `count: { sameAs }`: the series index whose count this one
   * takes. Informational only: `defaultCount` and every patient's `counts`
   * are already resolved. null: the series has its own count range.
   */
  countSameAs: number | null;
  /** Bit i set: weekday i (0 = Monday) allowed. */
  dayMask: number;
}

export type OccurrenceRef = 'first' | 'last' | number;

export interface OffsetRuleModel {
  from: { series: number; occurrence: OccurrenceRef; end: boolean };
  to: { series: number; occurrence: OccurrenceRef; end: boolean };
  min: number;
  max: number;
}

export interface FollowUpRuleModel {
  anchor: number;
  targets: number[];
  min: number;
  max: number;
  sameDay: boolean;
}

/**
 * Any two distinct sessions of the listed series (within one series or across
 * them) start at least `minMinutes` apart (real elapsed minutes).
 */
export interface SeparationRuleModel {
  /** Series indices, distinct. */
  series: number[];
  minMinutes: number;
}

export interface ContinuityModel {
  series: number[];
  role: string;
  require: boolean;
}

export interface ProtocolModel {
  index: number;
  id: string;
  series: SeriesModel[];
  seriesById: Map<string, number>;
  offsets: OffsetRuleModel[];
  followUps: FollowUpRuleModel[];
  notSameDay: number[][];
  separations: SeparationRuleModel[];
  dayStart: number;
  dayEnd: number;
  maxSessionsPerDay: number;
  maxMinutesPerDay: number;
  minBreak: number;
  restMask: number;
  spanMin: number;
  spanMax: number;
  continuity: ContinuityModel[];
}

export interface ExistingModel {
  id: string;
  series: number;
  index: number;
  start: number;
  room: number;
  /** Staff index per need, in need order: staff[needIndex] = list of staff indices. */
  staff: number[][];
  /** mode === 'pinned'. */
  pinned: boolean;
  mode: 'pinned' | 'keepIfPossible' | 'done' | 'missed';
  /** Format 1.1: the group occurrence id of the booking; null when none. */
  occurrence: string | null;
}

export interface PatientModel {
  index: number;
  id: string;
  protocol: number;
  counts: number[];
  /** Day indices, inclusive, clipped to the horizon. */
  firstDay: number;
  lastDay: number;
  /** Day index from which completionDays counts (earliestStart or horizon start). */
  completionBase: number;
  unavailable: IntervalList;
  /** The `pinned` and `keepIfPossible` bookings (version 1): sessions to keep. */
  existing: ExistingModel[];
  /**
   * Format 1.1 history, in start order. `done`: sessions that took place; part
   * of every solution unchanged (their ids, start, room and staff), they count
   * toward `counts` (so the patient needs counts minus done new sessions of
   * the series) and are judged only by the rules linking sessions of a
   * patient (gaps, offsets, follow-ups, notSameDay, separation, continuity,
   * spans), not by resources or the patient day; a new session may not
   * overlap one. They may lie before the horizon (no day index) and `now`.
   */
  done: ExistingModel[];
  /**
   * Format 1.1 `missed` records, in start order: they count nothing and
   * occupy nothing; only their starts matter (for `resumeGap`).
   */
  missed: ExistingModel[];
  /**
   * Set by the solver's course view (solver/course.ts) for a patient with
   * done sessions: `counts` and `existing` indexes there count only the new
   * sessions (after the done ones), and this says what the done ones fix.
   */
  course?: CourseHistory;
}

/** A done session as the solver sees it: fixed, occupying nothing but the patient. */
export interface DoneSession {
  series: number;
  start: number;
  end: number;
  /** Day index from horizon.start of its local date (negative before the horizon). */
  day: number;
  /** Staff indices per need of the session type (as ExistingModel.staff). */
  staff: number[][];
}

export interface CourseHistory {
  /** Done sessions in start order. */
  done: DoneSession[];
  /** Per series: how many of its sessions are done (they are its first ones). */
  doneCount: number[];
  /** Per series: the start of its last done session, or null. */
  lastDone: Array<number | null>;
  /** Per series: the first missed start after its last done session, or null (resumeGap). */
  missedAfter: Array<number | null>;
}

export interface Model {
  zone: string;
  /**
   * Format 1.1 `now`, an instant like every other (epoch minutes): every
   * session that is not done or pinned starts at or after it. null: no bound.
   */
  now: number | null;
  slotMinutes: number;
  /** Day number (see time/local-date) of horizon.start. */
  firstDayNumber: number;
  numDays: number;
  /** Instant of local midnight of each day; length numDays + 1. */
  dayStartAt: number[];
  weekday: number[];
  closed: boolean[];
  slotStart: Int32Array;
  slotDay: Int32Array;
  /** First slot index of each day; length numDays + 1. */
  daySlot: Int32Array;
  staff: StaffModel[];
  rooms: RoomModel[];
  sessionTypes: SessionTypeModel[];
  protocols: ProtocolModel[];
  patients: PatientModel[];
}

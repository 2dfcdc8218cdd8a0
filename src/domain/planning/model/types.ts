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
  /** Staff indices holding the role. */
  candidates: number[];
}

export interface SessionTypeModel {
  index: number;
  id: string;
  duration: number;
  room: { features: string[]; turnover: number; candidates: number[] } | null;
  needs: StaffNeed[];
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
  pinned: boolean;
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
  existing: ExistingModel[];
}

export interface Model {
  zone: string;
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

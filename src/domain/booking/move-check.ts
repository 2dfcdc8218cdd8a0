/**
 * Whether a booked session may take another start, room or staff: the verdict a hand booking
 * (POST /v1/appointments) or a move (PATCH) gives, computed in memory from what the service
 * read once, so that many candidates can be judged per request (the move options). It runs
 * the booking's own checks, not a copy of them: the staffing (staffing.ts), the lanes'
 * capacity decision (lanes.ts), the course rules (course-rules.ts), the staff day limits
 * (staff-day.ts) and the planner's independent validator on the one-patient problem
 * (patient-rules.ts). Pure.
 */
import { DateTime } from 'luxon';
import type { FieldIssue } from '../errors';
import type { SessionType, StaffLimits } from '../planning/format';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { courseIssues, type CourseSession } from './course-rules';
import { componentOf, decideLane, REPACK_LIMIT, type LaneHold } from './lanes';
import { patientRuleChecker, type BookedSession, type PatientRulesInput } from './patient-rules';
import { staffDayIssues, type DayAssignment } from './staff-day';
import { assignStaff, type KnownStaff, type StaffPick, type StaffSlot } from './staffing';

const MINUTE_MS = 60_000;

export interface MoveRoom {
  id: string;
  name: string;
  features: string[];
  capacity: number;
  archived: boolean;
}

export interface MoveStaff {
  id: string;
  name: string;
  roles: string[];
  archived: boolean;
  limits: StaffLimits | null;
}

/** A place for the session: its start (epoch ms), room and the people in request order. */
export interface MoveCandidate {
  start: number;
  roomId: string | null;
  staff: StaffPick[];
}

/** Everything the checks need, read once (the session itself left out of every list). */
export interface MoveContext {
  zone: string;
  /** Epoch ms; a session may not be moved to start before it. */
  now: number;
  series: string;
  index: number;
  definition: ProtocolDefinition;
  counts: Record<string, number>;
  /** Planning shape of the session's type (id = code). */
  type: SessionType;
  patientId: string;
  /** The patient's other booked or completed sessions of the enrollment. */
  course: Omit<CourseSession, 'isNew'>[];
  /** The validator's input without the candidate (booked = the other sessions). */
  rules: Omit<PatientRulesInput, 'candidate'>;
  staff: ReadonlyMap<string, MoveStaff>;
  rooms: ReadonlyMap<string, MoveRoom>;
  /** Other appointments' hold rows per resource id (patient, rooms, staff), read over `loaded`. */
  holds: ReadonlyMap<string, LaneHold[]>;
  loaded: { from: number; to: number };
  /** Per staff id with limits: their other occupied assignments by local start date. */
  staffDays: ReadonlyMap<string, ReadonlyMap<string, DayAssignment[]>>;
}

export interface MoveVerdict {
  ok: boolean;
  /** Why not (first failing stage only; the service's own errors name everything). */
  issues: FieldIssue[];
  slots: StaffSlot[];
}

const refuse = (pointer: string, code: FieldIssue['code'], message: string): MoveVerdict => ({
  ok: false,
  issues: [{ pointer, code, message }],
  slots: [],
});

/** A judge of candidates for one session (caches the validator's baseline across calls). */
export class MoveCheck {
  private readonly validate: (c: BookedSession) => FieldIssue[];
  readonly turnover: number;

  constructor(readonly ctx: MoveContext) {
    this.validate = patientRuleChecker(ctx.rules);
    this.turnover = (ctx.type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
  }

  get durationMs(): number {
    return this.ctx.type.durationMinutes * MINUTE_MS;
  }

  /** The room, staff and patient verdicts that do not need the validator (cheap). */
  staffing(c: MoveCandidate): MoveVerdict {
    const { ctx } = this;
    if (c.start < ctx.now) return refuse('/start', 'START_IN_PAST', 'the start has passed');
    const need = ctx.type.room;
    if ((need === null) !== (c.roomId === null)) {
      return refuse('/roomId', need ? 'ROOM_REQUIRED' : 'ROOM_NOT_NEEDED', 'room');
    }
    if (need && c.roomId !== null) {
      const room = ctx.rooms.get(c.roomId);
      if (!room) return refuse('/roomId', 'UNKNOWN_REFERENCE', 'no such room');
      if (room.archived) return refuse('/roomId', 'ROOM_ARCHIVED', room.name);
      if (!need.features.every((f) => room.features.includes(f))) {
        return refuse('/roomId', 'ROOM_FEATURES', room.name);
      }
    }
    const known = new Map<string, KnownStaff>(
      [...ctx.staff].map(([id, p]) => [id, { name: p.name, roles: p.roles, archived: p.archived }]),
    );
    const staffing = assignStaff(ctx.type, c.staff, c.start, known);
    if (!staffing.ok) return { ok: false, issues: staffing.issues, slots: [] };
    return { ok: true, issues: [], slots: staffing.slots };
  }

  /** Course rules (gaps, order, offsets, span) of the session at `start`. */
  course(start: number): FieldIssue[] {
    const { ctx } = this;
    return courseIssues(
      [
        ...ctx.course.map((s) => ({ ...s, isNew: false })),
        {
          series: ctx.series,
          index: ctx.index,
          start,
          end: start + this.durationMs,
          isNew: true,
        },
      ],
      ctx.definition,
      ctx.counts,
      ctx.zone,
    );
  }

  /** Whether the resource can take [start, end) with `cap` as the lanes would decide it. */
  laneFree(resourceId: string, start: number, end: number, cap: number): boolean {
    const holds = this.ctx.holds.get(resourceId) ?? [];
    const comp = componentOf(holds, start, end, this.ctx.loaded, REPACK_LIMIT);
    if (!comp.complete) return false; // not all read: do not offer what we cannot vouch for
    const nearby = holds.filter((h) => h.start < end && start < h.end);
    return decideLane(comp.holds, nearby, { start, end, cap }).ok;
  }

  /** The staff day limits of one occupied assignment (session starting at `start`). */
  staffDayOk(staffId: string, start: number, slot: { start: number; end: number }): boolean {
    const person = this.ctx.staff.get(staffId);
    if (!person?.limits) return true;
    const date = DateTime.fromMillis(start, { zone: this.ctx.zone }).toISODate()!;
    const sameDay = this.ctx.staffDays.get(staffId)?.get(date) ?? [];
    return (
      staffDayIssues({
        name: person.name,
        date,
        limits: person.limits,
        sameDay,
        added: slot,
        pointer: '/staff',
      }).length === 0
    );
  }

  /** Every check a booking at `c` must pass, the validator last. */
  judge(c: MoveCandidate): MoveVerdict {
    const staffing = this.staffing(c);
    if (!staffing.ok) return staffing;
    const { ctx } = this;
    const end = c.start + this.durationMs;
    if (!this.laneFree(ctx.patientId, c.start, end, 1)) {
      return refuse('/start', 'PATIENT_BUSY', 'the patient has another session then');
    }
    if (c.roomId !== null) {
      const room = ctx.rooms.get(c.roomId)!;
      if (!this.laneFree(room.id, c.start, end + this.turnover, room.capacity)) {
        return refuse('/roomId', 'ROOM_FULL', `${room.name} is full then`);
      }
    }
    for (const s of staffing.slots.filter((x) => x.mode === 'occupied')) {
      if (!this.laneFree(s.staffId, s.start, s.end, s.cap)) {
        return refuse('/staff', 'STAFF_BUSY', `${ctx.staff.get(s.staffId)!.name} is busy then`);
      }
      if (!this.staffDayOk(s.staffId, c.start, s)) {
        return refuse('/staff', 'STAFF_DAILY_SESSIONS', 'over the daily limit');
      }
    }
    const course = this.course(c.start);
    if (course.length > 0) return { ok: false, issues: course, slots: [] };
    const issues = this.validate({
      series: ctx.series,
      index: ctx.index,
      start: c.start,
      roomId: c.roomId,
      staff: staffing.slots.map(({ staffId, role, start, end, mode }) => ({
        staffId,
        role,
        start,
        end,
        mode,
      })),
    });
    return { ok: issues.length === 0, issues, slots: staffing.slots };
  }
}

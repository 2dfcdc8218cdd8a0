import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { moveOptions } from '../domain/booking/move-options';
import { isProtocolRule } from '../domain/booking/protocol-rules';
import {
  ConflictError,
  ForbiddenError,
  PreconditionError,
  ValidationError,
} from '../domain/errors';
import {
  MoveAppointmentDto,
  MoveOptionDto,
  MoveOptionsDto,
  MoveOptionsQueryDto,
  toMoveOptionDto,
} from '../dtos/appointment-move.dto';
import {
  AppointmentDto,
  CreateAppointmentDto,
  instantOf,
  toAppointmentDto,
  zonedInstant,
} from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { Actor } from './actor';
import { AppointmentBooking, staffRows } from './appointment-booking';
import { CLOCK, Clock } from './clock';
import { IdempotentWrites } from './idempotent-writes';
import { LanePlanner } from './lane-planner';
import { MoveContextLoader } from './move-context';
import { snapshot } from './transactions';

const DAY_MS = 86_400_000;

/** Who fills which kind of requirement, whatever the order they are listed in. */
const staffKey = (staff: readonly { staffId: string; role: string; mode: string }[]) =>
  staff
    .map((s) => `${s.staffId}/${s.role}/${s.mode}`)
    .sort()
    .join(',');
/** Default half-width of the options window around the current start. */
const DEFAULT_REACH_MS = 7 * DAY_MS;
const MAX_WINDOW_MS = 31 * DAY_MS;
/** Options a refused booking (422 RULE_VIOLATED) carries, found within ±7 days. */
export const REFUSAL_OPTIONS = 3;

/** `"3"` or `W/"3"` → 3; anything else null (never matches a version). */
export function etagVersion(header: string): number | null {
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  return m ? Number(m[1]) : null;
}

/**
 * The front desk's moves: the valid places for a booked session (options) and the move
 * itself (PATCH with If-Match), under the same checks as a hand booking; a director may
 * override protocol rules with a recorded reason.
 */
@Injectable()
export class AppointmentMoves {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly clinics: ClinicRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly booking: AppointmentBooking,
    private readonly lanes: LanePlanner,
    private readonly loader: MoveContextLoader,
    private readonly writes: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async options(actor: Actor, id: string, q: MoveOptionsQueryDto): Promise<MoveOptionsDto> {
    const { clinicId } = actor;
    const row = await this.appointments.get(clinicId, id);
    this.mustBeBooked(row);
    const staff = await this.appointments.staffOf([id]);
    const current = {
      start: row.startsAt.getTime(),
      roomId: row.roomId,
      staff: staff.map((s) => ({ staffId: s.staffId, role: s.role, mode: s.mode })),
    };
    const clinic = await this.clinics.get(clinicId);
    const window = this.window(q.from, q.to, current.start);
    const items = await this.find(
      clinicId,
      { enrollmentId: row.enrollmentId, series: row.seriesId, index: row.index, selfId: id },
      { ...window, limit: q.limit, current, excludeCurrent: true },
    );
    return {
      items,
      from: zonedInstant(new Date(window.from), clinic.timeZone),
      to: zonedInstant(new Date(window.to), clinic.timeZone),
    };
  }

  /** Up to `REFUSAL_OPTIONS` valid places nearest to a refused booking request. */
  async nearestForBooking(actor: Actor, input: CreateAppointmentDto): Promise<MoveOptionDto[]> {
    const start = instantOf(input.start).getTime();
    return this.find(
      actor.clinicId,
      { enrollmentId: input.enrollmentId, series: input.series, index: input.index, selfId: null },
      {
        from: start - DEFAULT_REACH_MS,
        to: start + DEFAULT_REACH_MS,
        limit: REFUSAL_OPTIONS,
        current: { start, roomId: input.roomId ?? null, staff: input.staff },
        excludeCurrent: false,
      },
    );
  }

  private async find(
    clinicId: string,
    s: { enrollmentId: string; series: string; index: number; selfId: string | null },
    q: Parameters<typeof moveOptions>[1],
  ): Promise<MoveOptionDto[]> {
    const clinic = await this.clinics.get(clinicId);
    const enrollment = await this.enrollments.getFull(clinicId, s.enrollmentId);
    if (enrollment.status !== 'active') return [];
    const loaded = await this.loader.load({ clinic, enrollment, ...s }, q);
    if (!loaded) return [];
    return moveOptions(loaded.check, q).map((o) =>
      toMoveOptionDto(o, q.current.start, clinic.timeZone, loaded.names),
    );
  }

  private window(from: string | undefined, to: string | undefined, current: number) {
    const f = from ? instantOf(from).getTime() : current - DEFAULT_REACH_MS;
    const t = to ? instantOf(to).getTime() : Math.max(current, f) + DEFAULT_REACH_MS;
    if (t <= f) throw ValidationError.single('/to', 'OUT_OF_RANGE', 'to must be after from');
    if (t - f > MAX_WINDOW_MS) {
      throw ValidationError.single('/to', 'OUT_OF_RANGE', 'the window is at most 31 days');
    }
    return { from: f, to: t };
  }

  async move(
    actor: Actor,
    id: string,
    dto: MoveAppointmentDto,
    ifMatch: string | undefined,
  ): Promise<AppointmentDto> {
    const { clinicId } = actor;
    if (dto.override && actor.role !== 'director') {
      throw new ForbiddenError('Only a director may override protocol rules');
    }
    if (dto.start === undefined && dto.roomId === undefined && dto.staff === undefined) {
      throw ValidationError.single('', 'REQUIRED', 'give start, roomId or staff to change');
    }
    if (ifMatch === undefined || ifMatch.trim() === '') {
      throw new PreconditionError(
        'Send If-Match with the appointment’s ETag ("<version>") to change it',
        428,
      );
    }
    const expected = etagVersion(ifMatch);
    return this.writes.write(actor, undefined, async ({ manager, audit }) => {
      const row0 = await this.appointments.get(clinicId, id, manager);
      const fresh = (row: AppointmentEntity) => {
        if (row.version !== expected) {
          throw new PreconditionError(
            `If-Match ${ifMatch.trim()} does not match the appointment’s version ("${row.version}"); read it again`,
            412,
          );
        }
        this.mustBeBooked(row);
      };
      fresh(row0);
      const before = await this.load(clinicId, id, manager);
      const input: CreateAppointmentDto = {
        enrollmentId: row0.enrollmentId,
        series: row0.seriesId,
        index: row0.index,
        start: dto.start ?? before.start,
        roomId: dto.roomId === undefined ? row0.roomId : dto.roomId,
        staff:
          dto.staff ??
          before.staff.map((s) => ({ staffId: s.staffId, role: s.role, mode: s.mode })),
      };
      const r = await this.booking.resolve(actor, input, manager);
      let row = row0;
      const { plans, overridden } = await this.booking.check(actor, input, r, manager, {
        self: id,
        holds: await this.bookings.resourcesOf(manager, id),
        locked: async () => {
          row = await this.appointments.getForUpdate(clinicId, id, manager);
          fresh(row);
        },
        overridable: dto.override ? isProtocolRule : undefined,
      });
      const changed =
        r.start !== row.startsAt.getTime() ||
        (r.room?.id ?? null) !== row.roomId ||
        staffKey(r.slots) !== staffKey(before.staff);
      await this.appointments.update(
        clinicId,
        id,
        {
          startsAt: new Date(r.start),
          endsAt: new Date(r.end),
          roomId: r.room?.id ?? null,
          version: row.version + 1,
          sequence: row.sequence + (changed ? 1 : 0),
          override:
            overridden.length > 0
              ? {
                  reason: dto.override!.reason,
                  rules: [...new Set(overridden.map((i) => i.code))],
                  actorKeyId: actor.keyId,
                  at: this.clock.now().toISOString(),
                }
              : null,
        },
        manager,
      );
      await this.appointments.replaceStaff(id, staffRows(clinicId, id, r), manager);
      await this.lanes.write(clinicId, manager, id, plans);
      const after = await this.load(clinicId, id, manager);
      await audit({
        action: overridden.length > 0 ? 'move-override' : 'move',
        entityType: 'appointment',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        reason: overridden.length > 0 ? dto.override!.reason : (dto.reason ?? null),
      });
      return after;
    });
  }

  private mustBeBooked(row: AppointmentEntity): void {
    if (row.status !== 'booked') {
      throw new ConflictError(
        `the appointment is ${row.status}; only a booked appointment can be moved`,
        'INVALID_STATUS_TRANSITION',
      );
    }
  }

  private async load(clinicId: string, id: string, manager: EntityManager) {
    const row = await this.appointments.get(clinicId, id, manager);
    const clinic = await this.clinics.get(clinicId, manager);
    const staff = await this.appointments.staffOf([id], manager);
    return toAppointmentDto(row, staff, clinic.timeZone);
  }
}

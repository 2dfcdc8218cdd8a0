import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import {
  AppointmentDto,
  AppointmentListQueryDto,
  AppointmentStatusChangeDto,
  CreateAppointmentDto,
  instantOf,
  toAppointmentDto,
} from '../dtos/appointment.dto';
import { Page, toPage } from '../dtos/page.dto';
import type { AppointmentEntity, AppointmentStatus } from '../entities/appointment.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { keysetAfter } from '../dtos/page.dto';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { Actor } from './actor';
import { clinicianScope } from './clinician-scope';
import { AppointmentBooking } from './appointment-booking';
import { AppointmentMoves } from './appointment-moves';
import { CLOCK, Clock } from './clock';
import { IdempotentWrites } from './idempotent-writes';
import { snapshot } from './transactions';

/** A status change of a booked appointment: the new status and what it does to its time. */
interface Transition {
  action: 'cancel' | 'complete' | 'no-show';
  status: AppointmentStatus;
  /** Releases the room, staff and patient time (cancel, no-show: nothing happened). */
  releases: boolean;
  /** Only once the session has started (complete, no-show). */
  afterStart: boolean;
}

const TRANSITIONS: Record<Transition['action'], Transition> = {
  cancel: { action: 'cancel', status: 'cancelled', releases: true, afterStart: false },
  complete: { action: 'complete', status: 'completed', releases: false, afterStart: true },
  'no-show': { action: 'no-show', status: 'missed', releases: true, afterStart: true },
};

/**
 * Appointments: lists and reads (a clinician key only its own staff member's), booking by
 * hand (AppointmentBooking) and the front desk's cancel / complete / no-show. Every write is
 * audited with the actor and reason and may carry an Idempotency-Key.
 */
@Injectable()
export class AppointmentService {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly clinics: ClinicRepository,
    private readonly booking: AppointmentBooking,
    private readonly writes: IdempotentWrites,
    private readonly moves: AppointmentMoves,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: AppointmentListQueryDto): Promise<Page<AppointmentDto>> {
    const staffId = this.readableStaff(actor, query.staffId);
    const [clinic, rows] = await Promise.all([
      this.clinics.get(actor.clinicId),
      this.appointments.page(actor.clinicId, {
        limit: query.limit + 1,
        after: keysetAfter(query.cursor),
        from: query.from === undefined ? undefined : instantOf(query.from),
        to: query.to === undefined ? undefined : instantOf(query.to),
        staffId,
        roomId: query.roomId,
        patientId: query.patientId,
        enrollmentId: query.enrollmentId,
        cohortId: query.cohortId,
        status: query.status,
      }),
    ]);
    const staff = await this.appointments.staffOf(rows.slice(0, query.limit).map((a) => a.id));
    return toPage(
      rows,
      query.limit,
      (a) => toAppointmentDto(a, staff, clinic.timeZone),
      (a) => [a.startsAt.toISOString(), a.id],
    );
  }

  async get(actor: Actor, id: string): Promise<AppointmentDto> {
    const dto = await this.load(actor.clinicId, id);
    if (actor.role === 'clinician') {
      const own = this.readableStaff(actor, undefined);
      if (!dto.staff.some((s) => s.staffId === own)) throw new NotFoundError('Appointment', id);
    }
    return dto;
  }

  /** Books by hand; a 422 RULE_VIOLATED carries the nearest valid `options` (up to 3). */
  async create(actor: Actor, input: CreateAppointmentDto, key?: string): Promise<AppointmentDto> {
    try {
      return await this.book(actor, input, key);
    } catch (e) {
      if (e instanceof ValidationError && e.code === 'RULE_VIOLATED') {
        const options = await this.moves.nearestForBooking(actor, input);
        throw new ValidationError(e.issues, e.message, e.code, { ...e.extensions, options });
      }
      throw e;
    }
  }

  private book(actor: Actor, input: CreateAppointmentDto, key?: string): Promise<AppointmentDto> {
    const request = key ? { key, route: 'POST /v1/appointments', body: input } : undefined;
    return this.writes.write(actor, request, async ({ manager, audit }) => {
      const row = await this.booking.book(actor, input, manager);
      const after = await this.load(actor.clinicId, row.id, manager);
      await audit({
        action: 'create',
        entityType: 'appointment',
        entityId: row.id,
        before: null,
        after: snapshot(after),
      });
      return after;
    });
  }

  /** cancel | complete | no-show, with the caller's reason. */
  changeStatus(
    actor: Actor,
    id: string,
    action: Transition['action'],
    input: AppointmentStatusChangeDto,
    key?: string,
  ): Promise<AppointmentDto> {
    const transition = TRANSITIONS[action];
    const route = `POST /v1/appointments/${id}/${action}`;
    const request = key ? { key, route, body: input } : undefined;
    return this.writes.write(actor, request, async ({ manager, audit }) => {
      const { clinicId } = actor;
      await this.appointments.get(clinicId, id, manager);
      if (transition.releases) {
        // The same locks a booking takes, in the same order: lanes are never read mid-release.
        await this.bookings.lockResources(manager, await this.bookings.resourcesOf(manager, id));
      }
      const row = await this.appointments.getForUpdate(clinicId, id, manager);
      const before = await this.load(clinicId, id, manager);
      this.checkTransition(row, transition, before.start);
      if (transition.releases) await this.bookings.release(manager, id);
      await this.appointments.update(
        clinicId,
        id,
        {
          status: transition.status,
          statusReason: input.reason,
          version: row.version + 1,
          sequence: row.sequence + 1,
        },
        manager,
      );
      const after = await this.load(clinicId, id, manager);
      await audit({
        action: transition.action,
        entityType: 'appointment',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        reason: input.reason,
      });
      return after;
    });
  }

  private checkTransition(row: AppointmentEntity, t: Transition, start: string): void {
    if (row.status !== 'booked') {
      throw new ConflictError(
        `the appointment is ${row.status}; only a booked appointment can be ${t.status}`,
        'INVALID_STATUS_TRANSITION',
      );
    }
    if (t.afterStart && this.clock.now().getTime() < row.startsAt.getTime()) {
      throw new ConflictError(
        `the appointment starts ${start}; it can be marked ${t.status} once it has started`,
        'APPOINTMENT_NOT_STARTED',
      );
    }
  }

  /**
   * The staff member whose appointments the caller may read: a clinician only their own
   * (their key must be linked to a staff member); other roles whatever they ask.
   */
  private readableStaff(actor: Actor, asked: string | undefined): string | undefined {
    const own = clinicianScope(actor);
    if (own === undefined) return asked;
    if (asked !== undefined && asked !== own) {
      throw new ForbiddenError('A clinician key reads only its own staff member’s appointments');
    }
    return own;
  }

  private async load(clinicId: string, id: string, manager?: EntityManager) {
    const row = await this.appointments.get(clinicId, id, manager);
    const clinic = await this.clinics.get(clinicId, manager);
    const staff = await this.appointments.staffOf([id], manager);
    return toAppointmentDto(row, staff, clinic.timeZone);
  }
}

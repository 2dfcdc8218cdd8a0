import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldIssue, InUseError, ValidationError } from '../domain/errors';
import { countIssues } from '../domain/catalog/enrollment-rules';
import {
  cohortDatesIssue,
  cohortDatesPointer,
  SentDateFields,
} from '../domain/catalog/cohort-dates';
import { keysetAfter, Page, toPage } from '../dtos/page.dto';
import {
  CreateEnrollmentDto,
  EnrollmentDto,
  EnrollmentListQueryDto,
  toEnrollmentDto,
  UpdateEnrollmentDto,
} from '../dtos/enrollment.dto';
import {
  EnrollmentChangeDto,
  toAffectedList,
  toCancelledAppointmentDto,
} from '../dtos/affected-appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import type { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { CohortRepository } from '../repositories/cohort.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { PatientRepository } from '../repositories/patient.repository';
import { ProtocolVersionRepository } from '../repositories/protocol-version.repository';
import { ProtocolRepository } from '../repositories/protocol.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { Actor } from './actor';
import { AffectedAppointments, EnrollmentState } from './affected-appointments';
import { inUseMessage } from './archivable-catalog.service';
import { cancelBooked } from './cancel-booked';
import { clinicianScope } from './clinician-scope';
import { CLOCK, Clock } from './clock';
import { snapshot, Transactions, type WriteTx } from './transactions';
import { refuseGapEmptiedPeriods } from './local-periods';

/** The state an enrollment would have after a create or update, to validate as a whole. */
interface Candidate {
  patientId?: string;
  protocolId?: string;
  version?: number;
  counts: Record<string, number>;
  earliestStart: string;
  latestEnd: string;
  cohortId: string | null;
}

/**
 * Enrollments: a patient following one pinned, published protocol version. Every reference
 * is checked in the clinic (422 UNKNOWN_REFERENCE with the field's pointer otherwise).
 */
@Injectable()
export class EnrollmentService {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly patients: PatientRepository,
    private readonly protocols: ProtocolRepository,
    private readonly versions: ProtocolVersionRepository,
    private readonly cohorts: CohortRepository,
    private readonly tx: Transactions,
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly clinics: ClinicRepository,
    private readonly affected: AffectedAppointments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A clinician key: only the enrollments of its staff member's sessions (others 404). */
  async list(actor: Actor, query: EnrollmentListQueryDto): Promise<Page<EnrollmentDto>> {
    const rows = await this.enrollments.page(actor.clinicId, {
      seenBy: clinicianScope(actor),
      limit: query.limit + 1,
      after: keysetAfter(query.cursor),
      patientId: query.patientId,
      protocolId: query.protocolId,
      cohortId: query.cohortId,
      status: query.status,
    });
    return toPage(rows, query.limit, toEnrollmentDto, (e) => [e.earliestStart, e.id]);
  }

  async get(actor: Actor, id: string): Promise<EnrollmentDto> {
    const seenBy = clinicianScope(actor);
    return toEnrollmentDto(await this.enrollments.getFull(actor.clinicId, id, undefined, seenBy));
  }

  create(actor: Actor, input: CreateEnrollmentDto): Promise<EnrollmentDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      await refuseGapEmptiedPeriods(
        this.clinics,
        actor.clinicId,
        input.unavailable,
        '/unavailable',
        manager,
      );
      const counts = { ...(input.counts ?? {}) };
      const version = await this.validate(
        actor,
        manager,
        {
          patientId: input.patientId,
          protocolId: input.protocolId,
          version: input.version,
          counts,
          earliestStart: input.earliestStart,
          latestEnd: input.latestEnd,
          cohortId: input.cohortId ?? null,
        },
        true,
        { repin: true, counts: true, cohort: true, sent: { cohortId: true } },
      );
      const row = await this.enrollments.insert(
        actor.clinicId,
        {
          patientId: input.patientId,
          protocolVersionId: version!.id,
          counts,
          earliestStart: input.earliestStart,
          latestEnd: input.latestEnd,
          unavailable: plain(input.unavailable ?? []),
          status: 'active',
          cohortId: input.cohortId ?? null,
        },
        manager,
      );
      const after = toEnrollmentDto(
        await this.enrollments.getFull(actor.clinicId, row.id, manager),
      );
      await audit({
        action: 'create',
        entityType: 'enrollment',
        entityId: row.id,
        before: null,
        after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * Saves the change and answers with the booked appointments (not over) it affects: the
   * patient's new unavailability or a narrower window over them, or a re-pin or new counts
   * they no longer fit. An enrollment that stops being active (withdrawn, completed) cancels
   * its booked sessions that have not started, in the same transaction (each audited), so
   * they hold no staff, room or patient time; they are answered in `cancelledAppointments`.
   */
  update(actor: Actor, id: string, input: UpdateEnrollmentDto): Promise<EnrollmentChangeDto> {
    return this.tx.write(actor, async (tx) => {
      const { manager, audit } = tx;
      await this.enrollments.getForUpdate(actor.clinicId, id, manager);
      await refuseGapEmptiedPeriods(
        this.clinics,
        actor.clinicId,
        input.unavailable,
        '/unavailable',
        manager,
      );
      const row = await this.enrollments.getFull(actor.clinicId, id, manager);
      const current = row.protocolVersion!;
      const repin = input.protocolId !== undefined || input.version !== undefined;
      const candidate: Candidate = {
        protocolId: input.protocolId ?? current.protocolId,
        version: input.version ?? current.version,
        counts: input.counts ? { ...input.counts } : row.counts,
        earliestStart: input.earliestStart ?? row.earliestStart,
        latestEnd: input.latestEnd ?? row.latestEnd,
        cohortId: input.cohortId === undefined ? row.cohortId : input.cohortId,
      };
      const version = await this.validate(actor, manager, candidate, false, {
        repin,
        counts: repin || input.counts !== undefined,
        cohort: input.cohortId !== undefined || repin,
        current,
        sent: {
          cohortId: input.cohortId !== undefined,
          earliestStart: input.earliestStart !== undefined,
          latestEnd: input.latestEnd !== undefined,
        },
      });
      const before = toEnrollmentDto(row);
      await this.enrollments.update(
        actor.clinicId,
        id,
        {
          protocolVersionId: version?.id,
          counts: input.counts ? candidate.counts : undefined,
          earliestStart: input.earliestStart,
          latestEnd: input.latestEnd,
          unavailable: input.unavailable ? plain(input.unavailable) : undefined,
          status: input.status,
          cohortId: input.cohortId,
        },
        manager,
      );
      const after = toEnrollmentDto(await this.enrollments.getFull(actor.clinicId, id, manager));
      await audit({
        action: 'update',
        entityType: 'enrollment',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      const stops =
        row.status === 'active' && input.status !== undefined && input.status !== 'active';
      const cancelled = stops ? await this.cancelBooked(actor, row, input.status!, tx) : [];
      const affected = stops
        ? toAffectedList([])
        : await this.affected.afterEnrollmentChange(actor.clinicId, stateOf(row), manager);
      const zone = (await this.clinics.get(actor.clinicId, manager)).timeZone;
      return {
        ...after,
        ...affected,
        cancelledAppointments: cancelled.map((a) => toCancelledAppointmentDto(a, zone)),
      };
    });
  }

  /**
   * Cancels the enrollment's booked sessions that have not started (their staff, room and
   * patient time released), each audited with the reason. The resources are locked first, in
   * one ordered call, as a booking and a cancellation lock them.
   */
  private async cancelBooked(
    actor: Actor,
    enrollment: EnrollmentEntity,
    status: string,
    tx: WriteTx,
  ): Promise<AppointmentEntity[]> {
    const { manager } = tx;
    const { clinicId } = actor;
    const now = this.clock.now();
    const found = await this.appointments.bookedAfter(clinicId, enrollment.id, now, manager);
    if (found.length === 0) return [];
    const ids = found.map((a) => a.id);
    await this.bookings.lockResources(manager, await this.bookings.resourcesOfMany(manager, ids));
    const reason = `enrollment ${status}`;
    const cancelled: AppointmentEntity[] = [];
    for (const id of ids) {
      const row = await this.appointments.getForUpdate(clinicId, id, manager);
      if (row.status !== 'booked') continue;
      await cancelBooked(
        { appointments: this.appointments, bookings: this.bookings },
        clinicId,
        row,
        reason,
        tx,
      );
      cancelled.push(row);
    }
    return cancelled;
  }

  /**
   * Removes the enrollment (the audit row keeps it); refused with 409 IN_USE naming its
   * appointments (any status) while it has any. The row lock holds off new bookings of it.
   */
  delete(actor: Actor, id: string): Promise<void> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      await this.enrollments.getForUpdate(actor.clinicId, id, manager);
      const usages = await this.enrollments.appointmentUsages(actor.clinicId, id, manager);
      if (usages.length) {
        throw new InUseError(
          `${inUseMessage('Enrollment', id, usages)}. Withdraw it instead (PATCH status "withdrawn")`,
        );
      }
      const before = toEnrollmentDto(await this.enrollments.getFull(actor.clinicId, id, manager));
      await this.enrollments.delete(actor.clinicId, id, manager);
      await audit({
        action: 'delete',
        entityType: 'enrollment',
        entityId: id,
        before: snapshot(before),
        after: null,
      });
    });
  }

  /**
   * Collects every problem of the candidate state and throws them together (422). Returns the
   * version to pin when it was (re)resolved. A date or cohort issue points at the field sent
   * (`scope.sent`); the cohort's dates are checked when the cohort or a date was sent.
   */
  private async validate(
    actor: Actor,
    manager: EntityManager,
    c: Candidate,
    creating: boolean,
    scope: {
      repin: boolean;
      counts: boolean;
      cohort: boolean;
      current?: ProtocolVersionEntity;
      sent: SentDateFields;
    },
  ): Promise<ProtocolVersionEntity | undefined> {
    const issues: FieldIssue[] = [];
    const { clinicId } = actor;
    if (creating && c.patientId) {
      const patient = await this.patients.findForShare(clinicId, c.patientId, manager);
      if (!patient) issues.push(unknown('/patientId', 'patient', c.patientId));
      else if (patient.archivedAt) {
        issues.push({
          pointer: '/patientId',
          code: 'PATIENT_ARCHIVED',
          message: `patient ${c.patientId} is archived; restore the patient first`,
        });
      }
    }
    let version: ProtocolVersionEntity | undefined = scope.current;
    if (creating || scope.repin) {
      version = undefined;
      const protocol = await this.protocols.findForShare(clinicId, c.protocolId!, manager);
      if (!protocol) issues.push(unknown('/protocolId', 'protocol', c.protocolId!));
      else if (protocol.archivedAt) {
        issues.push({
          pointer: '/protocolId',
          code: 'PROTOCOL_ARCHIVED',
          message: `protocol ${protocol.code} is archived; enrollments cannot pin it`,
        });
      } else {
        const found = await this.versions.findByNumber(clinicId, protocol.id, c.version!, manager);
        if (!found) {
          issues.push(unknown('/version', `version of protocol ${protocol.code}`, c.version!));
        } else if (found.status !== 'published') {
          issues.push({
            pointer: '/version',
            code: 'PROTOCOL_VERSION_NOT_PUBLISHED',
            message: `version ${found.version} of protocol ${protocol.code} is a draft; publish it before enrolling patients`,
          });
        } else version = found;
      }
    }
    if (version && scope.counts) issues.push(...countIssues(c.counts, version.definition));
    const { sent } = scope;
    const reversed = c.latestEnd < c.earliestStart;
    if (reversed) {
      issues.push({
        pointer: sent.latestEnd || !sent.earliestStart ? '/latestEnd' : '/earliestStart',
        code: 'RANGE_REVERSED',
        message: `latestEnd ${c.latestEnd} is before earliestStart ${c.earliestStart}`,
      });
    }
    const datesSent = sent.cohortId || sent.earliestStart || sent.latestEnd;
    if (c.cohortId && (scope.cohort || datesSent)) {
      const cohort = await this.cohorts.findForShare(clinicId, c.cohortId, manager);
      if (!cohort) issues.push(unknown('/cohortId', 'cohort', c.cohortId));
      else {
        if (
          scope.cohort &&
          cohort.protocolId &&
          version &&
          cohort.protocolId !== version.protocolId
        ) {
          issues.push({
            pointer: '/cohortId',
            code: 'COHORT_PROTOCOL_MISMATCH',
            message: `cohort "${cohort.name}" is for another protocol`,
          });
        }
        const pointer = cohortDatesPointer(c, cohort, sent);
        const dates = datesSent && !reversed ? cohortDatesIssue(c, cohort, pointer) : undefined;
        if (dates) issues.push(dates);
      }
    }
    if (issues.length) throw new ValidationError(issues);
    return scope.repin || creating ? version : undefined;
  }
}

/** The enrollment as the affected-appointments checks see it (before a change). */
function stateOf(row: EnrollmentEntity): EnrollmentState {
  return {
    id: row.id,
    protocol: { definition: row.protocolVersion!.definition, counts: row.counts },
    window: {
      enrollmentId: row.id,
      earliestStart: row.earliestStart,
      latestEnd: row.latestEnd,
      unavailable: row.unavailable,
    },
  };
}

function unknown(pointer: string, what: string, id: string | number): FieldIssue {
  return {
    pointer,
    code: 'UNKNOWN_REFERENCE',
    message: `the clinic has no ${what} ${id}`,
  };
}

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InUseError, NotFoundError } from '../domain/errors';
import { idAfter, Page, toPage } from '../dtos/page.dto';
import {
  CreatePatientDto,
  PatientDto,
  PatientListQueryDto,
  toPatientDto,
  UpdatePatientDto,
} from '../dtos/patient.dto';
import { zonedInstant } from '../dtos/appointment.dto';
import type { PatientEntity } from '../entities/patient.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { PatientRepository } from '../repositories/patient.repository';
import { Actor } from './actor';
import { clinicianScope } from './clinician-scope';
import { firstFew } from './archivable-catalog.service';
import { CLOCK, Clock } from './clock';
import { snapshot, Transactions } from './transactions';

/**
 * Patients: display name, initials, external reference; nothing clinical. Archived instead of
 * deleted. Messages and logs name patients by id only.
 */
@Injectable()
export class PatientService {
  constructor(
    private readonly patients: PatientRepository,
    private readonly tx: Transactions,
    private readonly appointments: AppointmentRepository,
    private readonly clinics: ClinicRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A clinician key: only the patients of its staff member's sessions (others 404). */
  async list(actor: Actor, query: PatientListQueryDto): Promise<Page<PatientDto>> {
    const seenBy = clinicianScope(actor);
    const rows = await this.patients.page(actor.clinicId, {
      seenBy,
      limit: query.limit + 1,
      afterId: idAfter(query.cursor),
      includeArchived: query.includeArchived,
      externalRef: query.externalRef,
    });
    return toPage(rows, query.limit, toPatientDto, (p) => [p.id]);
  }

  async get(actor: Actor, id: string): Promise<PatientDto> {
    const seenBy = clinicianScope(actor);
    const row = await this.patients.get(actor.clinicId, id);
    if (seenBy !== undefined && !(await this.patients.seenBy(actor.clinicId, id, seenBy))) {
      throw new NotFoundError('Patient', id);
    }
    return toPatientDto(row);
  }

  create(actor: Actor, input: CreatePatientDto): Promise<PatientDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      if (input.externalRef !== undefined) {
        await this.refuseTakenRef(actor, input.externalRef, manager);
      }
      const row = await this.patients.insert(
        actor.clinicId,
        {
          displayName: input.displayName,
          initials: input.initials,
          externalRef: input.externalRef ?? null,
          pseudonym: input.pseudonym ?? null,
          archivedAt: null,
        },
        manager,
      );
      const after = toPatientDto(row);
      await audit({
        action: 'create',
        entityType: 'patient',
        entityId: row.id,
        before: null,
        after: snapshot(after),
      });
      return after;
    });
  }

  update(actor: Actor, id: string, input: UpdatePatientDto): Promise<PatientDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.patients.getForUpdate(actor.clinicId, id, manager);
      refuseArchived(row);
      if (typeof input.externalRef === 'string' && input.externalRef !== row.externalRef) {
        await this.refuseTakenRef(actor, input.externalRef, manager);
      }
      const before = toPatientDto(row);
      const changes: Partial<PatientEntity> = {
        displayName: input.displayName,
        initials: input.initials,
        externalRef: input.externalRef,
        pseudonym: input.pseudonym,
      };
      // The base update skips undefined; null is a value here (clears externalRef, pseudonym).
      const updated = await this.patients.update(actor.clinicId, id, changes, manager);
      const after = toPatientDto(updated);
      await audit({
        action: 'update',
        entityType: 'patient',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * DELETE archives: refused (409 IN_USE) while the patient has active enrollments, or booked
   * sessions not over (of any enrollment: they hold staff and rooms; cancel them first).
   */
  archive(actor: Actor, id: string): Promise<PatientDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.patients.getForUpdate(actor.clinicId, id, manager);
      if (row.archivedAt) {
        throw new ConflictError(`Patient ${id} is already archived`, 'ALREADY_ARCHIVED');
      }
      const active = await this.patients.activeEnrollments(actor.clinicId, id, manager);
      if (active.length) {
        const list = active.map((e) => `${e.id} (${e.code} v${e.version})`).join(', ');
        throw new InUseError(
          `Patient ${id} still has ${active.length} active enrollment${active.length === 1 ? '' : 's'}: ${list}; withdraw or complete them first. Nothing was changed`,
        );
      }
      const booked = await this.appointments.bookedOfPatient(
        actor.clinicId,
        id,
        this.clock.now(),
        manager,
      );
      if (booked.length) {
        const zone = (await this.clinics.get(actor.clinicId, manager)).timeZone;
        const list = firstFew(
          booked.map(
            (a) =>
              `${a.seriesId} ${a.index} ${zonedInstant(a.startsAt, zone)} (appointment ${a.id})`,
          ),
        );
        throw new InUseError(
          `Patient ${id} still has ${booked.length} booked session${booked.length === 1 ? '' : 's'}: ${list}; cancel them first. Nothing was changed`,
        );
      }
      const before = toPatientDto(row);
      const after = toPatientDto(
        await this.patients.update(actor.clinicId, id, { archivedAt: new Date() }, manager),
      );
      await audit({
        action: 'archive',
        entityType: 'patient',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  restore(actor: Actor, id: string): Promise<PatientDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.patients.getForUpdate(actor.clinicId, id, manager);
      if (!row.archivedAt) {
        throw new ConflictError(`Patient ${id} is not archived`, 'NOT_ARCHIVED');
      }
      const before = toPatientDto(row);
      const after = toPatientDto(
        await this.patients.update(actor.clinicId, id, { archivedAt: null }, manager),
      );
      await audit({
        action: 'restore',
        entityType: 'patient',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  private async refuseTakenRef(actor: Actor, externalRef: string, manager: EntityManager) {
    const taken = await this.patients.findByExternalRef(actor.clinicId, externalRef, manager);
    if (!taken) return;
    throw new ConflictError(
      taken.archivedAt
        ? `An archived patient (${taken.id}; listed with ?includeArchived=true) already has this externalRef: restore them (POST /v1/patients/${taken.id}/restore) or use another externalRef`
        : `Another patient (${taken.id}) already has this externalRef`,
      'DUPLICATE',
    );
  }
}

function refuseArchived(row: PatientEntity): void {
  if (row.archivedAt) {
    throw new ConflictError(
      `Patient ${row.id} is archived; restore it before changing it`,
      'ARCHIVED',
    );
  }
}

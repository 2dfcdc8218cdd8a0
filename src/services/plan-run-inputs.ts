import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { FieldIssue, ValidationError } from '../domain/errors';
import type { BuildInput, StoredEnrollment } from '../domain/plan-runs/build-problem';
import { approvedExceptions } from '../domain/plan-runs/approved-overrides';
import type { RunFingerprint } from '../domain/plan-runs/fingerprint';
import { outsideProtocol } from '../domain/plan-runs/outside-protocol';
import type { RunNames } from '../domain/plan-runs/proposal';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import { ClinicRepository } from '../repositories/clinic.repository';
import { CohortRepository } from '../repositories/cohort.repository';
import {
  PlanRunInputsRepository,
  VersionedAppointment,
} from '../repositories/plan-run-inputs.repository';
import { ProtocolCatalogRepository } from '../repositories/protocol-catalog.repository';

/** The appointments a run reads: its enrollments' and patients', and all in [from, to). */
export interface RunScope {
  enrollmentIds: string[];
  patientIds: string[];
  from: string;
  to: string;
}

export interface LoadedRun {
  input: BuildInput;
  names: RunNames;
  fingerprint: RunFingerprint & { scope: RunScope };
}

const protocolKey = (e: EnrollmentEntity) =>
  `${e.protocolVersion!.protocol!.code}@v${e.protocolVersion!.version}`;

/**
 * Reads what a plan run is built from (enrollments, catalog, appointments), with the names
 * its GET shows and the fingerprint its commit compares.
 */
@Injectable()
export class PlanRunInputs {
  constructor(
    private readonly inputs: PlanRunInputsRepository,
    private readonly clinics: ClinicRepository,
    private readonly cohorts: CohortRepository,
    private readonly catalog: ProtocolCatalogRepository,
  ) {}

  /** The enrollment ids of the request (422 naming an unknown cohort or enrollment). */
  async enrollmentIds(
    clinicId: string,
    request: { cohortId?: string; enrollmentIds?: string[]; repair?: boolean },
    manager: EntityManager,
  ): Promise<string[]> {
    if (request.cohortId !== undefined) {
      if (request.repair) {
        throw ValidationError.single(
          '/cohortId',
          'FIELD_NOT_ALLOWED',
          'a repair run re-plans one enrollment: send enrollmentIds with its id',
        );
      }
      if (!(await this.cohorts.find(clinicId, request.cohortId, manager))) {
        throw ValidationError.single(
          '/cohortId',
          'UNKNOWN_REFERENCE',
          `the clinic has no cohort ${request.cohortId}`,
        );
      }
      const ids = await this.inputs.cohortEnrollmentIds(clinicId, request.cohortId, manager);
      if (ids.length === 0) {
        throw ValidationError.single(
          '/cohortId',
          'OUT_OF_RANGE',
          'the cohort has no active enrollment to plan',
        );
      }
      return ids;
    }
    const ids = request.enrollmentIds ?? [];
    if (request.repair && ids.length !== 1) {
      throw ValidationError.single(
        '/enrollmentIds',
        'OUT_OF_RANGE',
        `a repair run re-plans exactly one enrollment; got ${ids.length}`,
      );
    }
    return ids;
  }

  async load(
    clinicId: string,
    ids: string[],
    options: { repair: boolean; timeLimitMs: number; seed: number | null; now: Date },
    manager: EntityManager,
  ): Promise<LoadedRun> {
    const rows = await this.inputs.enrollments(clinicId, ids, manager);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing: FieldIssue[] = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !byId.has(id))
      .map(({ id, i }) => ({
        pointer: `/enrollmentIds/${i}`,
        code: 'UNKNOWN_REFERENCE',
        message: `the clinic has no enrollment ${id}`,
      }));
    if (missing.length > 0) throw new ValidationError(missing);
    const enrollments = ids.map((id) => byId.get(id)!);
    const clinic = await this.clinics.get(clinicId, manager);
    const zone = clinic.timeZone;
    const today = DateTime.fromJSDate(options.now, { zone }).toISODate()!;
    const first = enrollments.map((e) => e.earliestStart).sort()[0];
    const last = enrollments
      .map((e) => e.latestEnd)
      .sort()
      .reverse()[0];
    const scope: RunScope = {
      enrollmentIds: ids,
      patientIds: [...new Set(enrollments.map((e) => e.patientId))],
      from: DateTime.fromISO(first < today ? first : today, { zone })
        .minus({ days: 1 })
        .toUTC()
        .toISO()!,
      to: DateTime.fromISO(last, { zone }).plus({ days: 2 }).toUTC().toISO()!,
    };
    const appointments = await this.appointments(clinicId, scope, manager);
    const catalog = await this.catalog.load(clinicId, manager);
    const stamps = await this.inputs.catalogStamps(clinicId, manager);
    const patients = new Map(
      (await this.inputs.patients(clinicId, scope.patientIds, manager)).map((p) => [p.id, p]),
    );
    const stored: StoredEnrollment[] = enrollments.map((e) => ({
      id: e.id,
      patientId: e.patientId,
      status: e.status,
      protocolKey: protocolKey(e),
      definition: e.protocolVersion!.definition,
      counts: e.counts,
      earliestStart: e.earliestStart,
      latestEnd: e.latestEnd,
      unavailable: e.unavailable,
    }));
    const own = new Set(ids);
    const approved = Object.fromEntries(
      stored
        .map((e) => [e.id, approvedExceptions(e, appointments, zone)] as const)
        .filter(([, list]) => list.length > 0),
    );
    const names: RunNames = {
      ...(Object.keys(approved).length > 0 ? { approved } : {}),
      patients: Object.fromEntries(
        enrollments.map((e) => {
          const p = patients.get(e.patientId);
          return [
            e.id,
            {
              patientId: e.patientId,
              displayName: p?.displayName ?? '',
              initials: p?.initials ?? '',
              externalRef: p?.externalRef ?? null,
            },
          ];
        }),
      ),
      staff: Object.fromEntries(stamps.staff.map((s) => [s.id, s.name])),
      rooms: Object.fromEntries(stamps.rooms.map((r) => [r.id, r.name])),
      sessionTypes: Object.fromEntries(
        stamps.sessionTypes.map((t) => [t.code!, { id: t.id, name: t.name }]),
      ),
      existing: Object.fromEntries(
        appointments
          .filter(
            (a) => own.has(a.enrollmentId) && (a.status === 'booked' || a.status === 'completed'),
          )
          .map((a) => [
            a.id,
            {
              index: a.index,
              start: a.start,
              roomId: a.roomId,
              staff: a.staff
                .filter((s) => s.mode === 'occupied')
                .map((s) => `${s.staffId}:${s.role}`),
              status: a.status,
            },
          ]),
      ),
    };
    const fingerprint = {
      ...this.stamp(appointments, stamps, enrollments, clinic.updatedAt),
      scope,
    };
    const input: BuildInput = {
      clinic: { timeZone: zone, slotMinutes: clinic.slotMinutes, closures: clinic.closures },
      catalog,
      enrollments: stored,
      appointments,
      now: options.now,
      repair: options.repair,
      timeLimitMs: options.timeLimitMs,
      seed: options.seed,
    };
    // Left out of the problem; a repair run's proposal drops the booked ones.
    const outside = outsideProtocol(input);
    if (outside.length > 0) names.outsideProtocol = outside;
    return { input, names, fingerprint };
  }

  /** The fingerprint of the same scope now (at commit). */
  async fingerprintNow(
    clinicId: string,
    scope: RunScope,
    manager: EntityManager,
  ): Promise<RunFingerprint> {
    const appointments = await this.appointments(clinicId, scope, manager);
    const stamps = await this.inputs.catalogStamps(clinicId, manager);
    const enrollments = await this.inputs.enrollments(clinicId, scope.enrollmentIds, manager);
    const clinic = await this.clinics.get(clinicId, manager);
    return this.stamp(appointments, stamps, enrollments, clinic.updatedAt);
  }

  private appointments(clinicId: string, scope: RunScope, manager: EntityManager) {
    return this.inputs.appointments(
      clinicId,
      {
        enrollmentIds: scope.enrollmentIds,
        patientIds: scope.patientIds,
        from: new Date(scope.from),
        to: new Date(scope.to),
      },
      manager,
    );
  }

  private stamp(
    appointments: VersionedAppointment[],
    stamps: Awaited<ReturnType<PlanRunInputsRepository['catalogStamps']>>,
    enrollments: EnrollmentEntity[],
    clinicUpdatedAt: Date,
  ): RunFingerprint {
    const map = (list: { id: string; updatedAt: string }[]) =>
      Object.fromEntries(list.map((x) => [x.id, x.updatedAt]));
    return {
      clinic: clinicUpdatedAt.toISOString(),
      staff: map(stamps.staff),
      rooms: map(stamps.rooms),
      sessionTypes: map(stamps.sessionTypes),
      enrollments: Object.fromEntries(enrollments.map((e) => [e.id, e.updatedAt.toISOString()])),
      appointments: Object.fromEntries(appointments.map((a) => [a.id, `${a.status}:${a.version}`])),
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  FieldIssue,
  InUseError,
  NotFoundError,
  ValidationError,
} from '../domain/errors';
import { cohortDatesIssue, strandedMembers } from '../domain/catalog/cohort-dates';
import {
  AddCohortMemberDto,
  CohortDto,
  CreateCohortDto,
  toCohortDto,
  UpdateCohortDto,
} from '../dtos/cohort.dto';
import { toEnrollmentDto } from '../dtos/enrollment.dto';
import { keysetAfter, Page, PageQueryDto, toPage } from '../dtos/page.dto';
import type { CohortEntity } from '../entities/cohort.entity';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import { CohortRepository } from '../repositories/cohort.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { ProtocolRepository } from '../repositories/protocol.repository';
import { Actor } from './actor';
import { clinicianScope } from './clinician-scope';
import { snapshot, Transactions, WriteTx } from './transactions';

/**
 * Cohorts: named groups of enrollments (a retreat) over a date range. Membership is the
 * enrollment's `cohortId`, so an enrollment is in at most one cohort. A cohort with members
 * cannot be deleted (409 IN_USE): remove the members first, so nothing is unlinked silently.
 */
@Injectable()
export class CohortService {
  constructor(
    private readonly cohorts: CohortRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly protocols: ProtocolRepository,
    private readonly tx: Transactions,
  ) {}

  /** A clinician key sees only the members of its staff member's sessions. */
  async list(actor: Actor, query: PageQueryDto): Promise<Page<CohortDto>> {
    const seenBy = clinicianScope(actor);
    const rows = await this.cohorts.page(actor.clinicId, {
      limit: query.limit + 1,
      after: keysetAfter(query.cursor),
    });
    const members = await this.cohorts.memberIds(
      actor.clinicId,
      rows.slice(0, query.limit).map((c) => c.id),
      undefined,
      seenBy,
    );
    return toPage(
      rows,
      query.limit,
      (c) => toCohortDto(c, members.get(c.id) ?? []),
      (c) => [c.startDate, c.id],
    );
  }

  async get(actor: Actor, id: string): Promise<CohortDto> {
    const seenBy = clinicianScope(actor);
    return this.dto(actor, await this.cohorts.get(actor.clinicId, id), undefined, seenBy);
  }

  create(actor: Actor, input: CreateCohortDto): Promise<CohortDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      if (input.protocolId) await this.refuseUnknownProtocol(actor, input.protocolId, manager);
      const row = await this.cohorts.insert(
        actor.clinicId,
        {
          name: input.name,
          startDate: input.startDate,
          endDate: input.endDate,
          protocolId: input.protocolId ?? null,
        },
        manager,
      );
      const after = toCohortDto(row, []);
      await audit({
        action: 'create',
        entityType: 'cohort',
        entityId: row.id,
        before: null,
        after: snapshot(after),
      });
      return after;
    });
  }

  update(actor: Actor, id: string, input: UpdateCohortDto): Promise<CohortDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.cohorts.getForUpdate(actor.clinicId, id, manager);
      const issues: FieldIssue[] = [];
      const start = input.startDate ?? row.startDate;
      const end = input.endDate ?? row.endDate;
      if (end < start) {
        issues.push({
          pointer: input.endDate !== undefined ? '/endDate' : '/startDate',
          code: 'RANGE_REVERSED',
          message: `endDate ${end} is before startDate ${start}`,
        });
      }
      if (input.protocolId) {
        await this.refuseUnknownProtocol(actor, input.protocolId, manager);
        const members = await this.enrollments.ofCohortFull(actor.clinicId, id, manager);
        const others = members.filter((e) => e.protocolVersion?.protocolId !== input.protocolId);
        if (others.length) {
          issues.push({
            pointer: '/protocolId',
            code: 'COHORT_PROTOCOL_MISMATCH',
            message: `${others.length} member enrollment(s) follow another protocol: ${others.map((e) => e.id).join(', ')}`,
          });
        }
      }
      if (issues.length) throw new ValidationError(issues);
      if (input.startDate !== undefined || input.endDate !== undefined) {
        const members = await this.enrollments.ofCohortFull(actor.clinicId, id, manager);
        const dates = { name: input.name ?? row.name, startDate: start, endDate: end };
        refuseStrandedMembers(members, dates, input);
      }
      const before = await this.dto(actor, row, manager);
      const updated = await this.cohorts.update(
        actor.clinicId,
        id,
        {
          name: input.name,
          startDate: input.startDate,
          endDate: input.endDate,
          protocolId: input.protocolId,
        },
        manager,
      );
      const after = await this.dto(actor, updated, manager);
      await audit({
        action: 'update',
        entityType: 'cohort',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /** Refused (409 IN_USE) while the cohort has members. */
  delete(actor: Actor, id: string): Promise<void> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.cohorts.getForUpdate(actor.clinicId, id, manager);
      const before = await this.dto(actor, row, manager);
      if (before.enrollmentIds.length) {
        throw new InUseError(
          `Cohort "${row.name}" still has ${before.enrollmentIds.length} member enrollment(s); remove them first (DELETE /v1/cohorts/${id}/members/{enrollmentId}). Nothing was changed`,
        );
      }
      await this.cohorts.delete(actor.clinicId, id, manager);
      await audit({
        action: 'delete',
        entityType: 'cohort',
        entityId: id,
        before: snapshot(before),
        after: null,
      });
    });
  }

  /** Idempotent for a member; 409 when the enrollment is in another cohort. */
  addMember(actor: Actor, id: string, input: AddCohortMemberDto): Promise<CohortDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      // The enrollment first, then the cohort: the order an enrollment PATCH takes them in
      // (no deadlock between a member's date change and adding or removing it).
      const found = await this.enrollments.find(actor.clinicId, input.enrollmentId, manager);
      if (found) await this.enrollments.getForUpdate(actor.clinicId, found.id, manager);
      const cohort = await this.cohorts.getForUpdate(actor.clinicId, id, manager);
      if (!found) {
        throw ValidationError.single(
          '/enrollmentId',
          'UNKNOWN_REFERENCE',
          `the clinic has no enrollment ${input.enrollmentId}`,
        );
      }
      const enrollment = await this.enrollments.getFull(actor.clinicId, found.id, manager);
      if (enrollment.cohortId === id) return this.dto(actor, cohort, manager);
      if (enrollment.cohortId) {
        throw new ConflictError(
          `Enrollment ${enrollment.id} is already in cohort ${enrollment.cohortId}; remove it there first`,
          'IN_OTHER_COHORT',
        );
      }
      if (cohort.protocolId && enrollment.protocolVersion?.protocolId !== cohort.protocolId) {
        throw ValidationError.single(
          '/enrollmentId',
          'COHORT_PROTOCOL_MISMATCH',
          `enrollment ${enrollment.id} follows another protocol than cohort "${cohort.name}"`,
        );
      }
      const dates = cohortDatesIssue(enrollment, cohort, '/enrollmentId', enrollment.id);
      if (dates) throw new ValidationError([dates]);
      await this.setCohort(actor, enrollment.id, id, manager, audit);
      return this.dto(actor, cohort, manager);
    });
  }

  removeMember(actor: Actor, id: string, enrollmentId: string): Promise<CohortDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const found = await this.enrollments.find(actor.clinicId, enrollmentId, manager);
      if (found) await this.enrollments.getForUpdate(actor.clinicId, found.id, manager);
      const cohort = await this.cohorts.getForUpdate(actor.clinicId, id, manager);
      const enrollment = await this.enrollments.find(actor.clinicId, enrollmentId, manager);
      if (!enrollment || enrollment.cohortId !== id) {
        throw new NotFoundError('Cohort member', enrollmentId);
      }
      await this.setCohort(actor, enrollmentId, null, manager, audit);
      return this.dto(actor, cohort, manager);
    });
  }

  private async setCohort(
    actor: Actor,
    enrollmentId: string,
    cohortId: string | null,
    manager: EntityManager,
    audit: WriteTx['audit'],
  ): Promise<void> {
    const before = toEnrollmentDto(
      await this.enrollments.getFull(actor.clinicId, enrollmentId, manager),
    );
    await this.enrollments.update(actor.clinicId, enrollmentId, { cohortId }, manager);
    const after = toEnrollmentDto(
      await this.enrollments.getFull(actor.clinicId, enrollmentId, manager),
    );
    await audit({
      action: cohortId ? 'join_cohort' : 'leave_cohort',
      entityType: 'enrollment',
      entityId: enrollmentId,
      before: snapshot(before),
      after: snapshot(after),
    });
  }

  private async dto(actor: Actor, row: CohortEntity, manager?: EntityManager, seenBy?: string) {
    const members = await this.cohorts.memberIds(actor.clinicId, [row.id], manager, seenBy);
    return toCohortDto(row, members.get(row.id) ?? []);
  }

  private async refuseUnknownProtocol(actor: Actor, protocolId: string, manager: EntityManager) {
    const protocol = await this.protocols.find(actor.clinicId, protocolId, manager);
    if (!protocol) {
      throw ValidationError.single(
        '/protocolId',
        'UNKNOWN_REFERENCE',
        `the clinic has no protocol ${protocolId}`,
      );
    }
  }
}

/**
 * 409 COHORT_DATES_MISMATCH, nothing changed, when the cohort's new dates would share no day
 * with a member's window: one issue per date field the members miss on (at the field sent when
 * only one was), and `enrollments` listing each stranded member with its window.
 */
function refuseStrandedMembers(
  members: readonly EnrollmentEntity[],
  dates: { name: string; startDate: string; endDate: string },
  input: UpdateCohortDto,
): void {
  const stranded = strandedMembers(members, dates);
  if (stranded.length === 0) return;
  const sent = (side: 'startDate' | 'endDate') =>
    input[side] !== undefined ? side : side === 'startDate' ? 'endDate' : 'startDate';
  const window = `${dates.startDate} to ${dates.endDate}`;
  const issues: FieldIssue[] = [];
  for (const side of ['startDate', 'endDate'] as const) {
    const missing = stranded.filter((s) => s.side === side).map((s) => s.member);
    if (missing.length === 0) continue;
    const listed = missing.map((m) => `${m.id} (${m.earliestStart} to ${m.latestEnd})`).join(', ');
    const how =
      side === 'startDate' ? `end before ${dates.startDate}` : `start after ${dates.endDate}`;
    issues.push({
      pointer: `/${sent(side)}`,
      code: 'COHORT_DATES_MISMATCH',
      message: `${missing.length} member enrollment(s) ${how}, so they would share no day with cohort "${dates.name}" (${window}): ${listed}`,
    });
  }
  throw new ConflictError(
    `Cohort "${dates.name}" cannot move to ${window}: ${stranded.length} member enrollment(s) would share no day with it (${issues.map((i) => i.message).join('; ')}). A member's earliestStart to latestEnd must overlap the cohort's dates: change those enrollments' dates or remove them from the cohort first; nothing was changed`,
    'COHORT_DATES_MISMATCH',
    issues,
    {
      enrollments: stranded.map(({ member }) => ({
        enrollmentId: member.id,
        patientId: member.patientId,
        earliestStart: member.earliestStart,
        latestEnd: member.latestEnd,
      })),
    },
  );
}

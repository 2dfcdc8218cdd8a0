import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { countIssues } from '../domain/catalog/enrollment-rules';
import { FieldIssue, ValidationError } from '../domain/errors';
import {
  CohortRepinResultDto,
  RepinCohortDto,
  RepinnedEnrollmentDto,
} from '../dtos/cohort-repin.dto';
import { toEnrollmentDto } from '../dtos/enrollment.dto';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import type { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import { CohortRepository } from '../repositories/cohort.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { ProtocolVersionRepository } from '../repositories/protocol-version.repository';
import { ProtocolRepository } from '../repositories/protocol.repository';
import { Actor } from './actor';
import { AffectedAppointments, PinnedProtocol } from './affected-appointments';
import { IdempotentWrites } from './idempotent-writes';
import { snapshot } from './transactions';

/** One refused enrollment, as the 422's `enrollments` extension lists it. */
interface Offending {
  enrollmentId: string;
  patientId: string;
  issues: { code: string; message: string }[];
}

/**
 * Bulk re-pin: every active enrollment of a cohort to one published protocol version, in one
 * transaction, all or nothing. Refused (422 REPIN_REFUSED, naming each offending enrollment)
 * when the version is not published or not found, when a member follows another protocol, or
 * when a member's counts do not fit the version. Booked appointments are never cancelled:
 * those the new version no longer fits are listed, with the repair request that re-plans
 * them. Each enrollment's change is audited with the actor and the reason.
 */
@Injectable()
export class CohortRepin {
  constructor(
    private readonly cohorts: CohortRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly protocols: ProtocolRepository,
    private readonly versions: ProtocolVersionRepository,
    private readonly affected: AffectedAppointments,
    private readonly writes: IdempotentWrites,
  ) {}

  repin(
    actor: Actor,
    cohortId: string,
    input: RepinCohortDto,
    key?: string,
  ): Promise<CohortRepinResultDto> {
    const route = `POST /v1/cohorts/${cohortId}/repin`;
    const request = key ? { key, route, body: input } : undefined;
    return this.writes.write(actor, request, async ({ manager, audit }) => {
      const { clinicId } = actor;
      const cohort = await this.cohorts.getForUpdate(clinicId, cohortId, manager);
      const listed = await this.enrollments.ofCohortFull(clinicId, cohortId, manager);
      // Lock every member (in id order, as every bulk writer must) before reading them again.
      for (const id of listed.map((e) => e.id).sort()) {
        await this.enrollments.getForUpdate(clinicId, id, manager);
      }
      const members = await this.enrollments.ofCohortFull(clinicId, cohortId, manager);
      const active = members.filter((e) => e.status === 'active');
      const protocolId = this.targetProtocol(input, cohort.protocolId, cohort.name, active);
      const version = await this.targetVersion(clinicId, protocolId, input, active, manager);
      this.refuseMembers(active, version);

      const moving = active.filter((e) => e.protocolVersionId !== version.id);
      const pins = new Map<string, PinnedProtocol>(
        moving.map((e) => [e.id, { definition: version.definition, counts: e.counts }]),
      );
      // Judged before the enrollments change: "before" is the stored version.
      const affected = await this.affected.afterRepin(clinicId, pins, manager);
      const repinned: RepinnedEnrollmentDto[] = [];
      for (const e of moving) {
        const before = toEnrollmentDto(e);
        await this.enrollments.update(clinicId, e.id, { protocolVersionId: version.id }, manager);
        const after = toEnrollmentDto(await this.enrollments.getFull(clinicId, e.id, manager));
        await audit({
          action: 'repin',
          entityType: 'enrollment',
          entityId: e.id,
          before: snapshot(before),
          after: snapshot(after),
          reason: input.reason,
        });
        repinned.push({
          enrollmentId: e.id,
          patientId: e.patientId,
          from: { protocolId: e.protocolVersion!.protocolId, version: e.protocolVersion!.version },
          to: { protocolId, version: version.version },
        });
      }
      return {
        cohortId,
        pinned: { protocolId, version: version.version },
        repinned,
        unchanged: active.filter((e) => e.protocolVersionId === version.id).map((e) => e.id),
        skipped: members
          .filter((e) => e.status !== 'active')
          .map((e) => ({ enrollmentId: e.id, status: e.status })),
        ...affected,
      };
    });
  }

  /** The protocol asked for, else the cohort's, else the one every active member follows. */
  private targetProtocol(
    input: RepinCohortDto,
    cohortProtocolId: string | null,
    cohortName: string,
    active: EnrollmentEntity[],
  ): string {
    if (input.protocolId && cohortProtocolId && input.protocolId !== cohortProtocolId) {
      throw new ValidationError(
        [
          {
            pointer: '/protocolId',
            code: 'COHORT_PROTOCOL_MISMATCH',
            message: `cohort "${cohortName}" is for protocol ${cohortProtocolId}; change the cohort's protocol first`,
          },
        ],
        undefined,
        'REPIN_REFUSED',
      );
    }
    const chosen = input.protocolId ?? cohortProtocolId;
    if (chosen) return chosen;
    const followed = [...new Set(active.map((e) => e.protocolVersion!.protocolId))];
    if (followed.length === 1) return followed[0];
    throw new ValidationError(
      [
        {
          pointer: '/protocolId',
          code: followed.length === 0 ? 'REQUIRED' : 'REPIN_OTHER_PROTOCOL',
          message:
            followed.length === 0
              ? 'the cohort has no protocol and no active members; name the protocol'
              : `the active members follow ${followed.length} protocols; name the protocol to pin`,
        },
      ],
      undefined,
      'REPIN_REFUSED',
    );
  }

  /** The published version, or 422 naming every active member it was refused for. */
  private async targetVersion(
    clinicId: string,
    protocolId: string,
    input: RepinCohortDto,
    active: EnrollmentEntity[],
    manager: EntityManager,
  ): Promise<ProtocolVersionEntity> {
    const protocol = await this.protocols.findForShare(clinicId, protocolId, manager);
    let issue: FieldIssue | undefined;
    let found: ProtocolVersionEntity | null = null;
    if (!protocol) {
      issue = {
        pointer: '/protocolId',
        code: 'UNKNOWN_REFERENCE',
        message: `the clinic has no protocol ${protocolId}`,
      };
    } else if (protocol.archivedAt) {
      issue = {
        pointer: '/protocolId',
        code: 'PROTOCOL_ARCHIVED',
        message: `protocol ${protocol.code} is archived; enrollments cannot pin it`,
      };
    } else {
      // A published version is frozen: reading it is enough.
      found = await this.versions.findByNumber(clinicId, protocol.id, input.version, manager);
      if (!found) {
        issue = {
          pointer: '/version',
          code: 'UNKNOWN_REFERENCE',
          message: `protocol ${protocol.code} has no version ${input.version}`,
        };
      } else if (found.status !== 'published') {
        issue = {
          pointer: '/version',
          code: 'PROTOCOL_VERSION_NOT_PUBLISHED',
          message: `version ${found.version} of protocol ${protocol.code} is a draft; publish it before pinning enrollments to it`,
        };
      }
    }
    if (issue || !found) {
      const offending = active.map((e) => offendingOf(e, [issue!]));
      throw new ValidationError([issue!], undefined, 'REPIN_REFUSED', { enrollments: offending });
    }
    return found;
  }

  /** Members following another protocol, or whose counts the version does not take. */
  private refuseMembers(active: EnrollmentEntity[], version: ProtocolVersionEntity): void {
    const offending: Offending[] = [];
    const issues: FieldIssue[] = [];
    for (const e of active) {
      const own: FieldIssue[] = [];
      if (e.protocolVersion!.protocolId !== version.protocolId) {
        own.push({
          pointer: '/protocolId',
          code: 'REPIN_OTHER_PROTOCOL',
          message: `enrollment ${e.id} follows protocol ${e.protocolVersion!.protocol?.code ?? e.protocolVersion!.protocolId}, not the version's protocol`,
        });
      } else {
        for (const c of countIssues(e.counts, version.definition)) {
          own.push({
            pointer: '/version',
            code: c.code,
            message: `enrollment ${e.id}: ${c.message} in version ${version.version}`,
          });
        }
      }
      if (own.length > 0) {
        issues.push(...own);
        offending.push(offendingOf(e, own));
      }
    }
    if (offending.length > 0) {
      throw new ValidationError(issues, undefined, 'REPIN_REFUSED', { enrollments: offending });
    }
  }
}

function offendingOf(e: EnrollmentEntity, issues: FieldIssue[]): Offending {
  return {
    enrollmentId: e.id,
    patientId: e.patientId,
    issues: issues.map((i) => ({ code: i.code, message: i.message })),
  };
}

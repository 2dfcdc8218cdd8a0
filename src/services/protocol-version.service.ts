import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../domain/errors';
import {
  definitionIssues,
  findingIssues,
  toPlanningProtocol,
} from '../domain/catalog/protocol-definition';
import { checkProtocol, hasProtocolErrors } from '../domain/protocol/protocol-check';
import { versionCursor } from '../domain/paging/cursor';
import { Page, PageQueryDto, parseCursor, toPage } from '../dtos/page.dto';
import {
  CreateProtocolVersionDto,
  MAX_PROTOCOL_VERSION,
  ProtocolCheckDto,
  ProtocolVersionDto,
  toProtocolVersionDto,
  UpdateProtocolVersionDto,
} from '../dtos/protocol-version.dto';
import type { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import type { ProtocolEntity } from '../entities/protocol.entity';
import { ProtocolCatalogRepository } from '../repositories/protocol-catalog.repository';
import { ProtocolRepository } from '../repositories/protocol.repository';
import { ProtocolVersionRepository } from '../repositories/protocol-version.repository';
import { Actor } from './actor';
import { plainDefinition, refuseArchived } from './protocol.service';
import { snapshot, Transactions } from './transactions';

/**
 * Versions of a protocol. A draft is editable; publishing freezes it (after the static check
 * finds no errors); a new draft copies the latest (or a chosen) version. One draft at a time.
 */
@Injectable()
export class ProtocolVersionService {
  constructor(
    private readonly protocols: ProtocolRepository,
    private readonly versions: ProtocolVersionRepository,
    private readonly catalog: ProtocolCatalogRepository,
    private readonly tx: Transactions,
  ) {}

  async list(
    actor: Actor,
    protocolId: string,
    query: PageQueryDto,
  ): Promise<Page<ProtocolVersionDto>> {
    await this.protocols.get(actor.clinicId, protocolId);
    const rows = await this.versions.page(
      actor.clinicId,
      protocolId,
      query.limit + 1,
      query.cursor ? afterVersion(query.cursor) : 0,
    );
    return toPage(rows, query.limit, toProtocolVersionDto, (v) => [v.version]);
  }

  async get(actor: Actor, protocolId: string, version: number): Promise<ProtocolVersionDto> {
    await this.protocols.get(actor.clinicId, protocolId);
    return toProtocolVersionDto(
      await this.versions.getByNumber(actor.clinicId, protocolId, version),
    );
  }

  /** Replaces a draft's definition; a published version is frozen (409). */
  updateDraft(
    actor: Actor,
    protocolId: string,
    version: number,
    input: UpdateProtocolVersionDto,
  ): Promise<ProtocolVersionDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const { row } = await this.lockedDraft(actor, protocolId, version, manager);
      const definition = plainDefinition(input.definition);
      const catalog = await this.catalog.loadForWrite(actor.clinicId, definition, manager);
      const issues = definitionIssues(definition, catalog);
      if (issues.length) throw new ValidationError(issues);
      const before = toProtocolVersionDto(row);
      const after = toProtocolVersionDto(
        await this.versions.update(actor.clinicId, row.id, { definition }, manager),
      );
      await audit({
        action: 'update',
        entityType: 'protocol_version',
        entityId: row.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /** A new draft (next number), copied from `fromVersion` or the latest version. */
  createDraft(
    actor: Actor,
    protocolId: string,
    input: CreateProtocolVersionDto,
  ): Promise<ProtocolVersionDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      // Locking the protocol serializes version creation for it.
      const protocol = await this.protocols.getForUpdate(actor.clinicId, protocolId, manager);
      refuseArchived(protocol);
      const draft = await this.versions.draftOf(actor.clinicId, protocolId, manager);
      if (draft) {
        throw new ConflictError(
          `Protocol ${protocol.code} already has a draft (version ${draft.version}); edit or publish it first`,
          'DRAFT_EXISTS',
        );
      }
      const latest = await this.versions.latest(actor.clinicId, protocolId, manager);
      let source: ProtocolVersionEntity | null = latest;
      if (input.fromVersion !== undefined) {
        source = await this.versions.findByNumber(
          actor.clinicId,
          protocolId,
          input.fromVersion,
          manager,
        );
        if (!source) {
          throw ValidationError.single(
            '/fromVersion',
            'UNKNOWN_REFERENCE',
            `protocol ${protocol.code} has no version ${input.fromVersion}`,
          );
        }
      }
      const created = await this.versions.insert(
        actor.clinicId,
        {
          protocolId,
          version: (latest?.version ?? 0) + 1,
          status: 'draft',
          definition: structuredClone(source?.definition ?? { series: [] }),
          publishedAt: null,
        },
        manager,
      );
      const after = toProtocolVersionDto(created);
      await audit({
        action: 'create',
        entityType: 'protocol_version',
        entityId: created.id,
        before: null,
        after: snapshot(after),
      });
      return after;
    });
  }

  /** Discards a draft. Published versions are frozen; the only version cannot go (archive). */
  deleteDraft(actor: Actor, protocolId: string, version: number): Promise<void> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const { protocol, row } = await this.lockedDraft(actor, protocolId, version, manager);
      const all = await this.versions.ofProtocols(actor.clinicId, [protocolId], manager);
      if (all.length === 1) {
        throw new ConflictError(
          `Version ${version} is the only version of protocol ${protocol.code}; edit it, or archive the protocol (DELETE /v1/protocols/${protocolId})`,
          'ONLY_VERSION',
        );
      }
      await this.versions.delete(actor.clinicId, row.id, manager);
      await audit({
        action: 'delete',
        entityType: 'protocol_version',
        entityId: row.id,
        before: snapshot(toProtocolVersionDto(row)),
        after: null,
      });
    });
  }

  /**
   * Freezes a draft. Refused with 422 PROTOCOL_CHECK_FAILED, listing the check's errors, when
   * no patient could ever be scheduled with it in this clinic.
   */
  publish(actor: Actor, protocolId: string, version: number): Promise<ProtocolVersionDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const { protocol, row } = await this.lockedDraft(actor, protocolId, version, manager);
      const findings = checkProtocol(
        toPlanningProtocol(protocol.code, row.definition),
        await this.catalog.load(actor.clinicId, manager),
      );
      if (hasProtocolErrors(findings)) {
        throw new ValidationError(
          findingIssues(findings),
          `Protocol ${protocol.code} version ${version} cannot be published: the check found ${findings.filter((f) => f.severity === 'error').length} error(s); see errors[]`,
          'PROTOCOL_CHECK_FAILED',
        );
      }
      const before = toProtocolVersionDto(row);
      const after = toProtocolVersionDto(
        await this.versions.update(
          actor.clinicId,
          row.id,
          { status: 'published', publishedAt: new Date() },
          manager,
        ),
      );
      await audit({
        action: 'publish',
        entityType: 'protocol_version',
        entityId: row.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * Locks the protocol (serializing its version writes) and the draft `version` for a change:
   * 409 when the protocol is archived or the version is published.
   */
  private async lockedDraft(
    actor: Actor,
    protocolId: string,
    version: number,
    manager: EntityManager,
  ): Promise<{ protocol: ProtocolEntity; row: ProtocolVersionEntity }> {
    const protocol = await this.protocols.getForUpdate(actor.clinicId, protocolId, manager);
    refuseArchived(protocol);
    const row = await this.versions.getByNumber(actor.clinicId, protocolId, version, manager, true);
    refuseFrozen(row);
    return { protocol, row };
  }

  /** The static check against the clinic's current session types, staff and rooms. */
  async check(actor: Actor, protocolId: string, version: number): Promise<ProtocolCheckDto> {
    const protocol = await this.protocols.get(actor.clinicId, protocolId);
    const row = await this.versions.getByNumber(actor.clinicId, protocolId, version);
    const findings = checkProtocol(
      toPlanningProtocol(protocol.code, row.definition),
      await this.catalog.load(actor.clinicId),
    );
    return { findings };
  }
}

function refuseFrozen(row: ProtocolVersionEntity): void {
  if (row.status !== 'draft') {
    throw new ConflictError(
      `Version ${row.version} is published and frozen; create a new draft version (POST .../versions) to change it`,
      'PROTOCOL_VERSION_FROZEN',
    );
  }
}

function afterVersion(cursor: string): number {
  return parseCursor(cursor, (c) => versionCursor(c, MAX_PROTOCOL_VERSION));
}

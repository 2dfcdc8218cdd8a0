import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InUseError, ValidationError } from '../domain/errors';
import { definitionIssues, type ProtocolDefinition } from '../domain/catalog/protocol-definition';
import { keysetAfter, Page, toPage } from '../dtos/page.dto';
import {
  CreateProtocolDto,
  ProtocolDto,
  ProtocolListQueryDto,
  toProtocolDto,
  UpdateProtocolDto,
} from '../dtos/protocol.dto';
import { toProtocolVersionDto } from '../dtos/protocol-version.dto';
import type { ProtocolEntity } from '../entities/protocol.entity';
import { ProtocolCatalogRepository } from '../repositories/protocol-catalog.repository';
import { ProtocolUsage, ProtocolRepository } from '../repositories/protocol.repository';
import { ProtocolVersionRepository } from '../repositories/protocol-version.repository';
import { Actor } from './actor';
import { snapshot, Transactions, WriteTx } from './transactions';

/** A validated request body as plain JSON: no DTO prototypes, no undefined fields. */
export function plainDefinition(definition: object): ProtocolDefinition {
  return JSON.parse(JSON.stringify(definition)) as ProtocolDefinition;
}

/**
 * Protocols: identity (code, name, description) and archiving. The rules live in versions
 * (ProtocolVersionService); creating a protocol also creates its version 1 as a draft.
 */
@Injectable()
export class ProtocolService {
  constructor(
    private readonly protocols: ProtocolRepository,
    private readonly versions: ProtocolVersionRepository,
    private readonly catalog: ProtocolCatalogRepository,
    private readonly tx: Transactions,
  ) {}

  async list(actor: Actor, query: ProtocolListQueryDto): Promise<Page<ProtocolDto>> {
    const rows = await this.protocols.page(actor.clinicId, {
      limit: query.limit + 1,
      after: keysetAfter(query.cursor),
      includeArchived: query.includeArchived,
    });
    const versions = await this.versions.ofProtocols(
      actor.clinicId,
      rows.slice(0, query.limit).map((p) => p.id),
    );
    return toPage(
      rows,
      query.limit,
      (p) =>
        toProtocolDto(
          p,
          versions.filter((v) => v.protocolId === p.id),
        ),
      (p) => [p.code, p.id],
    );
  }

  async get(actor: Actor, id: string): Promise<ProtocolDto> {
    return this.dto(actor, await this.protocols.get(actor.clinicId, id));
  }

  /** The protocol with a draft version 1 holding `definition`. */
  create(actor: Actor, input: CreateProtocolDto): Promise<ProtocolDto> {
    return this.tx.write(actor, (tx) =>
      this.createWithDraft(actor, tx, {
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        definition: plainDefinition(input.definition),
      }),
    );
  }

  /** Also used by the template copy, inside its own transaction. */
  async createWithDraft(
    actor: Actor,
    { manager, audit }: WriteTx,
    input: { code: string; name: string; description: string; definition: ProtocolDefinition },
  ): Promise<ProtocolDto> {
    await this.refuseTakenCode(actor, input.code, manager);
    const issues = definitionIssues(
      input.definition,
      await this.catalog.loadForWrite(actor.clinicId, input.definition, manager),
    );
    if (issues.length) throw new ValidationError(issues);
    const protocol = await this.protocols.insert(
      actor.clinicId,
      { code: input.code, name: input.name, description: input.description, archivedAt: null },
      manager,
    );
    const version = await this.versions.insert(
      actor.clinicId,
      {
        protocolId: protocol.id,
        version: 1,
        status: 'draft',
        definition: input.definition,
        publishedAt: null,
      },
      manager,
    );
    const dto = toProtocolDto(protocol, [version]);
    await audit({
      action: 'create',
      entityType: 'protocol',
      entityId: protocol.id,
      before: null,
      after: snapshot(dto),
    });
    await audit({
      action: 'create',
      entityType: 'protocol_version',
      entityId: version.id,
      before: null,
      after: snapshot(toProtocolVersionDto(version)),
    });
    return dto;
  }

  update(actor: Actor, id: string, input: UpdateProtocolDto): Promise<ProtocolDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.protocols.getForUpdate(actor.clinicId, id, manager);
      refuseArchived(row);
      if (input.code !== undefined && input.code !== row.code) {
        await this.refuseTakenCode(actor, input.code, manager);
      }
      const before = await this.dto(actor, row, manager);
      const updated = await this.protocols.update(
        actor.clinicId,
        id,
        { code: input.code, name: input.name, description: input.description },
        manager,
      );
      const after = await this.dto(actor, updated, manager);
      await audit({
        action: 'update',
        entityType: 'protocol',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /**
   * DELETE archives: refused (409 IN_USE) while any version has enrollments or a cohort names
   * the protocol. Nothing is deleted; versions stay readable.
   */
  archive(actor: Actor, id: string): Promise<ProtocolDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.protocols.getForUpdate(actor.clinicId, id, manager);
      if (row.archivedAt) {
        throw new ConflictError(`Protocol ${row.code} is already archived`, 'ALREADY_ARCHIVED');
      }
      const usage = await this.protocols.usage(actor.clinicId, id, manager);
      const message = inUseMessage(row.code, usage);
      if (message) throw new InUseError(message);
      const before = await this.dto(actor, row, manager);
      const updated = await this.protocols.update(
        actor.clinicId,
        id,
        { archivedAt: new Date() },
        manager,
      );
      const after = await this.dto(actor, updated, manager);
      await audit({
        action: 'archive',
        entityType: 'protocol',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  restore(actor: Actor, id: string): Promise<ProtocolDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.protocols.getForUpdate(actor.clinicId, id, manager);
      if (!row.archivedAt) {
        throw new ConflictError(`Protocol ${row.code} is not archived`, 'NOT_ARCHIVED');
      }
      const before = await this.dto(actor, row, manager);
      const updated = await this.protocols.update(
        actor.clinicId,
        id,
        { archivedAt: null },
        manager,
      );
      const after = await this.dto(actor, updated, manager);
      await audit({
        action: 'restore',
        entityType: 'protocol',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /** With its version summary; pass the transaction's manager inside a write. */
  async dto(actor: Actor, row: ProtocolEntity, manager?: EntityManager): Promise<ProtocolDto> {
    return toProtocolDto(row, await this.versions.ofProtocols(actor.clinicId, [row.id], manager));
  }

  /** An archived holder is named: the list hides it, so the caller could not find it. */
  private async refuseTakenCode(actor: Actor, code: string, manager: EntityManager) {
    const taken = await this.protocols.findByCode(actor.clinicId, code, manager);
    if (!taken) return;
    throw new ConflictError(
      taken.archivedAt
        ? `The clinic already has an archived protocol with code "${code}" (${taken.id}; listed with ?includeArchived=true): restore it (POST /v1/protocols/${taken.id}/restore) or choose another code`
        : `The clinic already has a protocol with code "${code}" (${taken.id}); choose another code`,
      'DUPLICATE',
    );
  }
}

export function refuseArchived(row: ProtocolEntity): void {
  if (row.archivedAt) {
    throw new ConflictError(
      `Protocol ${row.code} is archived; restore it before changing it`,
      'ARCHIVED',
    );
  }
}

function inUseMessage(code: string, usage: ProtocolUsage): string | undefined {
  const parts: string[] = [];
  const total = usage.enrollmentsByVersion.reduce((n, v) => n + v.enrollments, 0);
  if (total > 0) {
    const perVersion = usage.enrollmentsByVersion
      .map((v) => `version ${v.version}: ${v.enrollments}`)
      .join(', ');
    parts.push(`${total} enrollment${total === 1 ? '' : 's'} (${perVersion})`);
  }
  if (usage.cohorts.length > 0) {
    const names = usage.cohorts.map((c) => `"${c.name}"`).join(', ');
    parts.push(`cohort${usage.cohorts.length === 1 ? '' : 's'} ${names}`);
  }
  if (!parts.length) return undefined;
  return `Protocol ${code} is still used by ${parts.join(' and ')}; nothing was changed`;
}

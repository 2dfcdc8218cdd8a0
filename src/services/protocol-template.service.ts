import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../domain/errors';
import { toPlanningProtocol } from '../domain/catalog/protocol-definition';
import type { SessionType } from '../domain/planning/format';
import { checkProtocol } from '../domain/protocol/protocol-check';
import { getTemplate, listTemplates } from '../domain/protocol/templates';
import {
  CopiedProtocolTemplateDto,
  CopyProtocolTemplateDto,
  ProtocolTemplateDto,
  ProtocolTemplateListDto,
  toTemplateDto,
  toTemplateSummary,
} from '../dtos/protocol-template.dto';
import { ProtocolCatalogRepository } from '../repositories/protocol-catalog.repository';
import { Actor } from './actor';
import { ProtocolService } from './protocol.service';
import { SessionTypeService } from './session-type.service';
import { Transactions, WriteTx } from './transactions';

/** Display names for the starter templates' session types (codes are the template's). */
const SESSION_TYPE_NAMES: Record<string, string> = {
  intake: 'Intake',
  'ketamine-iv': 'IV ketamine infusion',
  'esketamine-nasal': 'Esketamine nasal spray',
  'kap-dosing': 'KAP dosing session',
  'kap-preparation': 'KAP preparation',
  'kap-integration': 'KAP integration',
  'emdr-90': 'EMDR session (90 min)',
  'art-75': 'ART session (75 min)',
  'ifs-60': 'IFS session (60 min)',
};

/**
 * The starter protocol library (src/domain/protocol/templates): read by anyone, copied into
 * the clinic by a director as a draft protocol, with the session types it needs.
 */
@Injectable()
export class ProtocolTemplateService {
  constructor(
    private readonly protocols: ProtocolService,
    private readonly sessionTypes: SessionTypeService,
    private readonly catalog: ProtocolCatalogRepository,
    private readonly tx: Transactions,
  ) {}

  list(): ProtocolTemplateListDto {
    return { items: listTemplates().map(toTemplateSummary), nextCursor: null };
  }

  get(id: string): ProtocolTemplateDto {
    return toTemplateDto(this.template(id));
  }

  /**
   * Creates the protocol (draft version 1) and each session type it needs that the clinic
   * lacks (by code; existing ones are kept as the clinic defined them). One transaction.
   */
  copy(
    actor: Actor,
    id: string,
    input: CopyProtocolTemplateDto,
  ): Promise<CopiedProtocolTemplateDto> {
    const template = this.template(id);
    return this.tx.write(actor, async (tx) => {
      const created: string[] = [];
      const existing: string[] = [];
      for (const sessionType of template.sessionTypes) {
        const wasCreated = await this.ensureSessionType(actor, tx, sessionType);
        (wasCreated ? created : existing).push(sessionType.id);
      }
      const { id: _id, ...definition } = template.protocol;
      const protocol = await this.protocols.createWithDraft(actor, tx, {
        code: input.code ?? template.id,
        name: input.name ?? template.name,
        description: describe(template.summary, template.source),
        definition,
      });
      const findings = checkProtocol(
        toPlanningProtocol(protocol.code, definition),
        await this.catalog.load(actor.clinicId, tx.manager),
      );
      return {
        protocol,
        createdSessionTypes: created,
        existingSessionTypes: existing,
        findings,
      };
    });
  }

  private template(id: string) {
    const template = getTemplate(id);
    if (!template) throw new NotFoundError('Protocol template', id);
    return template;
  }

  /**
   * True when it had to be created (audited like POST /v1/session-types). An archived one with
   * the code is a conflict.
   */
  private async ensureSessionType(
    actor: Actor,
    tx: WriteTx,
    sessionType: SessionType,
  ): Promise<boolean> {
    const found = await this.sessionTypes.findByCode(actor, sessionType.id, tx.manager);
    if (found?.archivedAt) {
      throw new ConflictError(
        `Session type ${found.code} exists but is archived; restore it (POST /v1/session-types/${found.id}/restore) and copy the template again`,
        'SESSION_TYPE_ARCHIVED',
      );
    }
    if (found) return false;
    await this.sessionTypes.createIn(actor, tx, {
      code: sessionType.id,
      name: SESSION_TYPE_NAMES[sessionType.id] ?? sessionType.id,
      durationMinutes: sessionType.durationMinutes,
      room: sessionType.room,
      staff: sessionType.staff,
    });
    return true;
  }
}

function describe(
  summary: string,
  source: { title: string; authors: string; year: number; doi?: string },
): string {
  const doi = source.doi ? ` doi:${source.doi}` : '';
  return `${summary}\n\nSource: ${source.authors} (${source.year}). ${source.title}.${doi}`;
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ValidationError, type FieldIssue } from '../domain/errors';
import type { GroupSize, RoomNeed, StaffRequirement } from '../domain/planning/format';
import {
  STAFF_OUTSIDE_SESSION,
  staffOutsideSession,
  staffOutsideSessionMessage,
} from '../domain/planning/staff-in-session';
import {
  CreateSessionTypeDto,
  SessionTypeDto,
  toSessionTypeDto,
  UpdateSessionTypeDto,
} from '../dtos/session-type.dto';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { Actor } from './actor';
import { ArchivableCatalogService, plainJson } from './archivable-catalog.service';
import { Transactions, type WriteTx } from './transactions';

/** What creating a session type takes (the body of POST /v1/session-types). */
export type NewSessionType = Pick<
  CreateSessionTypeDto,
  'code' | 'name' | 'durationMinutes' | 'room' | 'staff' | 'group'
>;

@Injectable()
export class SessionTypeService extends ArchivableCatalogService<
  SessionTypeEntity,
  SessionTypeDto
> {
  constructor(
    private readonly sessionTypes: SessionTypeRepository,
    tx: Transactions,
  ) {
    super(sessionTypes, tx, {
      entityType: 'session_type',
      label: 'Session type',
      nameOf: (row) => row.code,
      toDto: toSessionTypeDto,
    });
  }

  /** A duplicate code is refused by the unique index (409 DUPLICATE). */
  create(actor: Actor, input: CreateSessionTypeDto): Promise<SessionTypeDto> {
    return this.tx.write(actor, (tx) => this.createIn(actor, tx, input));
  }

  /** Creates one inside the caller's transaction (the template copy creates several). */
  createIn(actor: Actor, tx: WriteTx, input: NewSessionType): Promise<SessionTypeDto> {
    const staff = plainJson<StaffRequirement[]>(input.staff);
    refuseIfOutsideSession(input.durationMinutes, staff, true);
    return this.insertIn(actor, tx, {
      code: input.code,
      name: input.name,
      durationMinutes: input.durationMinutes,
      room: plainJson<RoomNeed | null>(input.room),
      staff,
      group: plainJson<GroupSize | null>(input.group ?? null),
      archivedAt: null,
    });
  }

  /** The clinic's session type with this code (archived or not), if any. */
  findByCode(
    actor: Actor,
    code: string,
    manager?: EntityManager,
  ): Promise<SessionTypeEntity | null> {
    return this.sessionTypes.findByCode(actor.clinicId, code, manager);
  }

  update(actor: Actor, id: string, input: UpdateSessionTypeDto): Promise<SessionTypeDto> {
    return this.patch(
      actor,
      id,
      {
        name: input.name,
        durationMinutes: input.durationMinutes,
        room: plainJson<RoomNeed | null>(input.room),
        staff: plainJson<StaffRequirement[]>(input.staff),
        group: plainJson<GroupSize | null>(input.group),
      },
      (merged) => refuseIfOutsideSession(merged.durationMinutes, merged.staff, !!input.staff),
    );
  }
}

/**
 * Each requirement's interval `[offset, offset + duration)` must lie inside the session
 * (same rule as the planner's input check). The request DTO already refuses a body that
 * breaks it; this also covers a PATCH of only `durationMinutes` or only `staff`, judged
 * against the stored other half (422: valid body, invalid resulting state).
 */
function refuseIfOutsideSession(
  sessionMinutes: number,
  staff: StaffRequirement[],
  staffInRequest: boolean,
): void {
  const issues: FieldIssue[] = [];
  staff.forEach((r, i) => {
    const outside = staffOutsideSession(r, sessionMinutes);
    if (!outside) return;
    issues.push({
      pointer: staffInRequest ? `/staff/${i}` : '/durationMinutes',
      code: STAFF_OUTSIDE_SESSION,
      message: `staff/${i}: ${staffOutsideSessionMessage(r.role, outside, sessionMinutes)}`,
    });
  });
  if (issues.length) throw new ValidationError(issues);
}

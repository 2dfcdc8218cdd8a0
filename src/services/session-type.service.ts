import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError, type FieldIssue } from '../domain/errors';
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
import { zonedInstant } from '../dtos/appointment.dto';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import { ClinicRepository } from '../repositories/clinic.repository';
import { SessionTypeRepository, ShapeUseRow } from '../repositories/session-type.repository';
import { Actor } from './actor';
import { ArchivableCatalogService, firstFew, plainJson } from './archivable-catalog.service';
import { listedAppointments } from './listed-appointments';
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
    private readonly clinics: ClinicRepository,
  ) {
    super(sessionTypes, tx, {
      entityType: 'session_type',
      label: 'Session type',
      nameOf: (row) => row.code,
      toDto: toSessionTypeDto,
    });
  }

  /** A duplicate code is 409 DUPLICATE (an archived holder named as such). */
  create(actor: Actor, input: CreateSessionTypeDto): Promise<SessionTypeDto> {
    return this.tx.write(actor, (tx) => this.createIn(actor, tx, input));
  }

  /** Creates one inside the caller's transaction (the template copy creates several). */
  async createIn(actor: Actor, tx: WriteTx, input: NewSessionType): Promise<SessionTypeDto> {
    await this.refuseTakenCode(actor, input.code, tx.manager);
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

  /**
   * 409 DUPLICATE naming the holder (the unique index still guards races); an archived one is
   * said to be archived, as the list hides it.
   */
  private async refuseTakenCode(actor: Actor, code: string, manager: EntityManager) {
    const taken = await this.findByCode(actor, code, manager);
    if (!taken) return;
    throw new ConflictError(
      taken.archivedAt
        ? `The clinic already has an archived session type with code "${code}" (${taken.id}; listed with ?includeArchived=true): restore it (POST /v1/session-types/${taken.id}/restore) or choose another code`
        : `The clinic already has a session type with code "${code}" (${taken.id}); choose another code`,
      'DUPLICATE',
    );
  }

  /** The clinic's session type with this code (archived or not), if any. */
  findByCode(
    actor: Actor,
    code: string,
    manager?: EntityManager,
  ): Promise<SessionTypeEntity | null> {
    return this.sessionTypes.findByCode(actor.clinicId, code, manager);
  }

  /**
   * Saves the change. The shape (duration, staff, room, group) is refused (409
   * SESSION_TYPE_BOOKED, nothing changed) while sessions booked with it, or completed in
   * active enrollments, exist: they were booked and checked with the old shape, and plans
   * re-read them with the current one. A new shape is a new session type (and protocol
   * version), as a published protocol version is never edited.
   */
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
      async (merged, manager) => {
        refuseIfOutsideSession(merged.durationMinutes, merged.staff, !!input.staff);
        const before = await this.sessionTypes.get(actor.clinicId, id, manager);
        const changed = SHAPE_FIELDS.filter((f) => !sameJson(before[f], merged[f]));
        if (changed.length === 0) return;
        const uses = await this.sessionTypes.shapeUses(actor.clinicId, id, manager);
        if (uses.length === 0) return;
        const zone = (await this.clinics.get(actor.clinicId, manager)).timeZone;
        throw shapeInUse(before.code, changed, uses, zone);
      },
    );
  }
}

/** What a session takes: fixed while sessions of the type are booked (see `update`). */
const SHAPE_FIELDS = ['durationMinutes', 'staff', 'room', 'group'] as const;

/** Equal as JSON, whatever the key order (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function shapeInUse(
  code: string,
  changed: readonly string[],
  uses: readonly ShapeUseRow[],
  zone: string,
): ConflictError {
  const at = (d: Date) => zonedInstant(d, zone);
  const booked = uses.filter((u) => u.status === 'booked').length;
  const done = uses.length - booked;
  const counted = [
    booked > 0 && `${booked} booked session${booked === 1 ? '' : 's'}`,
    done > 0 && `${done} completed session${done === 1 ? '' : 's'} of active enrollments`,
  ]
    .filter(Boolean)
    .join(' and ');
  const shown = firstFew(
    uses.map((u) => `${u.series} ${u.index} ${at(u.startsAt)} (appointment ${u.id})`),
  );
  const message =
    `Session type ${code} has ${counted}: ${shown}. They were booked with ` +
    `its current ${changed.join(', ')}, and plans read them with the session type's shape, so ` +
    `it cannot change while they exist. Create a new session type with the new shape, use it ` +
    `in a new protocol version, re-pin the enrollments and re-plan them (repair); nothing was changed`;
  return new ConflictError(
    message,
    'SESSION_TYPE_BOOKED',
    changed.map((f) => ({
      pointer: `/${f}`,
      code: 'SESSION_TYPE_BOOKED',
      message: `${f} of ${code} is fixed while ${counted} use it`,
    })),
    {
      appointments: listedAppointments(uses, zone),
    },
  );
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

import type { Room, SessionType, StaffMember } from '../domain/planning/format';
import type { RoomEntity } from '../entities/room.entity';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import type { StaffEntity } from '../entities/staff.entity';

/*
 * Catalog rows in the planning format's shape (docs/planning-format.md), for the protocol
 * check and for planning documents built from the clinic's catalog.
 */

/** The session type as planning documents describe it (`sessionTypes[]`): its code is the id. */
export function toPlanningSessionType(row: SessionTypeEntity): SessionType {
  return {
    id: row.code,
    durationMinutes: row.durationMinutes,
    room: row.room,
    staff: row.staff,
    ...(row.group && { group: row.group }),
  };
}

/** The staff member as planning documents describe it (`staff[]`); the row id is the id. */
export function toPlanningStaffMember(row: StaffEntity): StaffMember {
  const member: StaffMember = {
    id: row.id,
    roles: [...row.roles],
    availability: row.availability,
    timeOff: row.timeOff,
  };
  if (row.limits) member.limits = row.limits;
  return member;
}

/**
 * The room as planning documents describe it (`rooms[]`): a null availability is left out
 * (open across the horizon); an empty list stays an empty list.
 */
export function toPlanningRoom(row: RoomEntity): Room {
  const room: Room = {
    id: row.id,
    features: [...row.features],
    capacity: row.capacity,
    timeOff: row.timeOff,
  };
  if (row.availability !== null) room.availability = row.availability;
  return room;
}

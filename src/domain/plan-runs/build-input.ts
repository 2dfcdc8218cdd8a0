/**
 * What a plan run's problem is built from (build-problem.ts): the clinic's stored records as
 * the service loads them. Pure types.
 */
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import type { LocalPeriod, Room, SessionType, StaffMember } from '../planning/format';

export interface StoredClinic {
  timeZone: string;
  slotMinutes: number;
  closures: string[];
}

export interface StoredEnrollment {
  id: string;
  patientId: string;
  status: string;
  /** `<code>@v<version>`: the protocol entry's id. */
  protocolKey: string;
  definition: ProtocolDefinition;
  counts: Record<string, number>;
  earliestStart: string;
  latestEnd: string;
  unavailable: LocalPeriod[];
}

export type StoredStatus = 'booked' | 'completed' | 'missed' | 'cancelled';

export interface StoredAppointment {
  id: string;
  enrollmentId: string;
  patientId: string;
  seriesId: string;
  index: number;
  /** The session type's code (the problem's session type id). */
  sessionType: string;
  status: StoredStatus;
  start: number;
  end: number;
  roomId: string | null;
  /** The session type's room turnover (minutes), for the room's busy time. */
  turnoverMinutes: number;
  overrideRules?: string[]; // a director's override's approved rules (`override.rules`)
  staff: { staffId: string; role: string; start: number; end: number; mode: string }[];
}

export interface StoredCatalog {
  sessionTypes: SessionType[];
  staff: StaffMember[];
  rooms: Room[];
}

export interface BuildInput {
  clinic: StoredClinic;
  catalog: StoredCatalog;
  enrollments: StoredEnrollment[];
  /** Appointments of the run's patients (any enrollment), and every other appointment
   * holding a resource in the horizon. */
  appointments: StoredAppointment[];
  now: Date;
  repair: boolean;
  timeLimitMs: number;
  seed: number | null;
}

/**
 * What the static protocol check returns: problems a program director can act
 * on before planning, each with a stable code and a JSON pointer into the
 * protocol document (planning-format field names).
 */
import type { Room, SessionType, StaffMember } from '../planning/format';
import { jsonPointer } from '../text/json-pointer';
import type { FindingCode } from '../errors/error-codes';

export type FindingSeverity = 'error' | 'warning';

export interface ProtocolFinding {
  /** `error`: no patient can ever be scheduled as written. `warning`: some can't, or likely a mistake. */
  severity: FindingSeverity;
  /** Stable machine code, e.g. `SPAN_TOO_SHORT_FOR_GAPS`. */
  code: ProtocolFindingCode;
  /** JSON pointer (RFC 6901) into the protocol, e.g. `/series/1/gapHours/min`. */
  pointer: string;
  /** Plain words with the numbers involved. */
  message: string;
  /** The smallest change that would fix it, when one is clear. */
  suggestion?: string;
}

/** Every code `checkProtocol` can return. */
export const PROTOCOL_FINDING_CODES = [
  'NO_SERIES',
  'DUPLICATE_SERIES_ID',
  'UNKNOWN_SERIES',
  'UNKNOWN_SESSION_TYPE',
  'COUNT_RANGE_INVALID',
  'COUNT_LINK_INVALID',
  'HOUR_RANGE_INVALID',
  'SPAN_RANGE_INVALID',
  'REST_DAYS_BLOCK_SERIES',
  'DAYS_INCLUDE_REST_DAYS',
  'GAP_RANGE_IMPOSSIBLE',
  'WEEKDAYS_BLOCK_GAP',
  'SPAN_TOO_SHORT_FOR_GAPS',
  'SPAN_TOO_SHORT_FOR_SESSIONS',
  'PATIENT_DAY_INVALID',
  'PATIENT_DAY_TOO_SHORT',
  'OCCURRENCE_OUT_OF_RANGE',
  'OFFSET_EXCEEDS_SPAN',
  'OFFSET_RULE_IMPOSSIBLE',
  'FOLLOWUP_TARGETS_TOO_FEW',
  'FOLLOWUP_UNREACHABLE',
  'FOLLOWUP_CONFLICTS_NOT_SAME_DAY',
  'NOT_SAME_DAY_TOO_FEW_SERIES',
  'NOT_SAME_DAY_EXCEEDS_DAYS',
  'UNKNOWN_RULE_TYPE',
  'SEPARATION_CONFLICTS_GAP',
  'SEPARATION_CONFLICTS_FOLLOWUP',
  'SEPARATION_EXCEEDS_SPAN',
  'CONTINUITY_ROLE_NOT_IN_SERIES',
  'NO_STAFF_FOR_ROLE',
  'NOT_ENOUGH_DISTINCT_STAFF',
  'NO_ROOM_WITH_FEATURES',
  'STAFF_REQUIREMENT_EXCEEDS_SESSION',
] as const satisfies readonly FindingCode[];

export type ProtocolFindingCode = (typeof PROTOCOL_FINDING_CODES)[number];

/**
 * Codes that mean the protocol refers to something that does not exist or is
 * not well-formed; a catalog API may refuse to save a version with these
 * (422) rather than only reporting them from the check endpoint.
 */
export const REFERENCE_FINDING_CODES: ReadonlySet<ProtocolFindingCode> = new Set([
  'DUPLICATE_SERIES_ID',
  'UNKNOWN_SERIES',
  'UNKNOWN_SESSION_TYPE',
  'UNKNOWN_RULE_TYPE',
  'COUNT_RANGE_INVALID',
  'COUNT_LINK_INVALID',
  'HOUR_RANGE_INVALID',
  'SPAN_RANGE_INVALID',
  'PATIENT_DAY_INVALID',
  'OCCURRENCE_OUT_OF_RANGE',
]);

/** The clinic catalog a protocol is checked against. */
export interface ProtocolCatalog {
  sessionTypes: SessionType[];
  staff: Pick<StaffMember, 'id' | 'roles'>[];
  rooms: Pick<Room, 'id' | 'features'>[];
}

/** Builds a JSON pointer from raw tokens, escaping `~` and `/` (RFC 6901). */
export function pointer(...tokens: (string | number)[]): string {
  return jsonPointer(tokens);
}

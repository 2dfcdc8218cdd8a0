import { ForbiddenError } from '../domain/errors';
import type { Actor } from './actor';

/** The 403 of a clinician key not linked to a staff member, on every route that reads patients. */
export const UNLINKED_CLINICIAN_MESSAGE =
  'This clinician key is not linked to a staff member, so it has no appointments to read';

/**
 * Minimum necessary: a clinician key reads only the patients (and their enrollments) of the
 * sessions its staff member is or was assigned to, as it reads only those appointments.
 * Returns that staff member for a clinician key (403 when the key is not linked to one) and
 * undefined for the front desk and directors, who read the whole clinic.
 */
export function clinicianScope(actor: Actor): string | undefined {
  if (actor.role !== 'clinician') return undefined;
  if (!actor.staffId) throw new ForbiddenError(UNLINKED_CLINICIAN_MESSAGE);
  return actor.staffId;
}

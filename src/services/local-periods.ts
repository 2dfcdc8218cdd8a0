import type { EntityManager } from 'typeorm';
import { ValidationError } from '../domain/errors';
import type { LocalPeriod } from '../domain/planning/format';
import { gapEmptiedPeriods } from '../domain/time/clock-gap';
import type { ClinicRepository } from '../repositories/clinic.repository';

/**
 * 422 END_NOT_AFTER_START when a typed period (time off, unavailable) is emptied by the
 * clinic's spring-forward gap (src/domain/time/clock-gap.ts); nothing when none is given.
 */
export async function refuseGapEmptiedPeriods(
  clinics: ClinicRepository,
  clinicId: string,
  periods: readonly LocalPeriod[] | null | undefined,
  pointer: string,
  manager?: EntityManager,
): Promise<void> {
  if (!periods || periods.length === 0) return;
  const zone = (await clinics.get(clinicId, manager)).timeZone;
  const issues = gapEmptiedPeriods(periods, zone, pointer);
  if (issues.length > 0) throw new ValidationError(issues);
}

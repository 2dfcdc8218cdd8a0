/**
 * The cohort date rule: a member enrollment's window [earliestStart, latestEnd] must share at
 * least one day with its cohort's [startDate, endDate]. "Within" would be too strict (a
 * retreat's members may have follow-up sessions after it ends); no common day at all is
 * certainly a mistake. Every write path that could break it (adding a member, enrolling into
 * a cohort, moving a member's dates, moving the cohort's dates) asks this module. Pure:
 * local dates as YYYY-MM-DD strings, which compare as dates.
 */
import type { FieldIssue } from '../errors';

/** An enrollment's window (local dates, inclusive). */
export interface EnrollmentWindow {
  readonly earliestStart: string;
  readonly latestEnd: string;
}

/** A cohort's dates (local dates, inclusive). */
export interface CohortDates {
  readonly name: string;
  readonly startDate: string;
  readonly endDate: string;
}

/** Which of the date-related fields the request sent (to point at one of them). */
export interface SentDateFields {
  readonly cohortId?: boolean;
  readonly earliestStart?: boolean;
  readonly latestEnd?: boolean;
}

/** True when the two inclusive ranges share at least one day. */
export function overlapsCohort(window: EnrollmentWindow, cohort: CohortDates): boolean {
  return window.earliestStart <= cohort.endDate && cohort.startDate <= window.latestEnd;
}

/** "2027-09-01 to 2027-11-30". */
function span(from: string, to: string): string {
  return `${from} to ${to}`;
}

/** One line naming both windows. */
export function cohortDatesMessage(
  window: EnrollmentWindow,
  cohort: CohortDates,
  enrollmentId?: string,
): string {
  const whose = enrollmentId ? `enrollment ${enrollmentId}` : 'the enrollment';
  const side =
    window.latestEnd < cohort.startDate ? 'ends before it starts' : 'starts after it ends';
  return (
    `${whose} runs ${span(window.earliestStart, window.latestEnd)}, which does not overlap ` +
    `cohort "${cohort.name}" (${span(cohort.startDate, cohort.endDate)}): it ${side}. A ` +
    `member's earliestStart to latestEnd must share at least one day with the cohort's ` +
    `startDate to endDate`
  );
}

/**
 * The field a mismatch is reported at, among those the request sent: `/cohortId` when it set
 * the cohort; otherwise the date on the side that misses (`/latestEnd` for a window ending
 * before the cohort starts, `/earliestStart` for one starting after it ends), else the other
 * date sent.
 */
export function cohortDatesPointer(
  window: EnrollmentWindow,
  cohort: CohortDates,
  sent: SentDateFields,
): string {
  if (sent.cohortId) return '/cohortId';
  const [near, far] =
    window.latestEnd < cohort.startDate
      ? (['latestEnd', 'earliestStart'] as const)
      : (['earliestStart', 'latestEnd'] as const);
  if (sent[near]) return `/${near}`;
  if (sent[far]) return `/${far}`;
  return '/cohortId';
}

/** The COHORT_DATES_MISMATCH issue for one enrollment, or undefined when it overlaps. */
export function cohortDatesIssue(
  window: EnrollmentWindow,
  cohort: CohortDates,
  pointer: string,
  enrollmentId?: string,
): FieldIssue | undefined {
  if (overlapsCohort(window, cohort)) return undefined;
  return {
    pointer,
    code: 'COHORT_DATES_MISMATCH',
    message: cohortDatesMessage(window, cohort, enrollmentId),
  };
}

/** A member that would no longer overlap, and the cohort date (field) it misses on. */
export interface StrandedMember<T extends EnrollmentWindow> {
  readonly member: T;
  /** `startDate` when the member ends before the cohort starts, else `endDate`. */
  readonly side: 'startDate' | 'endDate';
}

/** The members that do not overlap `cohort` (its new dates), in the given order. */
export function strandedMembers<T extends EnrollmentWindow>(
  members: readonly T[],
  cohort: CohortDates,
): StrandedMember<T>[] {
  return members
    .filter((m) => !overlapsCohort(m, cohort))
    .map((member) => ({
      member,
      side: member.latestEnd < cohort.startDate ? 'startDate' : 'endDate',
    }));
}

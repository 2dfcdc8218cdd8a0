/**
 * The protocol and calendar checks of many sessions booked into one patient's course at once
 * (a plan run's commit), with the verdict of booking them one by one through the hand-booking
 * checks (courseIssues + patientRuleIssues, each session judged on the course as booked up to
 * it). The whole course is judged first, once with and once without the added sessions; only
 * when that finds something are the sessions judged one by one, to name the first one refused
 * and report exactly what its hand booking would. Both rule sets are subset-safe, so a course
 * the whole-course check passes has no session the one-by-one check would refuse. Pure.
 */
import type { FieldIssue } from '../errors';
import { courseIssues } from './course-rules';
import {
  patientCourseIssues,
  patientRuleIssues,
  type BookedSession,
  type PatientRulesInput,
} from './patient-rules';

/** A session of the course with its end (epoch ms), as the course rules read it. */
export type CourseSessionOf = BookedSession & { end: number };

export interface CourseBatch {
  /** Everything but the candidate, `booked` the course as stored (booked and completed). */
  base: Omit<PatientRulesInput, 'candidate' | 'booked'> & { booked: CourseSessionOf[] };
  /** Sessions per series the enrollment gets (the effective counts). */
  counts: Readonly<Record<string, number>>;
  /** The new sessions, in the order they are booked. */
  added: CourseSessionOf[];
}

function sessionIssues(
  batch: CourseBatch,
  booked: CourseSessionOf[],
  candidate: CourseSessionOf,
): FieldIssue[] {
  const { base, counts } = batch;
  return [
    ...courseIssues(
      [...booked.map((b) => ({ ...b, isNew: false })), { ...candidate, isNew: true }],
      base.protocol.definition,
      counts,
      base.clinic.timeZone,
    ),
    ...patientRuleIssues({ ...base, booked, candidate }),
  ];
}

/**
 * The first added session (its position in `added`) that booking them one by one would
 * refuse, with the issues the hand booking reports for it; null when every one passes.
 */
export function firstRuleRefusal(batch: CourseBatch): { at: number; issues: FieldIssue[] } | null {
  const { base, counts, added } = batch;
  if (added.length === 0) return null;
  const whole = courseIssues(
    [
      ...base.booked.map((b) => ({ ...b, isNew: false })),
      ...added.map((a) => ({ ...a, isNew: true })),
    ],
    base.protocol.definition,
    counts,
    base.clinic.timeZone,
  );
  if (whole.length === 0 && patientCourseIssues(base, added).length === 0) return null;
  for (let at = 0; at < added.length; at++) {
    const issues = sessionIssues(batch, [...base.booked, ...added.slice(0, at)], added[at]);
    if (issues.length > 0) return { at, issues };
  }
  return null;
}

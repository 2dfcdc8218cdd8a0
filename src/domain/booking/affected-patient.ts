/**
 * Why the patient can no longer attend a booked appointment: the enrollment's window or the
 * patient's unavailable periods (the affected-appointments worklist, see ./affected.ts). Pure.
 */
import type { LocalPeriod } from '../planning/format';
import { dayNumber } from '../time/local-date';
import { placeLocal } from '../time/zone';
import { localRange } from '../time/repeated-hour';
import {
  type AffectedCode,
  type AffectedWhy,
  type BookedView,
  overlaps,
  periodSpan,
  type Span,
  toMinutes,
} from './affected';
import { sessionLabel } from './course-rules';

/** The patient's side of an enrollment: its window and unavailability (local, clinic zone). */
export interface PatientWindow {
  enrollmentId: string;
  earliestStart: string;
  latestEnd: string;
  unavailable: readonly LocalPeriod[];
}

/**
 * Why the patient can no longer attend `a`: it lies outside the enrollment's
 * `[earliestStart, latestEnd]`, or overlaps a period the patient is unavailable (the session's
 * own `[start, end)`, as the booking check judges it).
 */
export function patientConflicts(a: BookedView, w: PatientWindow, zone: string): AffectedWhy[] {
  const why = (code: AffectedCode, message: string): AffectedWhy => ({
    code,
    resource: 'enrollment',
    resourceId: w.enrollmentId,
    message,
  });
  const label = sessionLabel(a);
  const span: Span = [toMinutes(a.start), toMinutes(a.end)];
  const when = localRange(span[0] * 60_000, span[1] * 60_000, zone);
  const out: AffectedWhy[] = [];
  if (span[0] < placeLocal(zone, dayNumber(w.earliestStart), 0)) {
    out.push(
      why(
        'OUTSIDE_PATIENT_WINDOW',
        `${label} (${when}) is before earliestStart ${w.earliestStart}`,
      ),
    );
  }
  if (span[1] > placeLocal(zone, dayNumber(w.latestEnd) + 1, 0)) {
    out.push(
      why('OUTSIDE_PATIENT_WINDOW', `${label} (${when}) ends after latestEnd ${w.latestEnd}`),
    );
  }
  const off = w.unavailable.find((p) => overlaps(span, periodSpan(p, zone)));
  if (off) {
    out.push(
      why(
        'PATIENT_UNAVAILABLE',
        `the patient is unavailable ${off.start}–${off.end}, over ${label} (${when})`,
      ),
    );
  }
  return out;
}

/**
 * SQL condition: the staff member `staff` (a parameter, `:seenBy` unless named) has a staff row (occupied or present, any status:
 * the appointments a clinician reads) on an appointment whose `column` equals `outer`.
 * Each participant of a group session has their own appointment and staff rows.
 */
export function sessionWithStaff(
  column: 'patient_id' | 'enrollment_id',
  outer: string,
  staff = ':seenBy',
): string {
  return `EXISTS (SELECT 1 FROM appointment seen_a
                    JOIN appointment_staff seen_s ON seen_s.appointment_id = seen_a.id
                   WHERE seen_a.${column} = ${outer} AND seen_s.staff_id = ${staff})`;
}

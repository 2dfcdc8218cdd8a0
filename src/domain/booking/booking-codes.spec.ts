import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOKING_ERROR_CODES, isBookingCode } from './booking-codes';

/** Files that raise the appointments' errors. */
const SOURCES = [
  'domain/booking/course-rules.ts',
  'domain/booking/patient-rules.ts',
  'domain/booking/staff-day.ts',
  'domain/booking/staffing.ts',
  'services/appointment-booking.ts',
  'services/appointment.service.ts',
  'services/booking-rules.ts',
  'services/idempotent-writes.ts',
  'services/lane-planner.ts',
  'repositories/resource-booking.repository.ts',
  'infra/http/idempotency-key.ts',
];

/**
 * Codes shared with the rest of the API (registered there), and validator rules a booking
 * filters out (judged by the lanes or by staff-day.ts; never answered).
 */
const NOT_LISTED = new Set([
  'UNKNOWN_REFERENCE',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'PATIENT_OVERLAP',
  'ROOM_CAPACITY',
  'STAFF_OVERLAP',
  'OUTSIDE_HORIZON',
  'DUPLICATE_APPOINTMENT_ID',
]);

describe('BOOKING_ERROR_CODES', () => {
  it('lists every code the appointment code raises', () => {
    const used = new Set<string>();
    for (const file of SOURCES) {
      const text = readFileSync(join(__dirname, '../..', file), 'utf8');
      for (const m of text.matchAll(/code: '([A-Z][A-Z_]+)'|'([A-Z][A-Z_]{3,})',\n?\s*\[?/g)) {
        used.add(m[1] ?? m[2]);
      }
    }
    const missing = [...used].filter((c) => !isBookingCode(c) && !NOT_LISTED.has(c));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it('gives top-level codes a status and every code a meaning', () => {
    for (const [code, info] of Object.entries(BOOKING_ERROR_CODES)) {
      expect([code, info.meaning.length > 0]).toEqual([code, true]);
      expect([code, 'status' in info || 'field' in info]).toEqual([code, true]);
    }
  });
});

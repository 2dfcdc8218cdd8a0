/**
 * References of existing bookings: patient, series (linked counts resolved),
 * index, room and staff; format 1.1 group occurrences. A `missed` record's
 * index is only a label (format 1.1), so it takes no part in the index checks.
 */
import type { ExistingBooking, Problem } from '../format';
import { patientCountOf } from './counts';
import type { ErrorList } from './errors';

export function checkExisting(p: Problem, errors: ErrorList): void {
  const staff = new Map(p.staff.map((s) => [s.id, s]));
  const rooms = new Set(p.rooms.map((r) => r.id));
  const types = new Map(p.sessionTypes.map((t) => [t.id, t]));
  const slots = new Set<string>();
  (p.existing ?? []).forEach((e, i) => {
    const at = `/existing/${i}`;
    const patient = p.patients.find((x) => x.id === e.patient);
    if (!patient)
      errors.add(
        `${at}/patient`,
        'UNKNOWN_REFERENCE',
        `"${e.patient}" is not a patient of this problem`,
      );
    const protocol = p.protocols.find((pr) => pr.id === patient?.protocol);
    const series = protocol?.series.find((s) => s.id === e.series);
    if (patient && protocol && !series) {
      errors.add(
        `${at}/series`,
        'UNKNOWN_REFERENCE',
        `"${e.series}" is not a series of protocol ${protocol.id}`,
      );
    }
    if (patient && protocol && series && e.mode !== 'missed') {
      const count = patientCountOf(protocol, series, patient.counts);
      if (count !== undefined && e.index > count)
        errors.add(
          `${at}/index`,
          'INDEX_OUT_OF_RANGE',
          `${e.patient} has ${count} ${series.id} sessions; index ${e.index} does not exist`,
        );
      const slot = `${e.patient}/${e.series}/${e.index}`;
      if (slots.has(slot))
        errors.add(
          `${at}/index`,
          'DUPLICATE_BOOKING',
          `another booking is already ${e.series} #${e.index} of ${e.patient}`,
        );
      slots.add(slot);
    }
    const type = series && types.get(series.sessionType);
    if (type && e.occurrence !== undefined && type.group === undefined) {
      errors.add(
        `${at}/occurrence`,
        'OCCURRENCE_NOT_GROUP',
        `${type.id} is not a group session type; only group bookings carry an occurrence`,
      );
    } else if (type?.group && e.occurrence === undefined && e.mode !== 'missed') {
      errors.add(
        `${at}/occurrence`,
        'REQUIRED',
        `${type.id} is a group session type; its bookings carry their occurrence id`,
      );
    }
    if (e.room !== undefined && e.room !== null && !rooms.has(e.room)) {
      errors.add(`${at}/room`, 'UNKNOWN_REFERENCE', `"${e.room}" is not a room`);
    }
    e.staff.forEach((s, j) => {
      if (!staff.has(s.id))
        errors.add(`${at}/staff/${j}/id`, 'UNKNOWN_REFERENCE', `"${s.id}" is not a staff member`);
    });
  });
  checkOccurrences(p, errors);
}

/** What every booking of one occurrence shares: session type, start, room and staff. */
function occurrenceShape(p: Problem, e: ExistingBooking): string {
  const protocol = p.protocols.find(
    (pr) => pr.id === p.patients.find((x) => x.id === e.patient)?.protocol,
  );
  const type = protocol?.series.find((s) => s.id === e.series)?.sessionType;
  const staff = e.staff
    .map((s) => `${s.id}/${s.role}`)
    .sort()
    .join(',');
  return JSON.stringify([type, e.start, e.room ?? null, staff]);
}

/** Bookings (other than missed ones) that share an occurrence id describe one occurrence. */
function checkOccurrences(p: Problem, errors: ErrorList): void {
  const first = new Map<string, { shape: string; patients: Set<string> }>();
  (p.existing ?? []).forEach((e, i) => {
    if (e.occurrence === undefined || e.mode === 'missed') return;
    const shape = occurrenceShape(p, e);
    const seen = first.get(e.occurrence);
    if (!seen) {
      first.set(e.occurrence, { shape, patients: new Set([e.patient]) });
      return;
    }
    if (seen.shape !== shape || seen.patients.has(e.patient)) {
      errors.add(
        `/existing/${i}/occurrence`,
        'OCCURRENCE_MISMATCH',
        seen.patients.has(e.patient)
          ? `${e.patient} is already in occurrence ${e.occurrence}`
          : `bookings of occurrence ${e.occurrence} must share session type, start, room and staff`,
      );
    }
    seen.patients.add(e.patient);
  });
}

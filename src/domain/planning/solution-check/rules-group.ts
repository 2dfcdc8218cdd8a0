/**
 * Format 1.1 group sessions: every appointment of a group session type names
 * its occurrence, the appointments of one occurrence share session type,
 * start, end, room and staff (each patient at most once), and each
 * occurrence has between `group.min` and `group.max` participants. (That
 * rooms and staff count an occurrence once is in rules-resources.)
 */
import type { CheckContext, CheckedAppointment, RuleCheck, Violation } from './context';

function staffShape(a: CheckedAppointment): string {
  return a.staff
    .map(
      (s) =>
        `${s.id}/${s.role}/${s.present ? 'present' : ''}@${s.interval.start}-${s.interval.end}`,
    )
    .sort()
    .join(',');
}

function occurrences(ctx: CheckContext): Map<string, CheckedAppointment[]> {
  const byId = new Map<string, CheckedAppointment[]>();
  for (const a of ctx.appointments) {
    const id = a.appointment.occurrence;
    if (typeof id !== 'string') continue;
    byId.set(id, [...(byId.get(id) ?? []), a]);
  }
  return byId;
}

const occurrenceShape: RuleCheck = {
  name: 'OCCURRENCE',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    const v = (rule: string, a: CheckedAppointment, message: string) =>
      out.push({ rule, message: `${a.id}: ${message}`, appointment: a.id, patient: a.patient.id });
    for (const a of ctx.appointments) {
      const id: unknown = a.appointment.occurrence;
      if (a.type.group && typeof id !== 'string')
        v(
          'OCCURRENCE_MISSING',
          a,
          `${a.type.id} is a group session type; the occurrence is missing`,
        );
      else if (!a.type.group && id !== undefined)
        v(
          'OCCURRENCE_NOT_GROUP',
          a,
          `${a.type.id} is not a group session type but has an occurrence`,
        );
    }
    for (const [id, list] of occurrences(ctx)) {
      const [first] = list;
      const shape = (a: CheckedAppointment) =>
        JSON.stringify([a.type.id, a.start, a.end, a.appointment.room ?? null, staffShape(a)]);
      const patients = new Set<string>();
      for (const a of list) {
        if (patients.has(a.patient.id))
          v('OCCURRENCE_MISMATCH', a, `${a.patient.id} takes part in occurrence ${id} twice`);
        else if (shape(a) !== shape(first))
          v(
            'OCCURRENCE_MISMATCH',
            a,
            `occurrence ${id} differs from ${first.id} in session type, start, end, room or staff`,
          );
        patients.add(a.patient.id);
      }
    }
    return out;
  },
};

/**
 * Participants per occurrence within [group.min, group.max]. An occurrence
 * with a done session took place and is not judged; `tooMany` alone holds on
 * any subset of sessions.
 */
function groupSize(name: string, tooFew: boolean): RuleCheck {
  return {
    name,
    subsetSafe: !tooFew,
    check: (ctx) => {
      const out: Violation[] = [];
      for (const [id, list] of occurrences(ctx)) {
        const group = list[0].type.group;
        if (!group || list.some((a) => a.done)) continue;
        const n = new Set(list.map((a) => a.patient.id)).size;
        const wrong = tooFew ? n < group.min : n > group.max;
        if (wrong) {
          out.push({
            rule: 'GROUP_SIZE',
            message: `occurrence ${id} has ${n} participant(s); ${list[0].type.id} takes ${group.min}–${group.max}`,
            appointment: list[list.length - 1].id,
          });
        }
      }
      return out;
    },
  };
}

export const GROUP_RULES: RuleCheck[] = [
  occurrenceShape,
  groupSize('GROUP_SIZE_MIN', true),
  groupSize('GROUP_SIZE_MAX', false),
];

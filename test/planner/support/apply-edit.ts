/**
 * Applies the change behind a planner suggestion to a problem document, and
 * freezes everyone else's appointments as pinned bookings, so a test can check
 * a suggestion the way the format states it: applied, with everything else
 * unchanged, it lets the patient be scheduled.
 */
import type {
  ExistingBooking,
  Problem,
  Protocol,
  Solution,
} from '../../../src/domain/planning/format';
import type { ProblemEdit } from '../../../src/domain/planning/solver/reasons-context';

function protocolOf(problem: Problem, id: string): Protocol {
  const proto = problem.protocols.find((p) => p.id === id);
  if (!proto) throw new Error(`no protocol ${id}`);
  return proto;
}

export function applyEdit(source: Problem, edit: ProblemEdit): Problem {
  const problem = structuredClone(source);
  switch (edit.type) {
    case 'allowDay': {
      const s = protocolOf(problem, edit.protocol).series.find((x) => x.id === edit.series)!;
      s.days = [...(s.days ?? []), edit.day];
      break;
    }
    case 'gapMin':
    case 'gapMax': {
      const s = protocolOf(problem, edit.protocol).series.find((x) => x.id === edit.series)!;
      s.gapHours = { ...s.gapHours, [edit.type === 'gapMin' ? 'min' : 'max']: edit.hours };
      break;
    }
    case 'resumeGapMax': {
      const s = protocolOf(problem, edit.protocol).series.find((x) => x.id === edit.series)!;
      s.resumeGapHours = { ...s.resumeGapHours, max: edit.hours };
      break;
    }
    case 'spanMax': {
      const proto = protocolOf(problem, edit.protocol);
      proto.spanDays = { ...proto.spanDays, max: edit.days };
      break;
    }
    case 'offsetMax': {
      const rule = (protocolOf(problem, edit.protocol).rules ?? []).filter(
        (r) => r.type === 'offset',
      )[edit.offset];
      if (rule?.type !== 'offset') throw new Error(`no offset rule ${edit.offset}`);
      rule.hours = { ...rule.hours, max: edit.hours };
      break;
    }
    case 'latestEnd':
      problem.patients.find((p) => p.id === edit.patient)!.latestEnd = edit.date;
      break;
    case 'addStaff':
      for (let k = 0; k < edit.count; k++)
        problem.staff.push({
          id: edit.count > 1 ? `${edit.id}-${k + 1}` : edit.id,
          roles: [edit.role],
          availability: edit.windows,
        });
      break;
    case 'addRoom':
      problem.rooms.push({
        id: edit.id,
        features: edit.features,
        capacity: 1,
        availability: edit.windows,
      });
      break;
  }
  return problem;
}

/** Local `YYYY-MM-DDTHH:MM` of an offset date-time (its wall-clock part). */
const wallClock = (offsetDateTime: string) => offsetDateTime.slice(0, 16);

/**
 * The problem with every appointment of `solution` except `patient`'s turned
 * into a pinned booking (their other existing bookings dropped): "everyone
 * else as planned".
 */
export function pinOthers(problem: Problem, solution: Solution, patient: string): Problem {
  const pinned: ExistingBooking[] = solution.appointments
    .filter((a) => a.patient !== patient)
    .map((a) => ({
      id: a.id,
      patient: a.patient,
      series: a.series,
      index: a.index,
      start: wallClock(a.start),
      room: a.room,
      staff: a.staff.map((s) => ({ id: s.id, role: s.role })),
      mode: 'pinned',
    }));
  return {
    ...structuredClone(problem),
    existing: [...(problem.existing ?? []).filter((e) => e.patient === patient), ...pinned],
  };
}

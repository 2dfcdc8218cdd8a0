/**
 * Rules about a patient's own time: slot grid, horizon and the patient's
 * window, rest days, closures, unavailability, series weekdays, the patient
 * day (window, sessions, minutes, breaks) and never two sessions at once.
 * Done sessions (format 1.1) take part only in the last: they happened, so
 * only a new session overlapping one is wrong.
 */
import {
  addDays,
  localDateTimeToMillis,
  localToMillis,
  MINUTE_MS,
  minutesOf,
  offGridProblem,
  onSlotGrid,
  overlaps,
  weekdayOf,
} from './clinic-time';
import {
  type CheckContext,
  type CheckedAppointment,
  liveAppointments,
  type RuleCheck,
  type Violation,
} from './context';

function perAppointment(
  name: string,
  test: (a: CheckedAppointment, ctx: CheckContext) => string | null,
): RuleCheck {
  return {
    name,
    subsetSafe: true,
    check: (ctx) => {
      const out: Violation[] = [];
      for (const a of liveAppointments(ctx.appointments)) {
        const problem = test(a, ctx);
        if (problem !== null) {
          out.push({
            rule: name,
            message: `${a.id} (${a.patient.id}): ${problem}`,
            appointment: a.id,
            patient: a.patient.id,
          });
        }
      }
      return out;
    },
  };
}

const slotGrid = perAppointment('SLOT_GRID', (a, ctx) =>
  onSlotGrid(a.start, ctx.zone, ctx.slotMinutes)
    ? null
    : offGridProblem(a.start, ctx.zone, ctx.slotMinutes),
);

const horizon = perAppointment('OUTSIDE_HORIZON', (a, ctx) => {
  const { start, end } = ctx.problem.horizon;
  const inside =
    a.start >= localToMillis(start, 0, ctx.zone) &&
    a.end <= localToMillis(addDays(end, 1), 0, ctx.zone);
  return inside ? null : `lies outside the horizon ${start}..${end}`;
});

const patientWindow = perAppointment('OUTSIDE_PATIENT_WINDOW', (a, ctx) => {
  const { earliestStart, latestEnd } = a.patient;
  if (earliestStart !== undefined && a.start < localToMillis(earliestStart, 0, ctx.zone)) {
    return `starts before earliestStart ${earliestStart}`;
  }
  if (latestEnd !== undefined && a.end > localToMillis(addDays(latestEnd, 1), 0, ctx.zone)) {
    return `ends after latestEnd ${latestEnd}`;
  }
  return null;
});

const restDays = perAppointment('REST_DAY', (a) =>
  (a.protocol.restDays ?? []).includes(weekdayOf(a.date))
    ? `falls on ${a.date}, a rest day (${weekdayOf(a.date)})`
    : null,
);

const closures = perAppointment('CLOSURE', (a, ctx) =>
  (ctx.problem.clinic.closures ?? []).includes(a.date)
    ? `falls on ${a.date}, a clinic closure`
    : null,
);

const unavailable = perAppointment('PATIENT_UNAVAILABLE', (a, ctx) => {
  const hit = (a.patient.unavailable ?? []).find((p) =>
    overlaps(a, {
      start: localDateTimeToMillis(p.start, ctx.zone),
      end: localDateTimeToMillis(p.end, ctx.zone),
    }),
  );
  return hit ? `overlaps the patient's unavailability ${hit.start}..${hit.end}` : null;
});

const seriesDays = perAppointment('SERIES_DAYS', (a) => {
  const days = a.series.days;
  return days === undefined || days.includes(weekdayOf(a.date))
    ? null
    : `falls on a ${weekdayOf(a.date)}; series ${a.series.id} allows ${days.join(',')}`;
});

const dayWindow = perAppointment('PATIENT_DAY_WINDOW', (a, ctx) => {
  const day = a.protocol.patientDay;
  if (day === undefined || (day.start === undefined && day.end === undefined)) return null;
  const from = localToMillis(a.date, day.start === undefined ? 0 : minutesOf(day.start), ctx.zone);
  const to = localToMillis(a.date, day.end === undefined ? 1440 : minutesOf(day.end), ctx.zone);
  return a.start >= from && a.end <= to
    ? null
    : `is not inside the patient day ${day.start ?? '00:00'}-${day.end ?? '24:00'} of ${a.date}`;
});

function perPatientDay(
  name: string,
  test: (list: CheckedAppointment[], ctx: CheckContext) => string | null,
): RuleCheck {
  return {
    name,
    subsetSafe: true,
    check: (ctx) => {
      const out: Violation[] = [];
      for (const [patientId, all] of ctx.byPatient) {
        const list = liveAppointments(all);
        const dates = [...new Set(list.map((a) => a.date))].sort();
        for (const date of dates) {
          const day = list.filter((a) => a.date === date);
          const problem = test(day, ctx);
          if (problem !== null) {
            const appointment = day[day.length - 1].id;
            out.push({
              rule: name,
              message: `${patientId} on ${date}: ${problem}`,
              patient: patientId,
              appointment,
            });
          }
        }
      }
      return out;
    },
  };
}

const daySessions = perPatientDay('PATIENT_DAY_MAX_SESSIONS', (list) => {
  const max = list[0].protocol.patientDay?.maxSessions;
  return max !== undefined && list.length > max
    ? `${list.length} sessions, more than ${max}`
    : null;
});

const dayMinutes = perPatientDay('PATIENT_DAY_MAX_MINUTES', (list) => {
  const max = list[0].protocol.patientDay?.maxMinutes;
  const minutes = list.reduce((sum, a) => sum + (a.end - a.start) / MINUTE_MS, 0);
  return max !== undefined && minutes > max ? `${minutes} session minutes, more than ${max}` : null;
});

/** Two sessions of one patient never overlap and leave minBreakMinutes between them. */
const breaks: RuleCheck = {
  name: 'PATIENT_BREAK',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const [patientId, list] of ctx.byPatient) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [list[i], list[j]];
          if (a.done && b.done) continue;
          const gap = (b.start - a.end) / MINUTE_MS;
          const minBreak = a.protocol.patientDay?.minBreakMinutes ?? 0;
          if (b.start < a.end) {
            out.push({
              rule: 'PATIENT_OVERLAP',
              message: `${patientId}: ${a.id} and ${b.id} overlap`,
              patient: patientId,
              appointment: b.id,
            });
          } else if (gap < minBreak && !a.done && !b.done) {
            out.push({
              rule: 'PATIENT_MIN_BREAK',
              message: `${patientId}: only ${gap} min between ${a.id} and ${b.id}; at least ${minBreak} required`,
              patient: patientId,
              appointment: b.id,
            });
          }
        }
      }
    }
    return out;
  },
};

export const PATIENT_RULES: RuleCheck[] = [
  slotGrid,
  horizon,
  patientWindow,
  restDays,
  closures,
  unavailable,
  seriesDays,
  dayWindow,
  daySessions,
  dayMinutes,
  breaks,
];

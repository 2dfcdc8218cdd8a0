/**
 * Random one-patient problems small enough for exhaustive search, built to
 * exercise what makes a single patient hard: multi-target follow-ups,
 * offsets, notSameDay, per-day caps, spans, weekday masks, every earliest
 * start weekday, staff with daily limits, continuity "require", rooms with
 * turnover, other patients' bookings as `busy`, and one time in three a
 * course in progress (format 1.1 `now`, done and missed sessions,
 * resumeGapHours: course-history.ts). Built independently of
 * the planted generators (nothing is planted: the instance may be
 * infeasible), from one seed.
 */
import type {
  Problem,
  ProtocolRule,
  Series,
  SessionType,
} from '../../../src/domain/planning/format';
import { withCourseHistory } from './course-history';
import { Rng } from './rng';
import { ZONE_CASES } from './zones';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export function singlePatientProblem(seed: number): Problem {
  const r = new Rng(seed);
  const rng = { int: (n: number) => r.int(0, n - 1) };
  const { zone, dstDates } = ZONE_CASES[rng.int(ZONE_CASES.length)];
  // Horizon of 3–6 days around a DST change half of the time.
  const around = rng.int(2) === 0 ? dstDates[0] : '2027-05-10';
  const startOffset = -rng.int(4);
  const days = 3 + rng.int(4);
  const start = addDays(around, startOffset);
  const end = addDays(start, days - 1);
  const roles = ['dr', 'th'];
  const staff = Array.from({ length: 1 + rng.int(3) }, (_, i) => {
    const workDays = WEEKDAYS.filter(() => rng.int(4) > 0);
    const from = 8 + rng.int(2);
    return {
      id: `s${i}`,
      roles: rng.int(3) === 0 ? roles : [roles[rng.int(2)]],
      availability: [
        {
          rrule: `FREQ=WEEKLY;BYDAY=${(workDays.length > 0 ? workDays : ['MO']).join(',')}`,
          start: `${pad(from)}:00`,
          end: `${pad(from + 3 + rng.int(3))}:00`,
        },
      ],
      ...(rng.int(3) === 0
        ? { limits: { maxSessionsPerDay: 1 + rng.int(2), maxMinutesPerDay: 60 * (1 + rng.int(3)) } }
        : {}),
    };
  });
  const rooms = Array.from({ length: rng.int(3) }, (_, i) => ({
    id: `r${i}`,
    features: ['quiet'],
    capacity: 1,
  }));
  const staffed = [...new Set(staff.flatMap((s) => s.roles))];
  const sessionTypes: SessionType[] = Array.from({ length: 1 + rng.int(2) }, (_, i) => ({
    id: `t${i}`,
    durationMinutes: 60 * (1 + rng.int(2)),
    room:
      rooms.length > 0 && rng.int(2) === 0
        ? { features: ['quiet'], turnoverMinutes: 60 * rng.int(2) }
        : null,
    staff: [{ role: staffed[rng.int(staffed.length)], count: 1 }],
  }));
  const seriesCount = 1 + rng.int(3);
  let sessionsLeft = 4;
  const series: Series[] = Array.from({ length: seriesCount }, (_, i) => {
    const count = Math.max(1, Math.min(sessionsLeft - (seriesCount - i - 1), 1 + rng.int(2)));
    sessionsLeft -= count;
    const s: Series = {
      id: `x${i}`,
      sessionType: sessionTypes[rng.int(sessionTypes.length)].id,
      count: { min: count, max: count },
    };
    if (count > 1 && rng.int(2) === 0)
      s.gapHours = { min: 2 + rng.int(20), ...(rng.int(2) === 0 ? { max: 24 + rng.int(48) } : {}) };
    if (rng.int(3) === 0) s.days = WEEKDAYS.filter(() => rng.int(3) > 0).slice(0, 5);
    if (s.days && s.days.length === 0) delete s.days;
    return s;
  });
  const rules: ProtocolRule[] = [];
  if (seriesCount >= 2 && rng.int(2) === 0) {
    const targets = series.slice(1).filter(() => rng.int(3) > 0);
    rules.push({
      type: 'followUp',
      anchor: series[0].id,
      targets: (targets.length > 0 ? targets : [series[1]]).map((s) => s.id),
      hours: { min: rng.int(2), max: 4 + rng.int(30) },
      sameDay: rng.int(4) === 0,
    });
  }
  if (seriesCount >= 2 && rng.int(3) === 0)
    rules.push({
      type: 'offset',
      from: { series: series[0].id, occurrence: 'first', point: 'end' },
      to: { series: series[seriesCount - 1].id, occurrence: 'last', point: 'start' },
      hours: { min: rng.int(3), max: 24 + rng.int(72) },
    });
  if (seriesCount >= 2 && rng.int(3) === 0)
    rules.push({ type: 'notSameDay', series: [series[0].id, series[1].id] });
  const requireRole = rng.int(4) === 0;
  const firstType = sessionTypes.find((t) => t.id === series[0].sessionType)!;
  const patientDayStart = 7 + rng.int(3);
  const problem: Problem = {
    formatVersion: 1,
    clinic: { timeZone: zone, slotMinutes: 60 },
    horizon: { start, end },
    staff,
    rooms,
    sessionTypes,
    protocols: [
      {
        id: 'p',
        series,
        rules,
        patientDay: {
          start: `${pad(patientDayStart)}:00`,
          end: `${pad(patientDayStart + 4 + rng.int(4))}:00`,
          maxSessions: 1 + rng.int(3),
          minBreakMinutes: 60 * rng.int(2),
        },
        ...(rng.int(3) === 0 ? { spanDays: { max: 2 + rng.int(4) } } : {}),
        ...(rng.int(3) === 0 ? { restDays: [WEEKDAYS[rng.int(7)]] } : {}),
        ...(requireRole
          ? {
              continuity: [
                {
                  series: series.filter((s) => s.sessionType === firstType.id).map((s) => s.id),
                  role: firstType.staff[0].role,
                  mode: 'require' as const,
                },
              ],
            }
          : {}),
      },
    ],
    patients: [
      {
        id: 'pat',
        protocol: 'p',
        earliestStart: addDays(start, rng.int(3)),
        ...(rng.int(3) === 0 ? { latestEnd: addDays(start, 2 + rng.int(days - 2)) } : {}),
      },
    ],
    busy: Array.from({ length: rng.int(4) }, () => {
      const day = addDays(start, rng.int(days));
      const h = 8 + rng.int(6);
      return {
        resource: rng.int(3) > 0 || rooms.length === 0 ? `s${rng.int(staff.length)}` : `r0`,
        start: `${day}T${pad(h)}:00`,
        end: `${day}T${pad(h + 1 + rng.int(2))}:00`,
      };
    }),
  };
  return withCourseHistory(problem, seed);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Shape of a solution: version, status, ids, patient accounting (fully
 * scheduled xor unscheduled with reasons), exact series counts and indexes.
 */
import type { CheckContext, RuleCheck, Violation } from './context';

/**
 * Sessions the patient gets of the series: `counts`, else `count.default`,
 * else `count.min`; a linked count (format 1.1 `{ sameAs }`) is the count of
 * the series it names.
 */
export function expectedCount(ctx: CheckContext, patientId: string, seriesId: string): number {
  const patient = ctx.patientById.get(patientId)!;
  const protocol = ctx.protocolById.get(patient.protocol)!;
  const own = protocol.series.find((s) => s.id === seriesId)!;
  const link = 'sameAs' in own.count ? own.count.sameAs : undefined;
  const series = link === undefined ? own : protocol.series.find((s) => s.id === link);
  // A broken link (the problem check refuses one) expects NaN sessions: never met.
  if (series === undefined || 'sameAs' in series.count) return NaN;
  return patient.counts?.[series.id] ?? series.count.default ?? series.count.min;
}

/** Bookings that stay in every solution, even of an unscheduled patient: pinned and done. */
function settledIds(ctx: CheckContext): Set<string> {
  return new Set(
    (ctx.problem.existing ?? [])
      .filter((e) => e.mode === 'pinned' || e.mode === 'done')
      .map((e) => e.id),
  );
}

const formatVersion: RuleCheck = {
  name: 'FORMAT_VERSION',
  subsetSafe: false,
  check: (ctx) =>
    ctx.solution.formatVersion === ctx.problem.formatVersion
      ? []
      : [
          {
            rule: 'FORMAT_VERSION',
            message: `formatVersion is ${ctx.solution.formatVersion}, not the problem's ${ctx.problem.formatVersion}`,
          },
        ],
};

const status: RuleCheck = {
  name: 'STATUS',
  subsetSafe: false,
  check: (ctx) => {
    const total = ctx.problem.patients.length;
    const scheduled = ctx.problem.patients.filter((p) => !ctx.unscheduled.has(p.id)).length;
    const expected = scheduled === total ? 'complete' : scheduled === 0 ? 'none' : 'partial';
    return ctx.solution.status === expected
      ? []
      : [
          {
            rule: 'STATUS',
            message: `status is "${ctx.solution.status}" but ${scheduled} of ${total} patients are scheduled (expected "${expected}")`,
          },
        ];
  },
};

const stats: RuleCheck = {
  name: 'STATS',
  subsetSafe: false,
  check: (ctx) => {
    const s = ctx.solution.stats;
    const ok =
      s !== null &&
      typeof s === 'object' &&
      typeof s.elapsedMs === 'number' &&
      s.elapsedMs >= 0 &&
      ['optimal', 'feasible', 'infeasible', 'unknown'].includes(s.proof);
    if (!ok)
      return [
        { rule: 'STATS', message: `stats ${JSON.stringify(s)} is not { elapsedMs ≥ 0, proof }` },
      ];
    // 1.1: an upper bound on scheduled patients, between the score and the patient count.
    const n = s.bound?.scheduledPatients;
    const scheduled = ctx.solution.score?.scheduledPatients;
    if (
      s.bound !== undefined &&
      !(Number.isInteger(n) && n! >= scheduled && n! <= ctx.problem.patients.length)
    )
      return [
        {
          rule: 'STATS',
          message: `stats.bound ${JSON.stringify(s.bound)} is not { scheduledPatients: an integer from the score's ${scheduled} to ${ctx.problem.patients.length} }`,
        },
      ];
    return [];
  },
};

const uniqueIds: RuleCheck = {
  name: 'DUPLICATE_APPOINTMENT_ID',
  subsetSafe: true,
  check: (ctx) => {
    const seen = new Set<string>();
    const out: Violation[] = [];
    for (const a of ctx.solution.appointments) {
      if (typeof a.id !== 'string' || a.id === '') {
        out.push({
          rule: 'DUPLICATE_APPOINTMENT_ID',
          message: `an appointment of ${a.patient} has no id`,
        });
      } else if (seen.has(a.id)) {
        out.push({
          rule: 'DUPLICATE_APPOINTMENT_ID',
          message: `appointment id ${a.id} is used twice`,
          appointment: a.id,
        });
      }
      seen.add(a.id);
    }
    return out;
  },
};

const unscheduledEntries: RuleCheck = {
  name: 'UNSCHEDULED_REASONS',
  subsetSafe: false,
  check: (ctx) => {
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const u of ctx.solution.unscheduled) {
      if (!ctx.patientById.has(u.patient)) {
        out.push({
          rule: 'UNKNOWN_REFERENCE',
          message: `unscheduled patient "${u.patient}" is not in the problem`,
        });
      }
      if (seen.has(u.patient)) {
        out.push({
          rule: 'DUPLICATE_UNSCHEDULED',
          message: `${u.patient} is listed twice in unscheduled`,
          patient: u.patient,
        });
      }
      seen.add(u.patient);
      const reasons = Array.isArray(u.reasons) ? u.reasons : [];
      const good = reasons.filter(
        (r) =>
          typeof r?.code === 'string' &&
          r.code !== '' &&
          typeof r.message === 'string' &&
          r.message !== '' &&
          (r.suggestion === undefined || typeof r.suggestion === 'string'),
      );
      if (reasons.length === 0 || good.length !== reasons.length) {
        out.push({
          rule: 'UNSCHEDULED_REASONS',
          message: `${u.patient} is unscheduled without reasons that each have a code and a message`,
          patient: u.patient,
        });
      }
    }
    return out;
  },
};

/** Never both scheduled and unscheduled, never neither; exact counts per series. */
const patientAccounting: RuleCheck = {
  name: 'PATIENT_ACCOUNTING',
  subsetSafe: false,
  check: (ctx) => {
    const out: Violation[] = [];
    const settled = settledIds(ctx);
    const byPatient = new Map<string, string[]>();
    for (const a of ctx.solution.appointments) {
      byPatient.set(a.patient, [...(byPatient.get(a.patient) ?? []), a.id]);
    }
    for (const patient of ctx.problem.patients) {
      const ids = byPatient.get(patient.id) ?? [];
      if (ctx.unscheduled.has(patient.id)) {
        const scheduled = ids.filter((id) => !settled.has(id));
        if (scheduled.length > 0) {
          out.push({
            rule: 'PATIENT_HALF_SCHEDULED',
            message: `${patient.id} is unscheduled yet has appointments ${scheduled.join(', ')}`,
            patient: patient.id,
          });
        }
        continue;
      }
      const protocol = ctx.protocolById.get(patient.protocol)!;
      const total = protocol.series.reduce(
        (sum, s) => sum + expectedCount(ctx, patient.id, s.id),
        0,
      );
      if (ids.length === 0 && total > 0) {
        out.push({
          rule: 'PATIENT_NOT_ACCOUNTED',
          message: `${patient.id} is neither scheduled nor listed in unscheduled`,
          patient: patient.id,
        });
        continue;
      }
      for (const series of protocol.series) {
        const expected = expectedCount(ctx, patient.id, series.id);
        const actual = ctx.solution.appointments.filter(
          (a) => a.patient === patient.id && a.series === series.id,
        ).length;
        if (actual !== expected) {
          out.push({
            rule: 'SERIES_COUNT',
            message: `${patient.id} has ${actual} ${series.id} sessions; expected exactly ${expected}`,
            patient: patient.id,
          });
        }
      }
    }
    return out;
  },
};

const seriesIndexes: RuleCheck = {
  name: 'SERIES_INDEX',
  subsetSafe: false,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const [patientId, list] of ctx.byPatient) {
      if (ctx.unscheduled.has(patientId)) continue; // only pinned and done bookings remain
      const seriesIds = [...new Set(list.map((a) => a.series.id))];
      for (const seriesId of seriesIds) {
        const inSeries = list.filter((a) => a.series.id === seriesId);
        inSeries.forEach((a, i) => {
          if (a.appointment.index !== i + 1) {
            out.push({
              rule: 'SERIES_INDEX',
              message: `${a.id} is ${seriesId} #${i + 1} in time order but has index ${a.appointment.index}`,
              appointment: a.id,
              patient: patientId,
            });
          }
        });
      }
    }
    return out;
  },
};

export const SHAPE_RULES: RuleCheck[] = [
  formatVersion,
  status,
  stats,
  uniqueIds,
  unscheduledEntries,
  patientAccounting,
  seriesIndexes,
];

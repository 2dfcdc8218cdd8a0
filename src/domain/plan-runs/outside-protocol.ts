/**
 * Appointments of a plan run's enrollments that their pinned protocol version no longer has
 * a place for, typically after a re-pin: their series was removed (`SERIES_REMOVED`), or their
 * index is beyond the series' count for the enrollment (`INDEX_OUT_OF_RANGE`, the enrollment's
 * counts or the series' default/min, linked counts resolved, as the planning format reads
 * them). The planning format cannot carry them (`existing` must name a series of the patient's
 * protocol and an index within its count), so they are left out of the problem:
 *
 * - booked: a repair run proposes cancelling them (the proposal's `removed`, committed as
 *   cancellations with the run's other removals); any other run is refused (422
 *   APPOINTMENT_OUTSIDE_PROTOCOL, `outsideProtocolRefusals`) and points to the repair run.
 * - completed: they happened and stay as history, never cancelled; the run's result lists them
 *   (`outsideProtocol`), the plan does not count them.
 * - missed: a missed record's index is only a label in the format, so only a removed series
 *   leaves one out (listed the same way); one beyond the count stays in the problem.
 *
 * Pure.
 */
import { effectiveCounts } from '../catalog/enrollment-rules';
import type { FieldIssue } from '../errors';
import { zonedIsoOf } from '../time/zoned-format';
import type { BuildInput, StoredStatus } from './build-problem';

export type OutsideCause = 'SERIES_REMOVED' | 'INDEX_OUT_OF_RANGE';

export interface OutsideAppointment {
  id: string;
  enrollmentId: string;
  series: string;
  index: number;
  status: Exclude<StoredStatus, 'cancelled'>;
  /** Epoch ms. */
  start: number;
  cause: OutsideCause;
  /** Why, in words (the protocol version's key, its series or the count). */
  message: string;
}

/** The run's own appointments outside their pinned protocol version, in start order. */
export function outsideProtocol(
  input: Pick<BuildInput, 'enrollments' | 'appointments'>,
): OutsideAppointment[] {
  const byId = new Map(input.enrollments.map((e) => [e.id, e]));
  const counts = new Map(
    input.enrollments.map((e) => [e.id, effectiveCounts(e.counts, e.definition)]),
  );
  const out: OutsideAppointment[] = [];
  for (const a of input.appointments) {
    const e = byId.get(a.enrollmentId);
    if (!e || a.status === 'cancelled') continue;
    const base = {
      id: a.id,
      enrollmentId: a.enrollmentId,
      series: a.seriesId,
      index: a.index,
      status: a.status,
      start: a.start,
    };
    if (!e.definition.series.some((s) => s.id === a.seriesId)) {
      const known = e.definition.series.map((s) => s.id).join(', ');
      out.push({
        ...base,
        cause: 'SERIES_REMOVED',
        message: `${e.protocolKey} has no series "${a.seriesId}" (it has: ${known})`,
      });
      continue;
    }
    const n = counts.get(e.id)![a.seriesId];
    if (a.status !== 'missed' && Number.isFinite(n) && a.index > n) {
      out.push({
        ...base,
        cause: 'INDEX_OUT_OF_RANGE',
        message: `the enrollment gets ${n} ${a.seriesId} sessions under ${e.protocolKey}; there is no ${a.seriesId} ${a.index}`,
      });
    }
  }
  return out.sort((x, y) => x.start - y.start || (x.id < y.id ? -1 : 1));
}

/**
 * A run that is not a repair run cannot drop bookings: each booked appointment outside its
 * protocol version refuses it (422), naming the appointment, the cause and the repair request.
 */
export function outsideProtocolRefusals(
  outside: readonly OutsideAppointment[],
  zone: string,
): FieldIssue[] {
  return outside
    .filter((a) => a.status === 'booked')
    .map((a) => ({
      pointer: '/enrollmentIds',
      code: 'APPOINTMENT_OUTSIDE_PROTOCOL',
      message: `appointment ${a.id} (${a.series} ${a.index}, ${zonedIsoOf(a.start, zone)}) is booked, but ${a.message}${a.cause === 'SERIES_REMOVED' ? ' (the series was removed)' : ' (its index is beyond the count)'}; re-plan the enrollment with POST /v1/plan-runs {"enrollmentIds": ["${a.enrollmentId}"], "repair": true}, which proposes cancelling it, or cancel it`,
    }));
}

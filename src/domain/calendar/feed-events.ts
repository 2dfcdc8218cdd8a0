/**
 * What a calendar feed shows, decided before any iCalendar is written (pure): which
 * appointments appear, how each is titled (minimum necessary: the session type and a patient
 * code, never a name), and how group sessions collapse to one event per occurrence.
 */

export const FEED_KINDS = ['staff', 'room', 'patient', 'cohort'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** How staff and room feeds name a patient: their initials or the clinic-chosen pseudonym. */
export const FEED_PATIENT_LABELS = ['initials', 'pseudonym'] as const;
export type FeedPatientLabel = (typeof FEED_PATIENT_LABELS)[number];

/** One appointment as the feed reads it (already limited to the feed's target and window). */
export interface FeedAppointment {
  id: string;
  /** The appointment's stored random calendar UID. */
  uid: string;
  /** Group sessions: the occurrence shared by every participant's appointment. */
  occurrenceId: string | null;
  start: Date;
  end: Date;
  status: 'booked' | 'completed' | 'missed' | 'cancelled';
  /** Calendar SEQUENCE (bumped on every change of time, room, staff or status). */
  sequence: number;
  /** Last change of the appointment: the event's DTSTAMP. */
  updatedAt: Date;
  sessionTypeName: string;
  roomName: string | null;
  patientId: string;
  patientInitials: string;
  patientPseudonym: string | null;
}

/** One VEVENT. */
export interface FeedEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
  cancelled: boolean;
  sequence: number;
  /** DTSTAMP (UTC): the last change of what the event shows. */
  stamp: Date;
}

export interface FeedEventOptions {
  kind: FeedKind;
  patientLabel: FeedPatientLabel;
  /** Cancelled appointments changed before this instant are left out. */
  cancelledShownSince: Date;
}

/**
 * A patient's code in staff, room and cohort feeds: initials, or the pseudonym when the clinic
 * chose pseudonyms. A patient without a pseudonym gets `P-` and the start of their random id
 * (never their initials: the clinic asked for them not to show).
 */
export function patientCode(
  label: FeedPatientLabel,
  a: Pick<FeedAppointment, 'patientId' | 'patientInitials' | 'patientPseudonym'>,
): string {
  if (label === 'initials') return a.patientInitials;
  return a.patientPseudonym ?? `P-${a.patientId.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}

/** Whether a cancelled appointment still shows (as STATUS:CANCELLED) at this point. */
export function visibleInFeed(a: FeedAppointment, cancelledShownSince: Date): boolean {
  return a.status !== 'cancelled' || a.updatedAt.getTime() >= cancelledShownSince.getTime();
}

/**
 * The feed's events in start order. A patient feed has one event per own appointment, titled
 * by session type; staff, room and cohort feeds title it `type · code` and show a group
 * session (appointments sharing an occurrence) once, with the occurrence id as its UID.
 */
export function feedEvents(
  rows: readonly FeedAppointment[],
  options: FeedEventOptions,
): FeedEvent[] {
  const shown = rows.filter((a) => visibleInFeed(a, options.cancelledShownSince));
  const events: FeedEvent[] = [];
  const groups = new Map<string, FeedAppointment[]>();
  for (const a of shown) {
    if (options.kind !== 'patient' && a.occurrenceId !== null) {
      const list = groups.get(a.occurrenceId);
      if (list) list.push(a);
      else groups.set(a.occurrenceId, [a]);
      continue;
    }
    events.push({
      uid: a.uid,
      start: a.start,
      end: a.end,
      summary:
        options.kind === 'patient'
          ? a.sessionTypeName
          : `${a.sessionTypeName} · ${patientCode(options.patientLabel, a)}`,
      location: a.roomName,
      cancelled: a.status === 'cancelled',
      sequence: a.sequence,
      stamp: a.updatedAt,
    });
  }
  for (const [occurrenceId, members] of groups) events.push(groupEvent(occurrenceId, members));
  return events.sort(
    (x, y) => x.start.getTime() - y.start.getTime() || (x.uid < y.uid ? -1 : x.uid > y.uid ? 1 : 0),
  );
}

/** One event for a group occurrence: cancelled only when every participant's is. */
function groupEvent(occurrenceId: string, members: FeedAppointment[]): FeedEvent {
  const active = members.filter((m) => m.status !== 'cancelled');
  const first = (active.length ? active : members)[0];
  const latest = (pick: (m: FeedAppointment) => number) => Math.max(...members.map(pick));
  return {
    uid: occurrenceId,
    start: new Date(Math.min(...members.map((m) => m.start.getTime()))),
    end: new Date(latest((m) => m.end.getTime())),
    summary: `${first.sessionTypeName} · group (${active.length || members.length})`,
    location: first.roomName,
    cancelled: active.length === 0,
    sequence: latest((m) => m.sequence),
    stamp: new Date(latest((m) => m.updatedAt.getTime())),
  };
}

import { DateTime } from 'luxon';
import { courseIssues } from './course-rules';
import { CourseBatch, CourseSessionOf, firstRuleRefusal } from './course-batch';
import { patientCourseIssues, patientRuleIssues } from './patient-rules';

const zone = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const M = 60_000;

function dose(index: number, local: string, nurse = 'n1'): CourseSessionOf {
  const start = at(local);
  return {
    series: 'dose',
    index,
    start,
    end: start + 120 * M,
    roomId: 'r1',
    staff: [{ staffId: nurse, role: 'rn', start, end: start + 120 * M }],
  };
}

const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];

function batch(booked: CourseSessionOf[], added: CourseSessionOf[]): CourseBatch {
  return {
    base: {
      clinic: { timeZone: zone, slotMinutes: 15, closures: ['2027-03-12'] },
      protocol: {
        code: 'iv',
        definition: {
          series: [
            {
              id: 'dose',
              sessionType: 'iv',
              count: { min: 4, max: 4 },
              days: ['MO', 'WE', 'FR'],
              gapHours: { min: 40 },
            },
          ],
          patientDay: { start: '08:00', end: '18:00' },
        },
      },
      enrollment: {
        counts: {},
        earliestStart: '2027-03-01',
        latestEnd: '2027-03-31',
        unavailable: [],
      },
      patientLabel: 'the patient',
      sessionTypes: [
        {
          id: 'iv',
          durationMinutes: 120,
          room: { features: ['infusion'] },
          staff: [{ role: 'rn' }],
        },
      ],
      staff: [
        {
          id: 'n1',
          name: 'RN Ada',
          roles: ['rn'],
          availability: weekdays,
          timeOff: [],
          limits: null,
        },
        {
          id: 'n2',
          name: 'RN Bo',
          roles: ['rn'],
          availability: weekdays,
          timeOff: [{ start: '2027-03-17T00:00', end: '2027-03-18T00:00' }],
          limits: null,
        },
      ],
      rooms: [
        {
          id: 'r1',
          name: 'Bay 1',
          features: ['infusion'],
          capacity: 1,
          availability: null,
          timeOff: [],
        },
      ],
      booked,
    },
    counts: { dose: 4 },
    added,
  };
}

/** The hand booking's verdicts, one session after the other. */
function oneByOne(b: CourseBatch) {
  for (let i = 0; i < b.added.length; i++) {
    const booked = [...b.base.booked, ...b.added.slice(0, i)];
    const candidate = b.added[i];
    const issues = [
      ...courseIssues(
        [...booked.map((s) => ({ ...s, isNew: false })), { ...candidate, isNew: true }],
        b.base.protocol.definition,
        b.counts,
        zone,
      ),
      ...patientRuleIssues({ ...b.base, booked, candidate }),
    ];
    if (issues.length > 0) return { at: i, issues };
  }
  return null;
}

describe('firstRuleRefusal (a whole course checked at once, as booked one by one)', () => {
  it('passes a course whose sessions all fit, in one check', () => {
    const b = batch(
      [dose(1, '2027-03-08T09:00')],
      [dose(2, '2027-03-10T09:00'), dose(3, '2027-03-15T09:00'), dose(4, '2027-03-17T09:00')],
    );
    expect(patientCourseIssues(b.base, b.added)).toEqual([]);
    expect(firstRuleRefusal(b)).toBeNull();
    expect(oneByOne(b)).toBeNull();
  });

  it.each([
    ['a nurse on time off', [dose(2, '2027-03-10T09:00'), dose(3, '2027-03-17T09:00', 'n2')]],
    ['a gap too short', [dose(2, '2027-03-10T09:00'), dose(3, '2027-03-10T15:00')]],
    ['a closure', [dose(2, '2027-03-10T09:00'), dose(3, '2027-03-12T09:00')]],
    ['a session out of order', [dose(3, '2027-03-10T09:00'), dose(2, '2027-03-15T09:00')]],
  ])('names the first session refused and what its hand booking reports: %s', (_, added) => {
    const b = batch([dose(1, '2027-03-08T09:00')], [...added, dose(4, '2027-03-22T09:00')]);
    const found = firstRuleRefusal(b);
    expect(found).not.toBeNull();
    expect(found).toEqual(oneByOne(b));
  });

  it('does not blame the added sessions for what the stored course already breaks', () => {
    // Dose 1 on a Tuesday breaks the weekdays rule already.
    const b = batch([dose(1, '2027-03-09T09:00')], [dose(2, '2027-03-15T09:00')]);
    expect(firstRuleRefusal(b)).toBeNull();
    expect(oneByOne(b)).toBeNull();
  });
});

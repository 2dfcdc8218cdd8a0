import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';

/**
 * Two 60-minute doses at least 44 h apart and two integrations, each dose
 * followed by its own integration within 0–3 h of its end; one room and one
 * therapist, 09:00–17:00 Monday 15 to Wednesday 17 March 2027 (UTC, hourly
 * grid). The doses can only be on Monday and Wednesday.
 */
function dosesWithIntegrations(): Problem {
  return dosesFollowedBy(2, [['integration', 2]], '2027-03-17');
}

function dosesFollowedBy(doses: number, targets: Array<[string, number]>, end: string): Problem {
  const hours = [{ rrule: 'FREQ=DAILY', start: '09:00', end: '17:00' }];
  const session = (id: string) => ({
    id,
    durationMinutes: 60,
    room: { features: ['care'] },
    staff: [{ role: 'therapist' }],
  });
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end },
    staff: [{ id: 't', roles: ['therapist'], availability: hours }],
    rooms: [{ id: 'room', features: ['care'], capacity: 1, availability: hours }],
    sessionTypes: [session('dose'), ...targets.map(([id]) => session(id))],
    protocols: [
      {
        id: 'iv',
        series: [
          {
            id: 'dose',
            sessionType: 'dose',
            count: { min: doses, max: doses },
            gapHours: { min: 44 },
          },
          ...targets.map(([id, count]) => ({
            id,
            sessionType: id,
            count: { min: count, max: count },
          })),
        ],
        rules: [
          {
            type: 'followUp',
            anchor: 'dose',
            targets: targets.map(([id]) => id),
            hours: { min: 0, max: 3 },
          },
        ],
      },
    ],
    patients: [{ id: 'p1', protocol: 'iv' }],
  };
}

describe('followUp pairs (domains.ts)', () => {
  it('narrows the k-th target to the k-th anchor when every target must follow an anchor', () => {
    const model = compileModel(dosesWithIntegrations());
    const { domains, failure } = computeDomains(model, model.patients[0], new Map());
    expect(failure).toBeNull();
    const days = (dom: Int32Array) => [...new Set(Array.from(dom, (s) => model.slotDay[s]))];
    // Each integration follows its own dose's day. Without the pairing both integrations kept
    // Tuesday's starts: nothing tied either to its own dose until the matching check failed.
    expect(days(domains[0][0])).toEqual([0]);
    expect(days(domains[0][1])).toEqual([2]);
    expect(days(domains[1][0])).toEqual([0]);
    expect(days(domains[1][1])).toEqual([2]);
  });

  it('bounds each target series by the anchors it can follow when several share the anchors', () => {
    // Three doses (Monday, Wednesday, Friday), two integrations and one ART session: the first
    // integration follows dose 1 or 2, the second dose 2 or 3 (the ART session may come
    // between), so neither reaches the far end of the week.
    const problem = dosesFollowedBy(
      3,
      [
        ['integration', 2],
        ['art', 1],
      ],
      '2027-03-19',
    );
    const model = compileModel(problem);
    const { domains, failure } = computeDomains(model, model.patients[0], new Map());
    expect(failure).toBeNull();
    const days = (dom: Int32Array) => [...new Set(Array.from(dom, (s) => model.slotDay[s]))];
    expect(days(domains[0][0])).toEqual([0]);
    expect(days(domains[0][2])).toEqual([4]);
    expect(Math.max(...days(domains[1][0]))).toBeLessThan(4);
    expect(Math.min(...days(domains[1][1]))).toBeGreaterThan(0);
  });
});

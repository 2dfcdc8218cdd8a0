import type { SessionType } from '../planning/format';
import { KnownStaff } from './staffing';
import { assignStaff } from './staffing';
import { staffDayIssues } from './staff-day';

const M = 60_000;
const type: SessionType = {
  id: 'iv',
  durationMinutes: 120,
  room: null,
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 },
    { role: 'rn', count: 1, maxConcurrent: 2 },
  ],
};
const people = new Map<string, KnownStaff>([
  ['dr', { name: 'Dr. A', roles: ['prescriber'], archived: false }],
  ['rn', { name: 'RN B', roles: ['rn'], archived: false }],
  ['old', { name: 'RN Old', roles: ['rn'], archived: true }],
]);

describe('assignStaff', () => {
  it('gives each person the interval and sharing of the requirement they fill', () => {
    const result = assignStaff(
      type,
      [
        { staffId: 'dr', role: 'prescriber' },
        { staffId: 'rn', role: 'rn' },
      ],
      0,
      people,
    );
    expect(result).toEqual({
      ok: true,
      slots: [
        { staffId: 'dr', role: 'prescriber', start: 0, end: 45 * M, cap: 1, mode: 'occupied' },
        { staffId: 'rn', role: 'rn', start: 0, end: 120 * M, cap: 2, mode: 'occupied' },
      ],
    });
  });

  it('lists every problem with its pointer', () => {
    const result = assignStaff(
      type,
      [
        { staffId: 'rn', role: 'prescriber' },
        { staffId: 'old', role: 'rn' },
        { staffId: 'nobody', role: 'rn' },
        { staffId: 'dr', role: 'rn' },
      ],
      0,
      people,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/staff/0/role', 'STAFF_ROLE'],
      ['/staff/1/staffId', 'STAFF_ARCHIVED'],
      ['/staff/2/staffId', 'UNKNOWN_REFERENCE'],
      ['/staff/3/role', 'STAFF_ROLE'],
      ['/staff/3/role', 'STAFF_NOT_NEEDED'],
    ]);
  });

  it('names a requirement left unfilled', () => {
    const result = assignStaff(type, [{ staffId: 'dr', role: 'prescriber' }], 0, people);
    expect(result).toEqual({
      ok: false,
      issues: [
        { pointer: '/staff', code: 'STAFF_MISSING', message: 'iv needs 1 rn; 1 more to name' },
      ],
    });
  });
});

describe('staffDayIssues', () => {
  const base = { name: 'RN B', date: '2027-03-08', pointer: '/staff/1/staffId' };
  it('counts sessions and minutes of the day, overlapping minutes once', () => {
    const sameDay = [
      { appointmentId: 'a', start: 0, end: 120 * M },
      { appointmentId: 'b', start: 60 * M, end: 180 * M },
    ];
    expect(
      staffDayIssues({
        ...base,
        limits: { maxSessionsPerDay: 3, maxMinutesPerDay: 240 },
        sameDay,
        added: { start: 150 * M, end: 240 * M },
      }),
    ).toEqual([]);
    const issues = staffDayIssues({
      ...base,
      limits: { maxSessionsPerDay: 2, maxMinutesPerDay: 200 },
      sameDay,
      added: { start: 150 * M, end: 240 * M },
    });
    expect(issues.map((i) => i.message)).toEqual([
      'RN B would have 3 sessions on 2027-03-08; the limit is 2',
      'RN B would work 240 min on 2027-03-08; the limit is 200',
    ]);
  });
});

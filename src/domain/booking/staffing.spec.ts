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
        {
          staffId: 'dr',
          role: 'prescriber',
          start: 0,
          end: 45 * M,
          cap: 1,
          mode: 'occupied',
          pick: 0,
        },
        { staffId: 'rn', role: 'rn', start: 0, end: 120 * M, cap: 2, mode: 'occupied', pick: 1 },
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

describe('assignStaff with a present requirement (format 1.1 cover)', () => {
  // As the demo's ketamine-iv: a prescriber occupied 0–55 min, a nurse, a prescriber present 55–120.
  const iv: SessionType = {
    id: 'ketamine-iv',
    durationMinutes: 120,
    room: null,
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 55 },
      { role: 'rn', count: 1, maxConcurrent: 2 },
      { role: 'prescriber', count: 1, mode: 'present', offsetMinutes: 55, durationMinutes: 65 },
    ],
  };
  const more = new Map<string, KnownStaff>([
    ...people,
    ['dr2', { name: 'Dr. C', roles: ['prescriber'], archived: false }],
    ['both', { name: 'NP D', roles: ['prescriber', 'rn'], archived: false }],
  ]);
  const brief = (r: ReturnType<typeof assignStaff>) =>
    r.ok
      ? r.slots.map((s) => [s.staffId, s.role, s.mode, s.start / M, s.end / M, s.pick])
      : r.issues.map((i) => [i.pointer, i.code]);

  it('lets one person fill the occupied and the present requirement', () => {
    const result = assignStaff(
      iv,
      [
        { staffId: 'dr', role: 'prescriber' },
        { staffId: 'rn', role: 'rn' },
        { staffId: 'dr', role: 'prescriber' },
      ],
      0,
      more,
    );
    expect(brief(result)).toEqual([
      ['dr', 'prescriber', 'occupied', 0, 55, 0],
      ['rn', 'rn', 'occupied', 0, 120, 1],
      ['dr', 'prescriber', 'present', 55, 120, 2],
    ]);
  });

  it('reads `mode` to pick the requirement, whatever the order', () => {
    const result = assignStaff(
      iv,
      [
        { staffId: 'dr2', role: 'prescriber', mode: 'present' },
        { staffId: 'dr', role: 'prescriber' },
        { staffId: 'rn', role: 'rn', mode: 'occupied' },
      ],
      0,
      more,
    );
    expect(brief(result)).toEqual([
      ['dr2', 'prescriber', 'present', 55, 120, 0],
      ['dr', 'prescriber', 'occupied', 0, 55, 1],
      ['rn', 'rn', 'occupied', 0, 120, 2],
    ]);
  });

  it('refuses a person on two occupied requirements', () => {
    const result = assignStaff(
      iv,
      [
        { staffId: 'both', role: 'prescriber' },
        { staffId: 'both', role: 'rn' },
        { staffId: 'dr', role: 'prescriber', mode: 'present' },
      ],
      0,
      more,
    );
    expect(brief(result)).toEqual([['/staff/1/staffId', 'STAFF_ONE_REQUIREMENT']]);
  });

  it('refuses the same person twice on one requirement, and a mode no requirement has', () => {
    const twice = assignStaff(
      iv,
      [
        { staffId: 'dr', role: 'prescriber', mode: 'present' },
        { staffId: 'dr', role: 'prescriber', mode: 'present' },
        { staffId: 'dr2', role: 'prescriber' },
        { staffId: 'rn', role: 'rn' },
      ],
      0,
      more,
    );
    expect(brief(twice)).toEqual([['/staff/1/staffId', 'STAFF_ONE_REQUIREMENT']]);
    const noPresentRn = assignStaff(
      iv,
      [
        { staffId: 'dr', role: 'prescriber' },
        { staffId: 'rn', role: 'rn', mode: 'present' },
        { staffId: 'dr', role: 'prescriber' },
      ],
      0,
      more,
    );
    expect(noPresentRn.ok).toBe(false);
    if (noPresentRn.ok) return;
    expect(noPresentRn.issues).toEqual([
      {
        pointer: '/staff/1/role',
        code: 'STAFF_NOT_NEEDED',
        message: 'ketamine-iv needs no present rn',
      },
      {
        pointer: '/staff',
        code: 'STAFF_MISSING',
        message: 'ketamine-iv needs 1 rn; 1 more to name',
      },
    ]);
  });

  it('names a present requirement left unfilled', () => {
    const result = assignStaff(
      iv,
      [
        { staffId: 'dr', role: 'prescriber' },
        { staffId: 'rn', role: 'rn' },
      ],
      0,
      more,
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          pointer: '/staff',
          code: 'STAFF_MISSING',
          message: 'ketamine-iv needs 1 present prescriber; 1 more to name',
        },
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

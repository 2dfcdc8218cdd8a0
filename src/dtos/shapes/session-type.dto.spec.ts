import { listTemplates } from '../../domain/protocol/templates';
import { SessionTypeBodyDto } from './index';
import { issueKeys, messageOf } from './validation.testing';

const ivInfusion = {
  durationMinutes: 120,
  room: { features: ['infusion', 'monitoring'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 50 },
    { role: 'rn', count: 1, maxConcurrent: 3 },
    { role: 'kap-therapist', count: 1 },
  ],
};

describe('SessionTypeBodyDto', () => {
  it('accepts the format example, a session without a room, and every template session type', async () => {
    expect(await issueKeys(SessionTypeBodyDto, ivInfusion)).toEqual([]);
    expect(
      await issueKeys(SessionTypeBodyDto, {
        durationMinutes: 15,
        room: null,
        staff: [{ role: 'rn' }],
      }),
    ).toEqual([]);
    for (const st of listTemplates().flatMap((t) => t.sessionTypes)) {
      const { id, ...body } = st;
      expect([id, await issueKeys(SessionTypeBodyDto, body)]).toEqual([id, []]);
    }
  });

  it('requires room (null for none)', async () => {
    expect(await issueKeys(SessionTypeBodyDto, { durationMinutes: 60, staff: [] })).toEqual([
      'room:isObject',
    ]);
  });

  it('rejects a staff requirement reaching past the end of the session, naming it', async () => {
    const plain = {
      ...ivInfusion,
      staff: [{ role: 'prescriber' }, { role: 'rn', offsetMinutes: 90, durationMinutes: 45 }],
    };
    expect(await issueKeys(SessionTypeBodyDto, plain)).toEqual(['staff:staffFitsSession']);
    expect(await messageOf(SessionTypeBodyDto, plain, 'staff', 'staffFitsSession')).toBe(
      'staff/1: the rn requirement runs from minute 90 to minute 135, outside the 120-minute session',
    );
    expect(
      await issueKeys(SessionTypeBodyDto, {
        ...ivInfusion,
        staff: [{ role: 'rn', offsetMinutes: 120 }],
      }),
    ).toEqual(['staff:staffFitsSession']);
  });

  it('rejects counts and minutes out of range and unknown fields in requirements', async () => {
    const plain = {
      durationMinutes: 0,
      room: { features: ['therapy', 'therapy'], turnoverMinutes: -5 },
      staff: [{ role: '', count: 0, maxConcurrent: 0, durationMinutes: 0, shift: 'am' }],
    };
    expect(await issueKeys(SessionTypeBodyDto, plain)).toEqual([
      'durationMinutes:min',
      'room.features:arrayUnique',
      'room.turnoverMinutes:min',
      'staff.0.count:min',
      'staff.0.durationMinutes:min',
      'staff.0.maxConcurrent:min',
      'staff.0.role:matches',
      'staff.0.role:minLength',
      'staff.0.shift:whitelistValidation',
    ]);
  });

  it('requires lowercase slugs for requirement roles and room features (as staff roles and room features are)', async () => {
    expect(
      await issueKeys(SessionTypeBodyDto, {
        ...ivInfusion,
        room: { features: ['infusion', 'Monitoring'] },
        staff: [{ role: 'RN' }, { role: 'kap therapist' }],
      }),
    ).toEqual(['room.features:matches', 'staff.0.role:matches', 'staff.1.role:matches']);
  });

  describe('format 1.1', () => {
    it('accepts a presence requirement and a group size', async () => {
      expect(
        await issueKeys(SessionTypeBodyDto, {
          ...ivInfusion,
          staff: [...ivInfusion.staff, { role: 'prescriber', mode: 'present' }],
        }),
      ).toEqual([]);
      expect(
        await issueKeys(SessionTypeBodyDto, {
          durationMinutes: 90,
          room: { features: ['group'] },
          staff: [{ role: 'facilitator', mode: 'occupied' }],
          group: { min: 3, max: 8 },
        }),
      ).toEqual([]);
      expect(await issueKeys(SessionTypeBodyDto, { ...ivInfusion, group: null })).toEqual([]);
    });

    it('rejects an unknown mode, a shared presence and a group out of order', async () => {
      expect(
        await issueKeys(SessionTypeBodyDto, {
          ...ivInfusion,
          staff: [
            { role: 'prescriber', mode: 'nearby' },
            { role: 'prescriber', mode: 'present', maxConcurrent: 2 },
            { role: 'rn', mode: 'occupied', maxConcurrent: 2 },
          ],
          group: { min: 5, max: 3, size: 4 },
        }),
      ).toEqual([
        'group.max:isNotBefore',
        'group.size:whitelistValidation',
        'staff.0.mode:isIn',
        'staff.1.maxConcurrent:notWith',
      ]);
    });
  });
});

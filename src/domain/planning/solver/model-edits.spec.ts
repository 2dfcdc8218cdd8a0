import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';
import { pinnedSlots } from './fixed-state';
import {
  ignoringResources,
  kindsOf,
  wholeHorizon,
  withExtraResources,
  withProtocol,
} from './model-edits';

/** One patient needing a dose (prescriber + room) on Monday 15 March; the prescriber works Tuesdays only. */
const problem: Problem = {
  formatVersion: 1,
  clinic: { timeZone: 'America/New_York', slotMinutes: 60 },
  horizon: { start: '2027-03-15', end: '2027-03-16' },
  staff: [
    {
      id: 'dr',
      roles: ['prescriber'],
      availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '09:00', end: '12:00' }],
    },
  ],
  rooms: [{ id: 'r1', features: ['infusion'] }],
  sessionTypes: [
    {
      id: 'dose',
      durationMinutes: 60,
      room: { features: ['infusion'] },
      staff: [{ role: 'prescriber', count: 2 }],
    },
  ],
  protocols: [
    {
      id: 'mon',
      series: [{ id: 'dose', sessionType: 'dose', count: { min: 1, max: 1 }, days: ['MO'] }],
      patientDay: { start: '08:00', end: '17:00' },
    },
  ],
  patients: [{ id: 'p', protocol: 'mon' }],
};

describe('model edits', () => {
  const model = compileModel(problem);
  const patient = model.patients[0];
  const domainsOf = (m = model) => computeDomains(m, m.patients[0], pinnedSlots(m, 0));

  it('lists the kinds a patient uses: rooms by features, staff by role', () => {
    expect(kindsOf(model, patient)).toEqual([
      { type: 'room', features: ['infusion'] },
      { type: 'role', role: 'prescriber' },
    ]);
  });

  it('with resources ignored, only the patient rules remain', () => {
    expect(domainsOf().failure).toEqual({ kind: 'window', series: 0 });
    expect(domainsOf(ignoringResources(model)).failure).toBeNull();
  });

  it('adds as many people as a requirement needs, free all horizon, without touching the original', () => {
    const before = model.sessionTypes[0].staticOk.slice();
    const extra = withExtraResources(
      model,
      [{ type: 'role', role: 'prescriber' }],
      wholeHorizon(model),
      patient,
    );
    expect(extra.firstStaff).toBe(1);
    expect(extra.model.staff.map((s) => s.id)).toEqual([
      'dr',
      'extra-prescriber-1',
      'extra-prescriber-2',
    ]);
    expect(extra.model.sessionTypes[0].needs[0].candidates).toEqual([0, 1, 2]);
    expect(domainsOf(extra.model).failure).toBeNull();
    // Starts on Monday inside the patient day only.
    const dom = domainsOf(extra.model).domains[0][0];
    const hours = [...dom].map((i) => new Date(extra.model.slotStart[i] * 60_000).toISOString());
    expect(hours[0]).toBe('2027-03-15T12:00:00.000Z'); // 08:00 New York (EDT)
    expect(hours[hours.length - 1]).toBe('2027-03-15T20:00:00.000Z'); // 16:00, ends 17:00
    expect(model.sessionTypes[0].staticOk).toEqual(before);
    expect(model.staff).toHaveLength(1);
  });

  it('an extra room does not help when people are missing', () => {
    const extra = withExtraResources(
      model,
      [{ type: 'room', features: ['infusion'] }],
      wholeHorizon(model),
      patient,
    );
    expect(extra.model.rooms.map((r) => r.id)).toEqual(['r1', 'extra-room']);
    expect(domainsOf(extra.model).failure).not.toBeNull();
  });

  it('replaces a protocol by index', () => {
    const proto = model.protocols[0];
    const edited = withProtocol(model, {
      ...proto,
      series: [{ ...proto.series[0], dayMask: 0b10 }],
    });
    expect(edited.protocols[0].series[0].dayMask).toBe(0b10);
    expect(model.protocols[0].series[0].dayMask).toBe(0b1);
  });
});

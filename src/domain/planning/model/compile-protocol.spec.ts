import type { Protocol, ProtocolRule } from '../format';
import { compileProtocol } from './compile-protocol';

const protocol = (rules: ProtocolRule[]): Protocol => ({
  id: 'p',
  series: [
    { id: 'dose', sessionType: 'iv', count: { min: 2, max: 2 } },
    { id: 'emdr', sessionType: 'emdr', count: { min: 2, max: 2 } },
    { id: 'ifs', sessionType: 'emdr', count: { min: 1, max: 1 } },
  ],
  rules,
});
const types = new Map([
  ['iv', 0],
  ['emdr', 1],
]);

describe('compileProtocol: rules', () => {
  it('puts each rule in the list of its own type, in document order', () => {
    const model = compileProtocol(
      protocol([
        { type: 'notSameDay', series: ['dose', 'emdr'] },
        { type: 'separation', series: ['ifs', 'dose', 'ifs'], minHours: 44 },
        { type: 'followUp', anchor: 'dose', targets: ['emdr', 'ifs'], hours: { max: 30 } },
        { type: 'separation', series: ['emdr'], minHours: 0.1 },
        {
          type: 'offset',
          from: { series: 'dose', occurrence: 'first', point: 'end' },
          to: { series: 'emdr', occurrence: 2, point: 'start' },
          hours: { min: 1 },
        },
      ]),
      0,
      types,
    );
    expect(model.notSameDay).toEqual([[0, 1]]);
    // Series as distinct sorted indices; hours as whole minutes (0.1 h is 6 min, not 7).
    expect(model.separations).toEqual([
      { series: [0, 2], minMinutes: 44 * 60 },
      { series: [1], minMinutes: 6 },
    ]);
    expect(model.followUps).toEqual([
      { anchor: 0, targets: [1, 2], min: 0, max: 30 * 60, sameDay: false },
    ]);
    expect(model.offsets).toEqual([
      {
        from: { series: 0, occurrence: 'first', end: true },
        to: { series: 1, occurrence: 2, end: false },
        min: 60,
        max: Infinity,
      },
    ]);
  });

  it('rounds fractional minutes up: a start must be at least minHours after the other', () => {
    const model = compileProtocol(
      protocol([{ type: 'separation', series: ['dose'], minHours: 20.01 }]),
      0,
      types,
    );
    expect(model.separations[0].minMinutes).toBe(1201); // 1200.6 min
  });

  it('refuses a rule of an unknown type rather than compiling it as another', () => {
    const rules = [{ type: 'sameWeek', series: ['dose', 'emdr'] }] as unknown as ProtocolRule[];
    expect(() => compileProtocol(protocol(rules), 0, types)).toThrow(
      /unknown protocol rule type "sameWeek"/,
    );
  });
});

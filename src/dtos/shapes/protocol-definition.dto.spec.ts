import { listTemplates } from '../../domain/protocol/templates';
import {
  CountRangeDto,
  FollowUpRuleDto,
  LinkedCountDto,
  NotSameDayRuleDto,
  OffsetRuleDto,
  ProtocolDefinitionDto,
  RULE_DTO_CLASSES,
  ResumeGapHoursDto,
  RULE_TYPES,
  RuleDto,
  SeparationRuleDto,
} from './index';
import { plainToInstance } from 'class-transformer';
import { issueKeys, messageOf } from './validation.testing';

function definition(patch: Record<string, unknown> = {}) {
  return {
    spanDays: { min: 7, max: 14 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 6, max: 8, default: 6 },
        gapHours: { min: 44, max: 96 },
        days: ['MO', 'WE', 'FR'],
      },
      { id: 'emdr', sessionType: 'emdr-90', count: { min: 4, max: 4 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 24, max: 336 },
      },
      {
        type: 'followUp',
        anchor: 'dose',
        targets: ['emdr'],
        hours: { min: 1, max: 30 },
        sameDay: false,
      },
      { type: 'notSameDay', series: ['dose', 'emdr'] },
    ],
    patientDay: {
      start: '08:00',
      end: '19:00',
      maxSessions: 3,
      maxMinutes: 330,
      minBreakMinutes: 30,
    },
    restDays: ['SU'],
    continuity: [{ series: ['emdr'], role: 'emdr-therapist', mode: 'require' }],
    ...patch,
  };
}

describe('ProtocolDefinitionDto', () => {
  it('accepts the format example and builds each rule as its own class', async () => {
    expect(await issueKeys(ProtocolDefinitionDto, definition())).toEqual([]);
    const dto = plainToInstance(ProtocolDefinitionDto, definition());
    expect(dto.rules!.map((r) => r.constructor)).toEqual([
      OffsetRuleDto,
      FollowUpRuleDto,
      NotSameDayRuleDto,
    ]);
    expect(dto.rules!.map((r) => r.type)).toEqual(['offset', 'followUp', 'notSameDay']);
  });

  it('accepts every starter template protocol', async () => {
    for (const t of listTemplates()) {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { id, ...body } = t.protocol;
      expect([t.id, await issueKeys(ProtocolDefinitionDto, body)]).toEqual([t.id, []]);
    }
  });

  it('rejects an unknown rule type at rules.N.type', async () => {
    const plain = definition({ rules: [{ type: 'sameWeek', series: ['dose', 'emdr'] }] });
    const keys = await issueKeys(ProtocolDefinitionDto, plain);
    expect(keys).toContain('rules.0.type:isIn');
    expect(plainToInstance(ProtocolDefinitionDto, plain).rules![0]).toBeInstanceOf(RuleDto);
    expect(await messageOf(ProtocolDefinitionDto, plain, 'rules.0.type', 'isIn')).toBe(
      'type must be one of offset, followUp, notSameDay, separation',
    );
  });

  it('accepts a separation rule and builds it as its own class', async () => {
    const rules = [{ type: 'separation', series: ['dose', 'emdr'], minHours: 20 }];
    expect(await issueKeys(ProtocolDefinitionDto, definition({ rules }))).toEqual([]);
    const dto = plainToInstance(ProtocolDefinitionDto, definition({ rules }));
    expect(dto.rules![0]).toBeInstanceOf(SeparationRuleDto);
    expect(dto.rules![0]).toEqual(rules[0]);
  });

  it('validates a separation rule', async () => {
    const rules = [
      { type: 'separation', series: [], minHours: -1 },
      { type: 'separation', series: ['dose', 'dose'], minHours: '20' },
      { type: 'separation', series: ['dose'], hours: { min: 20 } },
    ];
    expect(await issueKeys(ProtocolDefinitionDto, definition({ rules }))).toEqual([
      'rules.0.minHours:min',
      'rules.0.series:arrayMinSize',
      'rules.1.minHours:isNumber',
      'rules.1.minHours:max',
      'rules.1.minHours:min',
      'rules.1.series:arrayUnique',
      'rules.2.hours:whitelistValidation',
      'rules.2.minHours:isNumber',
      'rules.2.minHours:max',
      'rules.2.minHours:min',
    ]);
  });

  it('has one rule class per rule type, each reading its own type', () => {
    expect(Object.keys(RULE_DTO_CLASSES)).toEqual([...RULE_TYPES]);
    for (const [type, cls] of Object.entries(RULE_DTO_CLASSES)) {
      const dto = plainToInstance(ProtocolDefinitionDto, definition({ rules: [{ type }] }));
      expect([type, dto.rules![0].constructor]).toEqual([type, cls]);
    }
  });

  it('validates each rule by its own type', async () => {
    const rules = [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 0, point: 'middle' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 30, max: 20 },
      },
      { type: 'followUp', anchor: 'dose', targets: [], hours: { min: -1 } },
      { type: 'notSameDay', series: ['dose'], anchor: 'x' },
    ];
    expect(await issueKeys(ProtocolDefinitionDto, definition({ rules }))).toEqual([
      'rules.0.from.occurrence:isOccurrence',
      'rules.0.from.point:isIn',
      'rules.0.hours.max:isNotBefore',
      'rules.1.hours.min:min',
      'rules.1.targets:arrayMinSize',
      'rules.2.anchor:whitelistValidation',
      'rules.2.series:arrayMinSize',
    ]);
  });

  it('rejects count ranges out of order or out of range', async () => {
    const series = [
      { id: 'a', sessionType: 'x', count: { min: 5, max: 3 } },
      { id: 'b', sessionType: 'x', count: { min: 1, max: 4, default: 6 } },
      { id: 'c', sessionType: 'x', count: { min: -1, max: 501 } },
    ];
    expect(
      await issueKeys(ProtocolDefinitionDto, definition({ series, rules: [], continuity: [] })),
    ).toEqual([
      'series.0.count.max:isNotBefore',
      'series.1.count.default:isNotAfter',
      'series.2.count.max:max',
      'series.2.count.min:min',
    ]);
  });

  it('rejects bad weekdays, duplicate series ids, bad ids, gaps and spans', async () => {
    const series = [
      {
        id: 'dose',
        sessionType: 'x',
        count: { min: 1, max: 1 },
        days: ['MO', 'MON'],
        gapHours: { min: -2 },
      },
      { id: 'dose', sessionType: 'x', count: { min: 1, max: 1 } },
      { id: 'bad id!', sessionType: 'x', count: { min: 1, max: 1 } },
    ];
    const keys = await issueKeys(
      ProtocolDefinitionDto,
      definition({
        series,
        rules: [],
        continuity: [],
        restDays: ['sunday'],
        spanDays: { min: 9, max: 3 },
      }),
    );
    expect(keys).toEqual([
      'restDays:isWeekday',
      'series.0.days:isWeekday',
      'series.0.gapHours.min:min',
      'series.2.id:matches',
      'series:arrayUnique',
      'spanDays.max:isNotBefore',
    ]);
  });

  it('rejects a patient day ending before it starts, unknown fields and a bad continuity mode', async () => {
    const keys = await issueKeys(
      ProtocolDefinitionDto,
      definition({
        patientDay: { start: '19:00', end: '08:00', maxSessions: 0 },
        continuity: [
          { series: ['emdr'], role: 'emdr-therapist', mode: 'always' },
          { series: ['emdr'], role: 'EMDR-Therapist', mode: 'prefer' },
        ],
        colour: 'blue',
      }),
    );
    expect(keys).toEqual([
      'colour:whitelistValidation',
      'continuity.0.mode:isIn',
      'continuity.1.role:matches',
      'patientDay.end:isAfter',
      'patientDay.maxSessions:min',
    ]);
  });

  it('rejects wrong nested types', async () => {
    expect(
      await issueKeys(ProtocolDefinitionDto, definition({ spanDays: 14, series: 'dose' })),
    ).toEqual(expect.arrayContaining(['spanDays:isObject', 'series:isArray']));
  });

  describe('format 1.1 series fields', () => {
    const linked = (count: unknown, extra: Record<string, unknown> = {}) =>
      definition({
        series: [
          {
            id: 'dose',
            sessionType: 'ketamine-iv',
            count: { min: 3, max: 8, default: 6 },
            gapHours: { min: 44, max: 100 },
            resumeGapHours: { max: 168 },
          },
          { id: 'emdr', sessionType: 'emdr-90', count, ...extra },
        ],
        rules: [],
        continuity: [],
      });

    it('accepts a linked count and resumeGapHours, building each count as its own class', async () => {
      expect(await issueKeys(ProtocolDefinitionDto, linked({ sameAs: 'dose' }))).toEqual([]);
      const dto = plainToInstance(ProtocolDefinitionDto, linked({ sameAs: 'dose' }));
      expect(dto.series.map((s) => s.count.constructor)).toEqual([CountRangeDto, LinkedCountDto]);
      expect(dto.series[0].resumeGapHours).toBeInstanceOf(ResumeGapHoursDto);
    });

    it('rejects a linked count with a range field, a bad id, and resumeGapHours without max', async () => {
      expect(await issueKeys(ProtocolDefinitionDto, linked({ sameAs: 'dose', min: 1 }))).toEqual([
        'series.1.count.min:whitelistValidation',
      ]);
      expect(await issueKeys(ProtocolDefinitionDto, linked({ sameAs: 'no such' }))).toEqual([
        'series.1.count.sameAs:matches',
      ]);
      expect(
        await issueKeys(
          ProtocolDefinitionDto,
          linked({ min: 1, max: 1 }, { resumeGapHours: { min: 50, max: 40 } }),
        ),
      ).toEqual(['series.1.resumeGapHours.max:isNotBefore']);
      expect(
        await issueKeys(
          ProtocolDefinitionDto,
          linked({ min: 1, max: 1 }, { resumeGapHours: { min: 50 } }),
        ),
      ).toEqual(expect.arrayContaining(['series.1.resumeGapHours.max:isNumber']));
    });
  });
});

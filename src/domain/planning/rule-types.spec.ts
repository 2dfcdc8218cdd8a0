import type { ProtocolRule } from './format';
import {
  assertNever,
  isRuleType,
  onRule,
  RULE_SINCE_VERSION,
  RULE_TYPES,
  type RuleHandlers,
  UnknownRuleTypeError,
} from './rule-types';

const describeRule = {
  offset: (r) => `offset ${r.from.series}->${r.to.series}`,
  followUp: (r) => `followUp ${r.anchor}->${r.targets.join('/')}`,
  notSameDay: (r) => `notSameDay ${r.series.join('/')}`,
  separation: (r) => `separation ${r.series.join('/')} ${r.minHours} h`,
} satisfies RuleHandlers<string>;

describe('rule types', () => {
  it('lists every type once, with the format version that introduced it', () => {
    expect(RULE_TYPES).toEqual(['offset', 'followUp', 'notSameDay', 'separation']);
    expect(RULE_SINCE_VERSION).toEqual({ offset: 1, followUp: 1, notSameDay: 1, separation: 1.1 });
  });

  it('dispatches each rule to the handler of its own type', () => {
    const rules: ProtocolRule[] = [
      { type: 'notSameDay', series: ['dose', 'emdr'] },
      { type: 'separation', series: ['dose', 'emdr'], minHours: 20 },
    ];
    expect(rules.map((r) => onRule(r, describeRule))).toEqual([
      'notSameDay dose/emdr',
      'separation dose/emdr 20 h',
    ]);
  });

  it('throws on an unknown type instead of handling it as another', () => {
    const rule = { type: 'sometimes', series: ['dose', 'emdr'] } as unknown as ProtocolRule;
    expect(() => onRule(rule, describeRule)).toThrow(UnknownRuleTypeError);
    expect(() => onRule(rule, describeRule)).toThrow(/"sometimes".*offset, followUp/);
    // Inherited keys of a plain object are not rule types.
    expect(isRuleType('toString')).toBe(false);
    expect(isRuleType('separation')).toBe(true);
  });

  // Type-level: `npm run check` (tsc) fails if any @ts-expect-error below stops being an error,
  // i.e. if a handler table or switch could leave a rule type out.
  it('makes every handler table and switch handle every type (compile time)', () => {
    const missing = {
      offset: () => 1,
      followUp: () => 1,
      notSameDay: () => 1,
      // @ts-expect-error a table without `separation` does not compile
    } satisfies RuleHandlers<number>;

    const extra = {
      offset: () => 1,
      followUp: () => 1,
      notSameDay: () => 1,
      separation: () => 1,
      // @ts-expect-error a type that is not a rule type does not compile
      sometimes: () => 1,
    } satisfies RuleHandlers<number>;

    const viaSwitch = (rule: ProtocolRule): string => {
      switch (rule.type) {
        case 'offset':
        case 'followUp':
        case 'notSameDay':
          return rule.type;
        default:
          // @ts-expect-error `separation` is not handled, so `rule` is not `never` here
          return assertNever(rule, 'rule');
      }
    };
    expect([missing, extra, viaSwitch].every(Boolean)).toBe(true);
  });
});

/**
 * The protocol rule types, in one place: the extension point every stage that
 * handles rules goes through (problem check, compile, the independent
 * validator, the catalog's protocol check, the DTOs, docs).
 *
 * The union `ProtocolRule` (format.ts) is the list. A stage handles rules with
 * a table typed `RuleHandlers<…>` (or a `switch` ending in `assertNever`), so
 * adding a member to the union fails to compile until every stage handles
 * it. A type that is not in the list is an error wherever it is met, never
 * treated as another type. docs/architecture.md, "Adding a rule type", lists
 * the files a new rule touches.
 */
import type { FormatVersion, ProtocolRule } from './format';

export type RuleType = ProtocolRule['type'];

/** The rule interface of one type, e.g. `RuleOf<'separation'>` is `SeparationRule`. */
export type RuleOf<K extends RuleType> = Extract<ProtocolRule, { type: K }>;

/**
 * Every rule type with the planning-format version that introduced it. A
 * problem may use a rule type only from that version on; stored protocol
 * definitions in the catalog may use every type.
 */
export const RULE_SINCE_VERSION = {
  offset: 1,
  followUp: 1,
  notSameDay: 1,
  separation: 1.1,
} as const satisfies Record<RuleType, FormatVersion>;

/** The rule types, in the order of `RULE_SINCE_VERSION`. */
export const RULE_TYPES = Object.keys(RULE_SINCE_VERSION) as readonly RuleType[];

/** One handler per rule type, each receiving its own rule interface (plus `Args`). */
export type RuleHandlers<R, Args extends unknown[] = []> = {
  readonly [K in RuleType]: (rule: RuleOf<K>, ...args: Args) => R;
};

export function isRuleType(value: unknown): value is RuleType {
  return typeof value === 'string' && Object.hasOwn(RULE_SINCE_VERSION, value);
}

/** A rule whose `type` is not one of `RULE_TYPES` reached code that trusted its input. */
export class UnknownRuleTypeError extends Error {
  constructor(readonly ruleType: unknown) {
    super(
      `unknown protocol rule type ${JSON.stringify(ruleType)}; known types: ${RULE_TYPES.join(', ')}`,
    );
    this.name = 'UnknownRuleTypeError';
  }
}

/**
 * Calls the handler for `rule.type`. Throws `UnknownRuleTypeError` for a type
 * outside the list (input that skipped its checker), so no rule is ever
 * handled as another type.
 */
export function onRule<R, Args extends unknown[]>(
  rule: ProtocolRule,
  handlers: RuleHandlers<R, Args>,
  ...args: Args
): R {
  const type: unknown = rule.type;
  if (!isRuleType(type)) throw new UnknownRuleTypeError(type);
  return (handlers[type] as (rule: ProtocolRule, ...args: Args) => R)(rule, ...args);
}

/** For the `default` of an exhaustive `switch`: compiles only when every case is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

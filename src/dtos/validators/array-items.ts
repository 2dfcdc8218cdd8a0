import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/**
 * class-validator's array rules with our own messages: its defaults ("All enrollmentIds's
 * elements must be unique", "must contain at least 1 elements") read badly and never reach a
 * caller. `noun` names one item; `plural` when adding an s will not do (`series`, `entries`).
 */
export interface ItemNoun {
  noun: string;
  plural?: string;
}

const pluralOf = ({ noun, plural }: ItemNoun, n: number) =>
  n === 1 ? noun : (plural ?? `${noun}s`);
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const message =
  (text: (property: string) => string): ValidationOptions['message'] =>
  (args: ValidationArguments) =>
    text(args.property);

/** At least `n` items: "targets must hold at least 1 target". */
export const MinItems = (n: number, item: ItemNoun) =>
  ArrayMinSize(n, { message: message((p) => `${p} must hold at least ${n} ${pluralOf(item, n)}`) });

/** At most `n` items: "enrollmentIds must hold at most 500 ids". */
export const MaxItems = (n: number, item: ItemNoun) =>
  ArrayMaxSize(n, { message: message((p) => `${p} must hold at most ${n} ${pluralOf(item, n)}`) });

/** No repeated item (by `selector` when given): "enrollmentIds must not repeat an id". */
export const NoRepeats = (item: ItemNoun, selector?: (value: never) => unknown) => {
  const options = { message: message((p) => `${p} must not repeat ${withArticle(item.noun)}`) };
  // class-validator reads its first argument as the options unless it is a function.
  return selector
    ? ArrayUnique(selector as (value: unknown) => unknown, options)
    : ArrayUnique(options);
};

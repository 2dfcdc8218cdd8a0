import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';
import { Stacked } from './catalog-values.validators';

const DECIMAL = /^-?\d{1,15}$/;

/**
 * A whole number in a query string: plain decimal digits (a minus allowed, so `-1` is out of
 * range rather than malformed) become a number; anything else stays the string sent and is
 * 400 INVALID_TYPE. `@Type(() => Number)` read `0x10` as 16, `%2030` (" 30") as 30 and `1e2`
 * as 100; none of those is a number a client means to send. Follow it with `@Min`/`@Max`.
 */
export const IsQueryInteger = () =>
  Stacked(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
    ),
    IsInt({ message: '$property must be a whole number in plain decimal digits, e.g. 30' }),
  );

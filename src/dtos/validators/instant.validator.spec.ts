import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { instantProblem, IsInstant, parseInstant } from './instant.validator';

class Sample {
  @IsOptional() @IsInstant() start?: unknown;
}

const messageOf = (start: unknown) =>
  validateSync(plainToInstance(Sample, { start }))[0]?.constraints?.isInstant;

const FORMAT = 'must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00';

describe('IsInstant', () => {
  it.each(['2027-03-08T09:00:00-05:00', '2027-03-08T14:00Z', '2028-02-29T09:00:00.250+01:00'])(
    'accepts %s',
    (value) => {
      expect(parseInstant(value)).toBeInstanceOf(Date);
      expect(instantProblem(value)).toBeUndefined();
      expect(messageOf(value)).toBeUndefined();
    },
  );

  it.each([
    ['2027-02-30T10:00:00-05:00', 'start 2027-02-30 does not exist: February 2027 has 28 days'],
    ['2027-02-29T10:00Z', 'start 2027-02-29 does not exist: February 2027 has 28 days'],
    ['2027-04-31T10:00:00.5+02:00', 'start 2027-04-31 does not exist: April 2027 has 30 days'],
    ['2027-13-01T10:00:00Z', 'start 2027-13-01 does not exist: there is no month 13'],
  ])('names the date of %s that does not exist', (value, message) => {
    expect(parseInstant(value)).toBeNull();
    expect(messageOf(value)).toBe(message);
  });

  it.each([
    '2027-03-08T09:00:00-99:00',
    '2027-03-08T09:00:00+14:30',
    '2027-03-08T09:00-12:01',
    '2027-03-08T09:00+05:60',
  ])('refuses the offset of %s, which no clock shows, and says the range', (value) => {
    expect(parseInstant(value)).toBeNull();
    expect(messageOf(value)).toBe(`start ${FORMAT}; the offset must lie between -12:00 and +14:00`);
  });

  it.each(['2027-03-08T09:00:00+14:00', '2027-03-08T09:00:00-12:00', '2027-03-08T09:00+05:45'])(
    'accepts the edge offset of %s',
    (value) => expect(parseInstant(value)).toBeInstanceOf(Date),
  );

  it.each([
    '2027-02-30T10:00', // no offset: the shape is wrong before the date is
    '2027-02-30',
    '2027-03-08T25:00:00Z',
    '2027-03-08T09:60:00Z',
    'tomorrow',
    42,
    null,
  ])('tells the format for %j', (value) => {
    expect(parseInstant(value)).toBeNull();
    expect(instantProblem(value)).toBe(FORMAT);
    if (value !== null) expect(messageOf(value)).toBe(`start ${FORMAT}`);
  });

  it.each([
    ['2027-03-01T00:00:00 11:00', '2027-03-01T00:00:00%2B11:00'],
    ['2027-03-01T09:30 05:45', '2027-03-01T09:30%2B05:45'],
    ['2027-03-01T09:30:00.5 01:00', '2027-03-01T09:30:00.5%2B01:00'],
  ])('%j (an unencoded + in a query string) is told to send %%2B', (value, encoded) => {
    expect(parseInstant(value)).toBeNull();
    expect(messageOf(value)).toBe(
      `start ${FORMAT}; it has a space where the offset's sign belongs: in a URL query a "+" is read as a space, so send it as %2B (${encoded})`,
    );
  });
});

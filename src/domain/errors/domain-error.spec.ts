import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from './domain-error';

describe('domain errors', () => {
  it('carry stable codes and class names', () => {
    const e = new NotFoundError('Clinic', 'abc');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('NotFoundError');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('Clinic abc not found');
    expect(new ConflictError('taken', 'NAME_TAKEN').code).toBe('NAME_TAKEN');
  });

  it('ValidationError keeps the issue list unchanged and summarizes it', () => {
    const issues: FieldIssue[] = [
      { pointer: '/staff/0/availability/1/rrule', code: 'INVALID_RRULE', message: 'bad rule' },
      { pointer: '/horizon/end', code: 'END_NOT_AFTER_START', message: 'end before start' },
    ];
    const e = new ValidationError(issues);
    expect(e.issues).toBe(issues);
    expect(e.message).toBe('/staff/0/availability/1/rrule: bad rule (and 1 more)');
    expect(ValidationError.single('/x', 'INVALID_VALUE', 'm').issues).toEqual([
      { pointer: '/x', code: 'INVALID_VALUE', message: 'm' },
    ]);
  });
});

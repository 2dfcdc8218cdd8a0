import {
  cohortDatesIssue,
  cohortDatesPointer,
  overlapsCohort,
  strandedMembers,
} from './cohort-dates';

const june = { name: 'June retreat', startDate: '2027-06-07', endDate: '2027-07-23' };
const w = (earliestStart: string, latestEnd: string) => ({ earliestStart, latestEnd });

describe('the cohort date rule', () => {
  it('takes any shared day, edges included; "within" is not required', () => {
    expect(overlapsCohort(w('2027-06-07', '2027-07-23'), june)).toBe(true);
    expect(overlapsCohort(w('2027-05-01', '2027-06-07'), june)).toBe(true);
    expect(overlapsCohort(w('2027-07-23', '2027-10-31'), june)).toBe(true);
    expect(overlapsCohort(w('2027-05-01', '2027-12-31'), june)).toBe(true);
    expect(overlapsCohort(w('2027-06-10', '2027-06-10'), june)).toBe(true);
  });

  it('refuses a window sharing no day with the cohort, either side', () => {
    expect(overlapsCohort(w('2027-09-01', '2027-11-30'), june)).toBe(false);
    expect(overlapsCohort(w('2027-07-24', '2027-07-31'), june)).toBe(false);
    expect(overlapsCohort(w('2027-05-01', '2027-06-06'), june)).toBe(false);
  });

  it('answers one COHORT_DATES_MISMATCH issue naming both windows at the given pointer', () => {
    expect(cohortDatesIssue(w('2027-06-01', '2027-06-30'), june, '/cohortId')).toBeUndefined();
    const issue = cohortDatesIssue(w('2027-09-01', '2027-11-30'), june, '/enrollmentId', 'e-1');
    expect(issue).toEqual({
      pointer: '/enrollmentId',
      code: 'COHORT_DATES_MISMATCH',
      message: expect.stringContaining('enrollment e-1 runs 2027-09-01 to 2027-11-30'),
    });
    expect(issue!.message).toContain('cohort "June retreat" (2027-06-07 to 2027-07-23)');
    expect(issue!.message).toContain('starts after it ends');
    expect(cohortDatesIssue(w('2027-01-04', '2027-02-26'), june, '/latestEnd')!.message).toContain(
      'ends before it starts',
    );
  });

  it('points at the field sent: the cohort, else the date on the missing side, else the other', () => {
    const late = w('2027-09-01', '2027-11-30');
    const early = w('2027-01-04', '2027-02-26');
    expect(cohortDatesPointer(late, june, { cohortId: true, earliestStart: true })).toBe(
      '/cohortId',
    );
    expect(cohortDatesPointer(late, june, { earliestStart: true, latestEnd: true })).toBe(
      '/earliestStart',
    );
    expect(cohortDatesPointer(late, june, { latestEnd: true })).toBe('/latestEnd');
    expect(cohortDatesPointer(early, june, { earliestStart: true, latestEnd: true })).toBe(
      '/latestEnd',
    );
    expect(cohortDatesPointer(early, june, { earliestStart: true })).toBe('/earliestStart');
  });

  it('lists the members new cohort dates would strand, with the side they miss on', () => {
    const members = [
      { id: 'a', ...w('2027-06-01', '2027-06-30') },
      { id: 'b', ...w('2027-07-10', '2027-08-31') },
      { id: 'c', ...w('2027-09-01', '2027-09-30') },
    ];
    const moved = { name: 'June retreat', startDate: '2027-07-01', endDate: '2027-07-05' };
    expect(strandedMembers(members, moved)).toEqual([
      { member: members[0], side: 'startDate' },
      { member: members[1], side: 'endDate' },
      { member: members[2], side: 'endDate' },
    ]);
    expect(strandedMembers(members, { ...moved, endDate: '2027-09-01' })).toEqual([
      { member: members[0], side: 'startDate' },
    ]);
  });
});

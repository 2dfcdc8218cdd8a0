import type { Model } from '../model/types';
import { crowdedDays } from './group-consolidate';
import { OccurrenceTable, type OccurrenceInit } from './group-occurrences';
import type { ResourceState } from './resource-state';

/** One group type (index 0) of max `max`; only what crowdedDays reads. */
const model = (max: number) =>
  ({ sessionTypes: [{ index: 0, group: { min: 2, max } }] }) as unknown as Model;

const at = (day: number, start: number): OccurrenceInit => ({
  st: 0,
  slot: start,
  start,
  day,
  room: 0,
  staff: [[0]],
  booking: start,
});

/** A table with occurrences `${day}/${start}` holding the given patients (pinned: negative). */
function table(occurrences: Record<string, number[]>): ResourceState {
  const groups = new OccurrenceTable();
  for (const [key, patients] of Object.entries(occurrences)) {
    const [day, start] = key.split('/').map(Number);
    for (const p of patients) groups.enter(key, Math.abs(p), at(day, start), p < 0);
  }
  return { groups } as unknown as ResourceState;
}

describe('crowdedDays', () => {
  it('lists a day whose occurrences fit fewer, largest first', () => {
    const days = crowdedDays(model(8), table({ '0/10': [1, 2, 3], '0/20': [4, 5, 6, 7] }));
    expect(days.map((d) => d.key)).toEqual(['0:0']);
    expect(days[0].occurrences.map((o) => o.key)).toEqual(['0/20', '0/10']);
  });

  it('leaves a day whose participants need every occurrence (max) or a single one', () => {
    const state = table({ '0/10': [1, 2, 3], '0/20': [4, 5, 6], '1/10': [1, 2, 3, 4, 5, 6] });
    expect(crowdedDays(model(4), state)).toEqual([]);
  });

  it('leaves occurrences with a pinned participant each (they cannot go)', () => {
    expect(crowdedDays(model(8), table({ '0/10': [-1, 2], '0/20': [-3, 4] }))).toEqual([]);
    expect(crowdedDays(model(8), table({ '0/10': [-1, 2], '0/20': [3, 4] }))).toHaveLength(1);
  });

  it('orders days by date', () => {
    const state = table({ '2/10': [1, 2], '2/20': [3, 4], '1/10': [1, 2], '1/20': [3, 4] });
    expect(crowdedDays(model(8), state).map((d) => d.key)).toEqual(['0:1', '0:2']);
  });
});

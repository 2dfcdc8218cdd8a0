/**
 * Random mutations of a (planted) problem that keep it a well-formed document
 * but may make it partly or wholly infeasible: tighter rules, fewer windows,
 * extra time off, closures and busy periods, competing patients. Pinned
 * bookings become keepIfPossible (a mutation could otherwise make a pinned
 * booking break a hard rule, which makes the problem invalid).
 */
import type { Problem } from '../../../src/domain/planning/format';
import { isLinkedCount } from '../../../src/domain/planning/format';
import { dateRange } from './local-time';
import { Rng } from './rng';

type Mutation = (rng: Rng, p: Problem) => void;

const dates = (p: Problem) => dateRange(p.horizon.start, p.horizon.end);

const MUTATIONS: Mutation[] = [
  function addCompetitor(rng, p) {
    const model = rng.pick(p.patients);
    const { unavailable: _u, ...rest } = model;
    p.patients.push({ ...structuredClone(rest), id: `p-extra-${p.patients.length + 1}` });
  },
  function tightenGap(rng, p) {
    const series = p.protocols.flatMap((x) => x.series).filter((s) => s.gapHours);
    if (series.length === 0) return;
    const gap = rng.pick(series).gapHours!;
    if (rng.chance(0.5) || gap.max === undefined) {
      gap.min = (gap.min ?? 0) + rng.int(1, 24);
      if (gap.max !== undefined && gap.min > gap.max) gap.min = gap.max;
    } else {
      gap.max = Math.max(gap.min ?? 0, gap.max - rng.int(1, 24));
    }
  },
  function dropWindow(rng, p) {
    const person = rng.pick(p.staff);
    if (person.availability && person.availability.length > 0) {
      person.availability.splice(rng.int(0, person.availability.length - 1), 1);
    }
  },
  function addTimeOff(rng, p) {
    const person = rng.pick(p.staff);
    const date = rng.pick(dates(p));
    const h = rng.int(6, 14);
    const hh = (n: number) => String(n).padStart(2, '0');
    person.timeOff = [
      ...(person.timeOff ?? []),
      { start: `${date}T${hh(h)}:00`, end: `${date}T${hh(h + rng.int(1, 6))}:00` },
    ];
  },
  function addClosure(rng, p) {
    const date = rng.pick(dates(p));
    const closures = p.clinic.closures ?? [];
    if (!closures.includes(date)) p.clinic.closures = [...closures, date].sort();
  },
  function tightenPatientDay(rng, p) {
    const protocol = rng.pick(p.protocols);
    protocol.patientDay = { ...(protocol.patientDay ?? {}), maxSessions: 1 };
  },
  function shrinkPatientWindow(rng, p) {
    const patient = rng.pick(p.patients);
    const all = dates(p).filter((d) => d >= (patient.earliestStart ?? p.horizon.start));
    patient.latestEnd = all[rng.int(0, Math.min(all.length - 1, 2))];
  },
  function raiseCount(rng, p) {
    const patient = rng.pick(p.patients);
    const protocol = p.protocols.find((x) => x.id === patient.protocol)!;
    const series = rng.pick(protocol.series);
    if (!isLinkedCount(series.count) && series.count.max > series.count.min) {
      patient.counts = { ...(patient.counts ?? {}), [series.id]: series.count.max };
    }
  },
  function busyRoom(rng, p) {
    const room = rng.pick(p.rooms);
    const date = rng.pick(dates(p));
    p.busy = [
      ...(p.busy ?? []),
      { resource: room.id, start: `${date}T08:00`, end: `${date}T13:00` },
    ];
  },
];

export function mutateProblem(problem: Problem, seed: number, count: number): Problem {
  const p = structuredClone(problem);
  if (count === 0) return p;
  const rng = new Rng(seed);
  for (const e of p.existing ?? []) e.mode = 'keepIfPossible';
  for (let i = 0; i < count; i++) rng.pick(MUTATIONS)(rng, p);
  return p;
}

/** Text output of `npm run plan`: pure functions from documents to lines. */
import { DateTime } from 'luxon';
import { clockLabel } from '../domain/time/repeated-hour';
import type { Appointment, Problem, Score, Solution } from '../domain/planning/format';
import type { ProblemError } from '../domain/planning/problem-check';
import type { Violation } from '../domain/planning/solution-check';
import type { SolveProgress } from '../domain/planning/solve';

export function formatProblemErrors(errors: ProblemError[]): string {
  return errors.map((e) => `${e.pointer || '/'}: ${e.message} [${e.code}]`).join('\n');
}

export function formatScore(score: Score | null, patientsTotal?: number): string {
  if (score === null) return 'no score yet';
  const scheduled =
    patientsTotal === undefined
      ? `${score.scheduledPatients}`
      : `${score.scheduledPatients}/${patientsTotal}`;
  return `${scheduled} patients scheduled, ${score.movedAppointments} moved, ${score.continuityBreaks} continuity breaks, ${score.completionDays} completion days`;
}

export function formatProgress(p: SolveProgress): string {
  return `[${(p.elapsedMs / 1000).toFixed(1)} s] placed ${p.patientsPlaced}/${p.patientsTotal} patients; best: ${formatScore(p.bestScore)}`;
}

/** Calls `emit` at most once per `intervalMs`, and not before `intervalMs` has passed. */
export function throttled<T>(
  intervalMs: number,
  clock: () => number,
  emit: (value: T) => void,
): (value: T) => void {
  let last = clock();
  return (value) => {
    const now = clock();
    if (now - last < intervalMs) return;
    last = now;
    emit(value);
  };
}

function pad(cells: string[][]): string[] {
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  return cells.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
}

function sessionRow(a: Appointment, zone: string): string[] {
  const start = DateTime.fromISO(a.start, { zone });
  const end = DateTime.fromISO(a.end, { zone });
  return [
    start.toISODate() ?? a.start,
    start.setLocale('en-US').toFormat('ccc'),
    `${clockLabel(start.toMillis(), zone)}-${clockLabel(end.toMillis(), zone)}`,
    `${a.series}#${a.index}`,
    a.room ?? '-',
    a.staff
      .map((s) => s.id)
      .filter((id, i, all) => all.indexOf(id) === i)
      .join(', '),
  ];
}

export function formatSummary(problem: Problem, solution: Solution): string {
  const zone = problem.clinic.timeZone;
  const lines = [
    `Status: ${solution.status} (proof: ${solution.stats.proof}, ${solution.stats.elapsedMs} ms)`,
    `Score:  ${formatScore(solution.score, problem.patients.length)}`,
  ];
  const unscheduled = new Map(solution.unscheduled.map((u) => [u.patient, u]));
  for (const patient of problem.patients) {
    if (unscheduled.has(patient.id)) continue;
    const sessions = solution.appointments
      .filter((a) => a.patient === patient.id)
      .sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
    lines.push(
      '',
      `${patient.id} (${patient.protocol}), ${sessions.length} sessions, times in ${zone}:`,
    );
    const rows = pad([
      ['date', 'day', 'time', 'session', 'room', 'staff'],
      ...sessions.map((a) => sessionRow(a, zone)),
    ]);
    lines.push(...rows.map((row) => `  ${row}`));
  }
  if (solution.unscheduled.length > 0) {
    lines.push('', 'Not scheduled:');
    for (const u of solution.unscheduled) {
      lines.push(`  ${u.patient}:`);
      for (const r of u.reasons) {
        lines.push(`    - [${r.code}] ${r.message}`);
        if (r.suggestion) lines.push(`      suggestion: ${r.suggestion}`);
      }
    }
  }
  return lines.join('\n');
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `  [${v.rule}] ${v.message}`).join('\n');
}

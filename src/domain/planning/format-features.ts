/**
 * The fields a planning-format version added, in one table, and where a
 * problem uses them. The problem check accepts a use only from the version
 * that introduced it (as `RULE_SINCE_VERSION` does for rule types), and the
 * planner gate (problem-check/planner-support.ts) refuses the features the
 * solver cannot plan yet, both from the same list of uses.
 */
import type { FormatVersion, Problem } from './format';
import { isLinkedCount } from './format';

/**
 * Every feature with the format version that introduced it:
 * - `now`: the problem's `now`;
 * - `done` / `missed`: an existing booking with that mode;
 * - `resumeGapHours`: a series' `resumeGapHours`;
 * - `group`: a session type's `group`, or an existing booking's `occurrence`;
 * - `presence`: a staff requirement with `mode: "present"`;
 * - `requirementMode`: a staff requirement that spells out the default `mode: "occupied"`;
 * - `linkedCount`: a series `count: { sameAs }`.
 */
export const FEATURE_SINCE_VERSION = {
  now: 1.1,
  done: 1.1,
  missed: 1.1,
  resumeGapHours: 1.1,
  group: 1.1,
  presence: 1.1,
  requirementMode: 1.1,
  linkedCount: 1.1,
} as const satisfies Record<string, FormatVersion>;

export type FormatFeature = keyof typeof FEATURE_SINCE_VERSION;

export interface FeatureUse {
  feature: FormatFeature;
  /** RFC 6901 pointer to the field that uses it. */
  pointer: string;
}

/** Where `problem` (shape already checked) uses a versioned feature, in document order. */
export function featureUses(problem: Problem): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const use = (feature: FormatFeature, pointer: string) => uses.push({ feature, pointer });
  if (problem.now !== undefined) use('now', '/now');
  problem.sessionTypes.forEach((t, i) => {
    t.staff.forEach((r, j) => {
      if (r.mode === 'present') use('presence', `/sessionTypes/${i}/staff/${j}/mode`);
      else if (r.mode !== undefined) use('requirementMode', `/sessionTypes/${i}/staff/${j}/mode`);
    });
    if (t.group !== undefined) use('group', `/sessionTypes/${i}/group`);
  });
  problem.protocols.forEach((p, i) =>
    p.series.forEach((s, j) => {
      if (isLinkedCount(s.count)) use('linkedCount', `/protocols/${i}/series/${j}/count/sameAs`);
      if (s.resumeGapHours !== undefined)
        use('resumeGapHours', `/protocols/${i}/series/${j}/resumeGapHours`);
    }),
  );
  (problem.existing ?? []).forEach((e, i) => {
    if (e.mode === 'done' || e.mode === 'missed') use(e.mode, `/existing/${i}/mode`);
    if (e.occurrence !== undefined) use('group', `/existing/${i}/occurrence`);
  });
  return uses;
}

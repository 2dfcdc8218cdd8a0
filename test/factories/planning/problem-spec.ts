/**
 * Structural parameters of a generated problem. fast-check draws these (so it
 * can shrink sizes towards the smallest failing problem) plus one `seed` from
 * which every detail is drawn.
 */
export interface ProblemSpec {
  seed: number;
  /** Index into ZONE_CASES. */
  zoneIndex: number;
  /** Which of the zone's DST dates the horizon is placed across. */
  dstIndex: number;
  /** Horizon length in days. */
  days: number;
  /** Days of the horizon before the DST date (clamped to days - 1). */
  lead: number;
  slotMinutes: 15 | 30 | 60;
  patients: number;
  series: number;
  roles: number;
  rooms: number;
  /** Largest number of sessions one patient gets in one series. */
  maxSessionsPerSeries: number;
  /** Tiny problems: narrow patient day, few choices, no turnover surprises; for exhaustive search. */
  tiny: boolean;
  /** Existing bookings (pinned / keepIfPossible) taken from the planted schedule. */
  existing: boolean;
}

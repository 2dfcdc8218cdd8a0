/**
 * Clinic zones the generators place horizons in, with the local dates of their
 * 2027 daylight-saving changes. Asia/Kolkata has none, but its +05:30 offset
 * makes the slot grid (counted from local midnight) differ from a UTC grid.
 */
export interface ZoneCase {
  zone: string;
  /** Local dates of DST changes in 2027 (spring-forward / fall-back order as they occur). */
  dstDates: string[];
}

export const ZONE_CASES: readonly ZoneCase[] = [
  { zone: 'America/New_York', dstDates: ['2027-03-14', '2027-11-07'] },
  { zone: 'Europe/Berlin', dstDates: ['2027-03-28', '2027-10-31'] },
  { zone: 'Australia/Sydney', dstDates: ['2027-04-04', '2027-10-03'] },
  // No DST: anchor horizons on arbitrary dates of the same season.
  { zone: 'Asia/Kolkata', dstDates: ['2027-03-14', '2027-10-31'] },
];

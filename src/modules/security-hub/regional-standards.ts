// Security Hub standards AWS does not offer in every region: the tool does not request them there, and the
// plan says so — the counterpart of guardduty/regional-features.ts. Source searched (2026-11): the Security
// Hub user guide's "Regional limits" pages ("Regional limits on Security Hub CSPM controls", per control, and
// the standards pages) and aws-facts.md §4. None of them names a standard the config can list (FSBP, CIS
// 1.2.0 / 1.4.0 / 3.0.0, NIST 800-53, PCI DSS) as unavailable in a commercial region, so the table is empty;
// add a row, with its source, when AWS documents one. A standard missing from a region's DescribeStandards
// catalogue still refuses the plan (standards.ts): that is AWS's own answer for the region.

/** Region → config keys of standards Security Hub does not offer there, with the source of each row. */
export const STANDARDS_NOT_OFFERED: Readonly<Record<string, readonly string[]>> = {}

export const SOURCE = 'Security Hub user guide, Regional limits'

/** Of the configured standards, those offered in `region` and those not (`table` for tests). */
export function splitOffered(
  keys: readonly string[],
  region: string,
  table: Readonly<Record<string, readonly string[]>> = STANDARDS_NOT_OFFERED,
): { offered: string[]; notOffered: string[] } {
  const missing = table[region] ?? []
  return {
    offered: keys.filter((k) => !missing.includes(k)),
    notOffered: keys.filter((k) => missing.includes(k)),
  }
}

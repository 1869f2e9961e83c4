// Security Hub standards AWS does not offer in every region: the tool does not request them there, and the
// plan says so — the counterpart of guardduty/regional-features.ts. Sources (searched 2026-11; the list is in
// src/sandbox/README.md): the user guide's "Availability of standards by Region" says every standard but the
// Control Tower service-managed one is available wherever Security Hub is; the one later regional note, on
// the AWS Resource Tagging Standard (not in ca-west-1, China, GovCloud), is for a standard the config cannot
// name. So no standard the config can list (FSBP, CIS 1.2.0 / 1.4.0 / 3.0.0, NIST 800-53, PCI DSS) has a row;
// add one, with its source, when AWS documents a gap. A standard missing from a region's DescribeStandards
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

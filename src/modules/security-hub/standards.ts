// Config keys for Security Hub standards, matched to AWS's catalogue by the path of the standard's ARN.
// The ARNs themselves are read with DescribeStandards (aws-facts §4: resolve at runtime, never hard-code):
// the path is stable, while the ARN's form (regional `standards/`, global `ruleset/` for CIS 1.2.0) is AWS's.
import type { SecurityHubStandard } from '../../config/schema.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import type { CatalogueEntry } from './observed.ts'

export const STANDARD_PATHS: Record<SecurityHubStandard, string> = {
  fsbp: 'aws-foundational-security-best-practices/v/1.0.0',
  'cis-1.2.0': 'cis-aws-foundations-benchmark/v/1.2.0',
  'cis-1.4.0': 'cis-aws-foundations-benchmark/v/1.4.0',
  'cis-3.0.0': 'cis-aws-foundations-benchmark/v/3.0.0',
  'nist-800-53': 'nist-800-53/v/5.0.0',
  'pci-dss': 'pci-dss/v/3.2.1',
}

export const standardPath = (arn: string) => arn.replace(/^.*?:(standards|ruleset)\//, '')

/** The ARNs of the configured standards in one region's catalogue; a standard AWS does not offer there refuses the plan. */
export function resolveStandards(
  keys: readonly SecurityHubStandard[],
  catalogue: CatalogueEntry[] | null,
  region: string,
): string[] | null {
  if (!catalogue) return null
  return keys.map((key) => {
    const entry = catalogue.find((c) => c.path === STANDARD_PATHS[key])
    if (!entry) {
      throw new PlanRefusal(
        `Security Hub in ${region} does not offer the standard "${key}" (${STANDARD_PATHS[key]}) — DescribeStandards lists ${catalogue.map((c) => c.path).join(', ') || 'nothing'}; remove it from securityHub.standards`,
      )
    }
    return entry.arn
  })
}

/** A readable name for an enabled standard: its config key, else the ARN path (a standard the config does not name). */
export function standardLabel(arn: string): string {
  const path = standardPath(arn)
  const key = (Object.keys(STANDARD_PATHS) as SecurityHubStandard[]).find((k) => STANDARD_PATHS[k] === path)
  return key ?? path
}

export const standardLabels = (arns: readonly string[]) => arns.map(standardLabel).sort()

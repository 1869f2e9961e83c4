// What observe learns about Security Hub, as plain data the pure diff reads. `null` means "absent in AWS";
// a value the tool could not read is never stored here — observe throws instead.
import type { SecurityHubStandard } from '../../config/schema.ts'

export type RegionLinkingMode =
  | 'ALL_REGIONS'
  | 'ALL_REGIONS_EXCEPT_SPECIFIED'
  | 'SPECIFIED_REGIONS'
  | 'NO_REGIONS'

export interface CatalogueEntry {
  arn: string
  /** The ARN's path after `standards/` or `ruleset/`, e.g. `cis-aws-foundations-benchmark/v/3.0.0`. */
  path: string
}

export interface OrgConfigurationObserved {
  configurationType: 'CENTRAL' | 'LOCAL'
  /** PENDING | ENABLED | FAILED for CENTRAL; LOCAL is always ENABLED. */
  status: string
  /** AWS's explanation when status is FAILED. */
  statusMessage?: string
  autoEnable: boolean
  autoEnableStandards: string
}

export interface RegionObserved {
  /** The Security Hub administrator designated in this region, if any. */
  admin: string | null
  /** Whether the security tooling account's hub is on here. */
  hub: boolean
  /** Read from the security tooling account when it is the administrator here; null otherwise. */
  orgConfig: OrgConfigurationObserved | null
  /** ARNs enabled in the security tooling account's hub (local configuration only); null without a hub. */
  enabledStandards: string[] | null
  /** DescribeStandards in this region, as the security tooling account; null before its hub is on, if AWS
   * answers "not subscribed" (the configured standards are then resolved when the policy is written). */
  catalogue: CatalogueEntry[] | null
}

export interface AggregatorObserved {
  arn: string
  region: string
  mode: RegionLinkingMode
  regions: string[]
}

export interface PolicyObserved {
  id: string
  arn: string
  name: string
  serviceEnabled: boolean
  standards: string[]
  /** The standards (config keys) the tool wrote last, recorded in the policy's description; null if none. */
  recorded: string[] | null
}

export interface AssociationObserved {
  /** Policy id, or SELF_MANAGED_SECURITY_HUB. */
  policyId: string
  associationType: 'APPLIED' | 'INHERITED'
  status: string
  /** AWS's explanation when status is FAILED. */
  statusMessage?: string
}

export interface CentralObserved {
  policy: PolicyObserved | null
  /** Target id (root or OU) → its association. */
  associations: Record<string, AssociationObserved>
}

export interface SecurityHubObserved {
  regions: Record<string, RegionObserved>
  aggregator: AggregatorObserved | null
  /** Read only when the organization already uses central configuration; null otherwise. */
  central: CentralObserved | null
}

export const POLICY_NAME = 'org-baseline'
export const SELF_MANAGED = 'SELF_MANAGED_SECURITY_HUB'

// The policy's description records the standards the tool last wrote (as SCPs record a content hash in a tag):
// AWS differing from it means someone edited the policy (drift); the record differing means the config changed.
const RECORD = /\(standards: ([^)]*)\)$/
export const policyDescription = (keys: readonly string[]) =>
  `Security Hub baseline, managed by org-baseline (standards: ${[...keys].sort().join(',')})`
export function recordedStandards(description: string | undefined): string[] | null {
  const found = description?.match(RECORD)
  return found ? (found[1] ?? '').split(',').filter(Boolean).sort() : null
}

export type StandardKey = SecurityHubStandard

// What the guardduty module reads from AWS, and the addresses of the changes it plans. The organization
// configuration is kept in one comparable shape (`OrgConfigState`) so plan, re-check and tests compare
// plain objects.
export type AutoEnableMode = 'ALL' | 'NEW' | 'NONE'

export const SERVICE_PRINCIPAL = 'guardduty.amazonaws.com'

/** The organization configuration as the plan shows it: auto-enable, each feature, each runtime agent. */
export interface OrgConfigState {
  autoEnable: AutoEnableMode
  features: Record<string, AutoEnableMode>
  /** AdditionalConfiguration of RUNTIME_MONITORING; present only when that feature is the one sent. */
  runtimeAgents?: Record<string, AutoEnableMode>
}

/** The organization configuration exactly as DescribeOrganizationConfiguration returned it. */
export interface ObservedOrgConfig {
  autoEnable: AutoEnableMode
  features: Record<string, AutoEnableMode>
  /** Feature name → additional configuration name → auto-enable. */
  additional: Record<string, Record<string, AutoEnableMode>>
}

/** A protection plan's status on one detector (GetDetector / UpdateDetector). */
export type FeatureStatus = 'ENABLED' | 'DISABLED'

/** The administrator's own detector as the plan shows it: each feature, each runtime agent. */
export interface DetectorFeaturesState {
  features: Record<string, FeatureStatus>
  /** AdditionalConfiguration of RUNTIME_MONITORING; present only when that feature is the one sent. */
  runtimeAgents?: Record<string, FeatureStatus>
}

/** The features of a detector exactly as GetDetector returned them (foundational sources included). */
export interface ObservedDetectorFeatures {
  features: Record<string, FeatureStatus>
  /** Feature name → additional configuration name → status. */
  additional: Record<string, Record<string, FeatureStatus>>
}

export type Membership = 'Enabled' | 'Removed' | 'none'

export interface RegionObserved {
  region: string
  /** Whether the configured administrator has this region enabled (opt-in regions only can be off). */
  adminRegionEnabled: boolean
  /** Accounts GuardDuty lists as organization admin here (ListOrganizationAdminAccounts, status ENABLED). */
  admins: string[]
  /** The configured administrator's detector here; null when it has none (or the region is off for it). */
  detectorId: string | null
  /** Read only when the configured account is admin here and has a detector; null otherwise. */
  orgConfig: ObservedOrgConfig | null
  /** The management account as the configured admin's member; null when it could not be read (no admin). */
  managementMember: Membership | null
  /** The configured admin's own detector features (organization auto-enable never covers them); read only
   * where it is admin and has a detector, null otherwise. */
  adminFeatures: ObservedDetectorFeatures | null
}

export interface GuardDutyObserved {
  regions: RegionObserved[]
  /** Accounts registered in Organizations as delegated administrator for guardduty.amazonaws.com. */
  registered: string[]
  /** Only when another admin is being replaced: non-target regions where it is still designated. */
  otherRegions: { region: string; admins: string[] }[]
}

export const adminAddress = (region: string) => `guardduty.admin[${region}]`
export const adminRemovalAddress = (region: string) => `guardduty.admin-removal[${region}]`
export const deregistrationAddress = (account: string) =>
  `guardduty.delegated-admin[${SERVICE_PRINCIPAL}→${account}]`
export const detectorAddress = (region: string) => `guardduty.detector[${region}]`
export const orgConfigAddress = (region: string) => `guardduty.org-config[${region}]`
export const adminDetectorAddress = (region: string) => `guardduty.admin-detector[${region}]`
export const managementMemberAddress = (region: string) => `guardduty.management-member[${region}]`

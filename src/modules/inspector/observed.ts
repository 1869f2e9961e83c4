// What the inspector module reads from AWS, and the addresses of the changes it plans. Auto-enable is kept
// as one flag per scan type the config can name (`AutoEnableState`), so plan, re-check and tests compare
// plain objects.
import type { InspectorScanType } from '../../config/schema.ts'

export const SERVICE_PRINCIPAL = 'inspector2.amazonaws.com'

/** Organization auto-enable per scan type (DescribeOrganizationConfiguration's autoEnable). */
export type AutoEnableState = Partial<Record<InspectorScanType, boolean>>

export interface RegionObserved {
  region: string
  /** Whether the configured administrator has this region enabled (opt-in regions only can be off). */
  adminRegionEnabled: boolean
  /** Accounts Inspector lists as delegated administrator here (ListDelegatedAdminAccounts, ENABLED). */
  admins: string[]
  /** Read only where the configured account is administrator; null otherwise. */
  autoEnable: AutoEnableState | null
}

/** One account whose scan types differ from the config in the region checked per account. */
export interface AccountGap {
  accountId: string
  /** False when the account is not associated with the administrator (BatchGetAccountStatus refuses it). */
  associated: boolean
  missing: InspectorScanType[]
  extra: InspectorScanType[]
}

export interface MemberCheck {
  region: string
  /** Accounts whose status was read. */
  checked: number
  gaps: AccountGap[]
}

export interface InspectorObserved {
  /** Accounts registered in Organizations as delegated administrator for inspector2.amazonaws.com. */
  registered: string[]
  /** Per region; empty when the module is off and nothing of it is left to remove. */
  regions: RegionObserved[]
  /** The per-account check (one region, see observe.ts); null when it could not be read. */
  memberCheck: MemberCheck | null
}

export const adminAddress = (region: string) => `inspector.admin[${region}]`
export const adminRemovalAddress = (region: string) => `inspector.admin-removal[${region}]`
export const deregistrationAddress = (account: string) =>
  `inspector.delegated-admin[${SERVICE_PRINCIPAL}→${account}]`
export const orgConfigAddress = (region: string) => `inspector.org-config[${region}]`
export const membersAddress = (region: string) => `inspector.members[${region}]`

// Which scan types each account has on, and to which administrator it belongs: stored for accounts an API
// call touched, derived for the rest from the auto-enable history (an account that joined the organization
// while auto-enable was on is associated and has the types auto-enable held then). Auto-enable covers new
// accounts only (API reference, UpdateOrganizationConfiguration: "scan types are enabled automatically for new
// members"); the management account never joins, so it is never auto-enabled; an opt-in region the account
// has not enabled is never reached (as GuardDuty here, aws-facts §3).
import type { World } from '../../state.ts'
import { type AccountRecord, FIELD_OF, type RegionState, SCAN_TYPES, type ScanType } from './state.ts'

function derived(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
): AccountRecord | undefined {
  const account = world.accounts.get(accountId)
  if (account?.status !== 'ACTIVE' || accountId === world.managementAccountId) return undefined
  if (!world.isRegionEnabled(accountId, region)) return undefined
  const joined = account.joinedAt.getTime()
  for (const epoch of rs.history) {
    if (epoch.admin === accountId) continue
    if (joined < epoch.from || joined > (epoch.to ?? Number.POSITIVE_INFINITY)) continue
    // Once that administrator is removed the account is standalone and keeps its scan types.
    const admin = rs.admin?.accountId === epoch.admin ? epoch.admin : undefined
    return { admin, enabled: new Set(epoch.types), updatedAt: account.joinedAt }
  }
  return undefined
}

/** An account's Inspector record in a region: stored, derived from auto-enable, or standalone and off. */
export function accountRecord(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
): AccountRecord {
  return (
    rs.accounts.get(accountId) ??
    derived(world, rs, region, accountId) ?? {
      admin: undefined,
      enabled: new Set(),
      updatedAt: world.clock.date(),
    }
  )
}

/** The record to change: stored from now on, starting from what was derived. */
export function writableRecord(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
): AccountRecord {
  let record = rs.accounts.get(accountId)
  if (!record) {
    const current = accountRecord(world, rs, region, accountId)
    record = { admin: current.admin, enabled: new Set(current.enabled), updatedAt: current.updatedAt }
    rs.accounts.set(accountId, record)
  }
  return record
}

/** Associated with the region's current administrator (its own account included). */
export function isManagedBy(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
  admin: string,
): boolean {
  if (accountId === admin) return true
  return accountRecord(world, rs, region, accountId).admin === admin
}

export const accountStatus = (record: AccountRecord) => (record.enabled.size > 0 ? 'ENABLED' : 'DISABLED')

/** ResourceStatus: each scan type's status. */
export function resourceStatus(record: AccountRecord): Record<string, string> {
  return Object.fromEntries(
    SCAN_TYPES.map((t: ScanType) => [FIELD_OF[t], record.enabled.has(t) ? 'ENABLED' : 'DISABLED']),
  )
}

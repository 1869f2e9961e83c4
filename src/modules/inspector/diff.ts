// The pure half of the inspector module: observed Inspector setup + config → changes, per region. Order in a
// region: the administrator, then existing accounts (members), then organization auto-enable — so that a
// region whose accounts were not all enabled still differs in auto-enable and is planned again. Turning the
// module off plans the reverse: auto-enable off, scan types off in existing accounts, the administrator
// removed in every region and deregistered once — all destructive.
// Drift, told without state of our own: auto-enable differing in a region while another target region
// matches the config (a config change shows in every region alike); the administrator missing in a region
// where it is designated elsewhere; accounts that differ in the region checked per account while that
// region's auto-enable matches the config.
import { isDeepStrictEqual } from 'node:util'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { weakening } from '../../engine/weakening.ts'
import { trustedAccessAddress } from '../trusted-access.ts'
import {
  type AccountGap,
  adminAddress,
  adminRemovalAddress,
  deregistrationAddress,
  type InspectorObserved,
  membersAddress,
  orgConfigAddress,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'
import { listedNotOffered } from './regional-features.ts'
import { desiredAutoEnable, projectAutoEnable, unwantedTypes, wantedTypes } from './settings.ts'
import { autoEnableWeakens, membersWeaken } from './weakening.ts'

const MODULE = 'inspector'

export interface AdminState {
  adminAccountId: string
}

/** What the members change makes true: these types on and those off in every target account. */
export interface MembersState {
  on: string[]
  off: string[]
}

const accountName = (desired: Desired, id: string) =>
  desired.org.accounts.find((a) => a.id === id)?.name ?? id

function autoEnableMatches(desired: Desired, r: RegionObserved): boolean {
  if (!r.autoEnable) return false
  const after = desiredAutoEnable(desired.config.inspector, r.region)
  return isDeepStrictEqual(projectAutoEnable(r.autoEnable, after), after)
}

const summary = (gaps: AccountGap[]) => {
  const ids = gaps.map((g) => g.accountId)
  return `${gaps.length} account(s)${ids.length ? ` (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` : ''}`
}

/** Another account designated (or registered) as administrator: removed in each region, then deregistered. */
function replacementChanges(desired: Desired, observed: InspectorObserved, keep: string | null): Change[] {
  const changes: Change[] = []
  for (const { region, admins } of observed.regions) {
    for (const old of admins.filter((id) => id !== keep)) {
      const ours = old === desired.securityTooling.id
      changes.push({
        address: adminRemovalAddress(region),
        module: MODULE,
        action: 'delete',
        account: desired.management.id,
        region,
        before: { adminAccountId: old },
        after: null,
        reason: ours
          ? `Inspector is off in the config: remove ${accountName(desired, old)} as Inspector delegated administrator in ${region} (accounts keep their scan settings as standalone accounts)`
          : `${accountName(desired, old)} (${old}) is the Inspector delegated administrator in ${region}, but the config names ${desired.securityTooling.name}: it is removed first (one administrator per organization)`,
        dependsOn: ours ? [orgConfigAddress(region), membersAddress(region)] : [],
        destructive: true,
      })
    }
  }
  const removals = changes.map((c) => c.address)
  const others = new Set(observed.registered.filter((id) => id !== keep))
  for (const c of changes) if (c.account && c.before) others.add((c.before as AdminState).adminAccountId)
  for (const old of [...others].sort()) {
    changes.push({
      address: deregistrationAddress(old),
      module: MODULE,
      action: 'delete',
      account: old,
      before: { servicePrincipal: SERVICE_PRINCIPAL, accountId: old },
      after: null,
      reason: `deregister ${accountName(desired, old)} (${old}) as delegated administrator for ${SERVICE_PRINCIPAL} in Organizations, once, after it is removed in every region`,
      dependsOn: removals,
      destructive: true,
    })
  }
  return changes
}

function regionChanges(
  desired: Desired,
  observed: InspectorObserved,
  r: RegionObserved,
  replacement: string[],
  elsewhere: { admin: boolean; config: boolean },
): Change[] {
  const config = desired.config.inspector
  const wanted = desired.securityTooling
  const { region } = r
  const changes: Change[] = []
  const designated = r.admins.includes(wanted.id)
  const adminDrift = !designated && elsewhere.admin
  const prerequisites: string[] = []
  if (!designated) {
    changes.push({
      address: adminAddress(region),
      module: MODULE,
      action: 'create',
      account: desired.management.id,
      region,
      before: null,
      after: { adminAccountId: wanted.id },
      reason: adminDrift
        ? `${wanted.name} is no longer the Inspector delegated administrator in ${region} (it still is in other regions): designate it again`
        : `designate ${wanted.name} as Inspector delegated administrator in ${region} (from the management account; Inspector administrators are per region)`,
      dependsOn: [trustedAccessAddress(SERVICE_PRINCIPAL), ...replacement],
      destructive: false,
      ...(adminDrift ? { drift: true } : {}),
    })
    prerequisites.push(adminAddress(region))
  }

  const after = desiredAutoEnable(config, region)
  const before = r.autoEnable ? projectAutoEnable(r.autoEnable, after) : null
  const configDiffers = !isDeepStrictEqual(before, after)
  const check = observed.memberCheck?.region === region ? observed.memberCheck : null
  const gaps = check?.gaps ?? []
  const on = wantedTypes(config, region)
  const off = unwantedTypes(config, region)
  if (configDiffers || gaps.length > 0) {
    const membersDrift = !configDiffers && gaps.length > 0
    changes.push({
      address: membersAddress(region),
      module: MODULE,
      action: 'update',
      account: wanted.id,
      region,
      // Read per account only in the region checked; elsewhere the tool reads at apply time.
      before: check ? { accountsDiffering: gaps.map((g) => g.accountId) } : null,
      after: { on, off } satisfies MembersState,
      reason: membersDrift
        ? `${summary(gaps)} in ${region} do not have the configured scan types (${on.join(', ') || 'none'} on${off.length ? `, ${off.join(', ')} off` : ''}): associated with ${wanted.name} and enabled again`
        : `make every existing account in ${region} scan ${on.join(', ') || 'nothing'}${off.length ? ` and not ${off.join(', ')}` : ''}: auto-enable covers only accounts that join later, so existing ones are associated with ${wanted.name} (AssociateMember) and enabled (Enable, 100 accounts per call)`,
      dependsOn: [...prerequisites],
      // Turning a type off weakens where it is known to be on: auto-enable had it, or an account read has it.
      ...weakening(
        membersWeaken(off.filter((t) => before?.[t] === true || gaps.some((g) => g.extra.includes(t)))),
      ),
      ...(membersDrift ? { drift: true } : {}),
    })
  }

  if (configDiffers) {
    const drift = before === null ? adminDrift : elsewhere.config
    changes.push({
      address: orgConfigAddress(region),
      module: MODULE,
      action: before === null ? 'create' : 'update',
      account: wanted.id,
      region,
      before,
      after,
      reason:
        before === null
          ? `set organization auto-enable in ${region} from ${wanted.name}: accounts that join later get ${on.join(', ') || 'no scan type'}${off.length ? ` (${off.join(', ')} off)` : ''}`
          : `organization auto-enable in ${region} differs from the config${drift ? ' while other regions match it' : ''}`,
      dependsOn: [...prerequisites, membersAddress(region)],
      ...weakening(autoEnableWeakens(before, after)),
      ...(drift ? { drift: true } : {}),
    })
  }
  return changes
}

/** The module turned off: auto-enable off and scan types off in existing accounts, then the admin removed. */
function teardownChanges(desired: Desired, observed: InspectorObserved): Change[] {
  const admin = desired.securityTooling
  const changes: Change[] = []
  for (const r of observed.regions) {
    if (!r.admins.includes(admin.id)) continue
    const after = desiredAutoEnable(desired.config.inspector, r.region)
    const before = r.autoEnable ? projectAutoEnable(r.autoEnable, after) : null
    const off = unwantedTypes(desired.config.inspector, r.region)
    if (!isDeepStrictEqual(before, after))
      changes.push({
        address: orgConfigAddress(r.region),
        module: MODULE,
        action: 'update',
        account: admin.id,
        region: r.region,
        before,
        after,
        reason: `Inspector is off in the config: organization auto-enable off in ${r.region}`,
        dependsOn: [],
        ...weakening(autoEnableWeakens(before, after)),
        destructive: true,
      })
    changes.push({
      address: membersAddress(r.region),
      module: MODULE,
      action: 'update',
      account: admin.id,
      region: r.region,
      before: null,
      after: { on: [], off } satisfies MembersState,
      reason: `Inspector is off in the config: scanning off (${off.join(', ')}) in every existing account in ${r.region}`,
      dependsOn: [orgConfigAddress(r.region)],
      ...weakening(membersWeaken(off)),
      destructive: true,
    })
  }
  return [...changes, ...replacementChanges(desired, observed, null)]
}

/** Drops waits on this module's changes that are not planned (already true); other modules' stay. */
function withinPlan(changes: Change[]): Change[] {
  const planned = new Set(changes.map((c) => c.address))
  return changes.map((c) => ({
    ...c,
    dependsOn: c.dependsOn.filter((d) => !d.startsWith(`${MODULE}.`) || planned.has(d)),
  }))
}

export function diffInspector(desired: Desired, observed: InspectorObserved): Change[] {
  if (!desired.config.inspector.enabled) return withinPlan(teardownChanges(desired, observed))
  const admin = desired.securityTooling.id
  const replacement = replacementChanges(desired, observed, admin)
  const deregistrations = replacement
    .filter((c) => c.address.startsWith('inspector.delegated-admin['))
    .map((c) => c.address)
  const active = observed.regions.filter((r) => r.adminRegionEnabled)
  const changes = [...replacement]
  for (const r of active) {
    const others = active.filter((o) => o !== r)
    const elsewhere = {
      admin: others.some((o) => o.admins.includes(admin)),
      config: others.some((o) => autoEnableMatches(desired, o)),
    }
    const removal = replacement.some((c) => c.address === adminRemovalAddress(r.region))
    changes.push(
      ...regionChanges(
        desired,
        observed,
        r,
        [...deregistrations, ...(removal ? [adminRemovalAddress(r.region)] : [])],
        elsewhere,
      ),
    )
  }
  return withinPlan(changes)
}

export function inspectorNotes(desired: Desired, observed: InspectorObserved): Note[] {
  const config = desired.config.inspector
  if (!config.enabled) return []
  const admin = desired.securityTooling
  const notes: Note[] = observed.regions
    .filter((r) => !r.adminRegionEnabled)
    .map((r) => ({
      module: MODULE,
      level: 'warning' as const,
      region: r.region,
      account: admin.id,
      message: `${admin.name} (${admin.id}) has not enabled ${r.region}: Inspector is not set up there until it does`,
    }))
  for (const region of desired.regions) {
    const missing = listedNotOffered(config.scanTypes, region)
    if (missing.length === 0) continue
    notes.push({
      module: MODULE,
      level: 'info',
      region,
      message: `Inspector does not offer ${missing.join(', ')} scanning in ${region} (Inspector user guide, Regions and endpoints → Region-specific feature availability): neither turned on nor off there`,
    })
  }
  const check = observed.memberCheck
  const others = desired.regions.length - (check ? 1 : 0)
  notes.push({
    module: MODULE,
    level: 'info',
    message: check
      ? `Inspector: each account's scan types are read in ${check.region} only (${check.checked} accounts, BatchGetAccountStatus 100 per call). In the other ${others} region(s) the plan verifies the administrator and organization auto-enable, not each account: an account switched off there by hand is not seen until its region is set up again`
      : 'Inspector: scan types per account were not read (no administrator in the region checked per account yet)',
  })
  return notes
}

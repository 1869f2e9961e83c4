// The pure half of the guardduty module: observed GuardDuty setup + config → changes, per region.
// Drift (AWS moved away from what the tool made true) is told without any state of our own:
//  - organization auto-enable NONE: the tool only ever writes ALL or NEW, so NONE is always a repair;
//  - a region that differs while another target region already matches the config: a config change would
//    show in every region alike, so a difference in some regions only means those regions moved;
//  - the admin (or its detector) missing in a region where the admin is designated elsewhere;
//  - the admin's own detector features differing in a region while another target region matches the
//    config (organization auto-enable never covers the admin's own detector, so they are planned apart).
import { isDeepStrictEqual } from 'node:util'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { weakening } from '../../engine/weakening.ts'
import { trustedAccessAddress } from '../trusted-access.ts'
import {
  adminAddress,
  adminDetectorAddress,
  adminRemovalAddress,
  type DetectorFeaturesState,
  deregistrationAddress,
  detectorAddress,
  type GuardDutyObserved,
  managementMemberAddress,
  type OrgConfigState,
  orgConfigAddress,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'
import { listedNotOffered } from './regional-features.ts'
import {
  desiredDetectorFeatures,
  desiredOrgConfig,
  projectDetectorFeatures,
  projectOrgConfig,
} from './settings.ts'
import { detectorWeakens, orgConfigWeakens } from './weakening.ts'

const MODULE = 'guardduty'

export interface AdminState {
  adminAccountId: string
}

export interface MemberState {
  accountId: string
  relationship: 'Enabled' | 'Removed'
}

const accountName = (desired: Desired, id: string) =>
  desired.org.accounts.find((a) => a.id === id)?.name ?? id

function matchesConfig(desired: Desired, r: RegionObserved): boolean {
  if (!r.orgConfig) return false
  const after = desiredOrgConfig(desired.config.guardDuty, r.orgConfig, r.region)
  return isDeepStrictEqual(projectOrgConfig(r.orgConfig, after), after)
}

function adminDetectorMatches(desired: Desired, r: RegionObserved): boolean {
  if (!r.adminFeatures) return false
  const after = desiredDetectorFeatures(desired.config.guardDuty, r.adminFeatures, r.region)
  return isDeepStrictEqual(projectDetectorFeatures(r.adminFeatures, after), after)
}

/** Removing another admin: in every region it holds, then its Organizations registration once. */
function replacementChanges(desired: Desired, observed: GuardDutyObserved): Change[] {
  const wanted = desired.securityTooling
  const changes: Change[] = []
  const holders = [...observed.regions, ...observed.otherRegions]
  for (const { region, admins } of holders) {
    for (const old of admins.filter((id) => id !== wanted.id)) {
      changes.push({
        address: adminRemovalAddress(region),
        module: MODULE,
        action: 'delete',
        account: old,
        region,
        before: { adminAccountId: old },
        after: null,
        reason: `${accountName(desired, old)} (${old}) is the GuardDuty admin in ${region}, but the config names ${wanted.name}: its members are disassociated and deleted, then it is disabled as admin (AWS's order for changing the admin; member detectors stay on)`,
        dependsOn: [],
        destructive: true,
      })
    }
  }
  const removals = changes.map((c) => c.address)
  const registeredOthers = new Set(observed.registered.filter((id) => id !== wanted.id))
  for (const c of changes) if (c.account) registeredOthers.add(c.account)
  for (const old of [...registeredOthers].sort()) {
    changes.push({
      address: deregistrationAddress(old),
      module: MODULE,
      action: 'delete',
      account: old,
      before: { servicePrincipal: SERVICE_PRINCIPAL, accountId: old },
      after: null,
      reason: `deregister ${accountName(desired, old)} (${old}) as delegated administrator for ${SERVICE_PRINCIPAL} in Organizations, once, after it is disabled in every region: GuardDuty allows one admin per organization`,
      dependsOn: removals,
      destructive: true,
    })
  }
  return changes
}

function regionChanges(
  desired: Desired,
  r: RegionObserved,
  replacement: string[],
  elsewhere: { admin: boolean; config: boolean; adminDetector: boolean },
): Change[] {
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
        ? `${wanted.name} is no longer the GuardDuty admin in ${region} (it still is in other regions): designate it again`
        : `designate ${wanted.name} as GuardDuty organization admin in ${region} (from the management account; GuardDuty admins are per region)`,
      dependsOn: [trustedAccessAddress(SERVICE_PRINCIPAL), ...replacement],
      destructive: false,
      ...(adminDrift ? { drift: true } : {}),
    })
    prerequisites.push(adminAddress(region))
  }

  if (r.detectorId === null) {
    changes.push({
      address: detectorAddress(region),
      module: MODULE,
      action: 'create',
      account: wanted.id,
      region,
      before: null,
      after: { enabled: true },
      reason: designated
        ? `${wanted.name} is GuardDuty admin in ${region} but has no detector there: it cannot act as admin without one`
        : `GuardDuty must be on for ${wanted.name} in ${region} (designation enables it only where it is made; created if it is still missing)`,
      dependsOn: [...prerequisites],
      destructive: false,
      ...(designated ? { drift: true } : {}),
    })
  }
  prerequisites.push(...(r.detectorId === null ? [detectorAddress(region)] : []))

  const after = desiredOrgConfig(desired.config.guardDuty, r.orgConfig, r.region)
  const before: OrgConfigState | null = r.orgConfig ? projectOrgConfig(r.orgConfig, after) : null
  if (!isDeepStrictEqual(before, after)) {
    const drift = before === null ? adminDrift : before.autoEnable === 'NONE' || elsewhere.config
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
          ? `set the organization configuration in ${region} from ${wanted.name}: auto-enable ${after.autoEnable} for members, features as configured (unlisted ones NONE)`
          : before.autoEnable === 'NONE'
            ? `organization auto-enable is NONE in ${region}: new and existing members are not protected`
            : `organization features in ${region} differ from the config${drift ? ' while other regions match it' : ''}`,
      dependsOn: [...prerequisites],
      ...weakening(orgConfigWeakens(before, after)),
      ...(drift ? { drift: true } : {}),
    })
  }

  const detectorAfter = desiredDetectorFeatures(desired.config.guardDuty, r.adminFeatures, r.region)
  const detectorBefore: DetectorFeaturesState | null = r.adminFeatures
    ? projectDetectorFeatures(r.adminFeatures, detectorAfter)
    : null
  if (!isDeepStrictEqual(detectorBefore, detectorAfter)) {
    const drift = detectorBefore === null ? adminDrift : elsewhere.adminDetector
    changes.push({
      address: adminDetectorAddress(region),
      module: MODULE,
      action: detectorBefore === null ? 'create' : 'update',
      account: wanted.id,
      region,
      before: detectorBefore,
      after: detectorAfter,
      reason:
        detectorBefore === null
          ? `set the features of ${wanted.name}'s own detector in ${region} as configured (unlisted ones DISABLED): organization auto-enable never covers the admin itself`
          : `the features of ${wanted.name}'s own detector in ${region} differ from the config${drift ? ' while other regions match it' : ''} (organization auto-enable never covers the admin itself)`,
      dependsOn: [...prerequisites],
      ...weakening(detectorWeakens(detectorBefore, detectorAfter)),
      ...(drift ? { drift: true } : {}),
    })
  }

  const management = desired.management
  const excluded = desired.excludedAccounts.some((a) => a.id === management.id)
  if (!excluded && r.managementMember !== 'Enabled') {
    const removed = r.managementMember === 'Removed'
    changes.push({
      address: managementMemberAddress(region),
      module: MODULE,
      action: removed ? 'update' : 'create',
      account: wanted.id,
      region,
      before: removed ? { accountId: management.id, relationship: 'Removed' } : null,
      after: { accountId: management.id, relationship: 'Enabled' },
      reason:
        r.managementMember === null
          ? `add the management account as a GuardDuty member in ${region} (auto-enable never covers it; added if missing once ${wanted.name} is admin)`
          : `the management account is ${removed ? 'disassociated from' : 'not a member of'} ${wanted.name} in ${region}: auto-enable never covers it, so it is added with CreateMembers`,
      dependsOn: [...prerequisites],
      destructive: false,
      ...(removed ? { drift: true } : {}),
    })
  }
  return changes
}

export function diffGuardDuty(desired: Desired, observed: GuardDutyObserved): Change[] {
  const replacement = replacementChanges(desired, observed)
  const deregistrations = replacement
    .filter((c) => c.address.startsWith('guardduty.delegated-admin['))
    .map((c) => c.address)
  const active = observed.regions.filter((r) => r.adminRegionEnabled)
  const changes = [...replacement]
  for (const r of active) {
    const others = active.filter((o) => o !== r)
    const elsewhere = {
      admin: others.some((o) => o.admins.includes(desired.securityTooling.id)),
      config: others.some((o) => matchesConfig(desired, o)),
      adminDetector: others.some((o) => adminDetectorMatches(desired, o)),
    }
    const removal = replacement.some((c) => c.address === adminRemovalAddress(r.region))
    changes.push(
      ...regionChanges(
        desired,
        r,
        [...deregistrations, ...(removal ? [adminRemovalAddress(r.region)] : [])],
        elsewhere,
      ),
    )
  }
  return changes
}

export function guardDutyNotes(desired: Desired, observed: GuardDutyObserved): Note[] {
  const admin = desired.securityTooling
  const notes: Note[] = observed.regions
    .filter((r) => !r.adminRegionEnabled)
    .map((r) => ({
      module: MODULE,
      level: 'warning' as const,
      region: r.region,
      account: admin.id,
      message: `${admin.name} (${admin.id}) has not enabled ${r.region}: GuardDuty is not set up there until it does (Account settings → Regions in that account)`,
    }))
  for (const region of desired.regions) {
    const missing = listedNotOffered(desired.config.guardDuty.features, region)
    if (missing.length === 0) continue
    notes.push({
      module: MODULE,
      level: 'info',
      region,
      message: `GuardDuty does not offer ${missing.join(', ')} in ${region} (GuardDuty user guide, Regions and endpoints → Region-specific feature availability): not requested there`,
    })
  }
  const excludedOus = new Set(desired.excludedOus.map((o) => o.label))
  const excludedActive = desired.org.accounts.filter(
    (a) =>
      a.status === 'ACTIVE' &&
      a.id !== desired.management.id &&
      (desired.excludedAccounts.some((x) => x.id === a.id) ||
        [...excludedOus].some((path) => a.path === path || a.path.startsWith(`${path}/`))),
  )
  if (excludedActive.length > 0 && desired.config.guardDuty.autoEnable === 'ALL') {
    notes.push({
      module: MODULE,
      level: 'info',
      message: `GuardDuty auto-enable ALL reaches every active account: the ${excludedActive.length} excluded account(s) are still GuardDuty members (organization auto-enable has no exclusions)`,
    })
  }
  return notes
}

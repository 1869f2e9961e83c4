// Derived views: which accounts are members and which have detectors, computed from the organization and the
// auto-enable history instead of stored per account. Auto-enable takes effect at once here, except that in
// eventual mode ALL reaches existing members only after a delay (AWS: "can take up to 24 hours"); opt-in regions an account has not enabled are never reached (aws-facts §3,
// open item 6: assumed no), and the management account is never auto-enabled (it must be added with
// CreateMembers — GuardDuty user guide, "Managing accounts with AWS Organizations").
import { createHash } from 'node:crypto'
import { EVENTUAL } from '../../consistency.ts'
import type { Account, World } from '../../state.ts'
import { additionalConfigurationsOf, type DetectorFeatureSetting, ORG_FEATURES } from './features.ts'
import type { Detector, MemberRecord, RegionState } from './state.ts'

export interface MemberView {
  accountId: string
  email: string
  relationship: 'Enabled' | 'Removed'
  invitedAt: Date
  updatedAt: Date
  admin: string
}

/** The earliest moment auto-enable reached this account, or undefined when it never did. */
function autoEnabledSince(
  world: World,
  rs: RegionState,
  region: string,
  account: Account,
  admin?: string,
): number | undefined {
  if (account.status !== 'ACTIVE') return undefined
  if (account.id === world.managementAccountId) return undefined
  if (!world.isRegionEnabled(account.id, region)) return undefined
  const joined = account.joinedAt.getTime()
  for (const epoch of rs.autoEnableHistory) {
    if (admin !== undefined && epoch.admin !== admin) continue
    if (account.id === epoch.admin) continue
    const end = epoch.to ?? Number.POSITIVE_INFINITY
    if (epoch.mode === 'ALL' && joined <= end) {
      // Existing members: "may take up to 24 hours" — in eventual mode a delay fixed per account and region.
      if (joined >= epoch.from) return joined
      const since =
        epoch.from + world.consistency.delayFor(`${account.id}/${region}`, EVENTUAL.guardDutyExistingMembers)
      if (since <= Math.min(end, world.clock.now())) return since
      if (since > world.clock.now()) world.consistency.note('guardduty-auto-enable-pending')
      continue
    }
    if (epoch.mode === 'NEW' && joined >= epoch.from && joined <= end) return joined
  }
  return undefined
}

/** The current administrator's member record for an account, stored or implied by auto-enable. */
export function memberView(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
): MemberView | undefined {
  const admin = rs.admin?.accountId
  if (!admin) return undefined
  const stored: MemberRecord | undefined = rs.members.get(accountId)
  if (stored && stored.admin === admin) {
    if (stored.kind === 'deleted') return undefined
    return { accountId, ...stored }
  }
  const account = world.accounts.get(accountId)
  if (!account) return undefined
  const since = autoEnabledSince(world, rs, region, account, admin)
  if (since === undefined) return undefined
  const at = new Date(since)
  return { accountId, email: account.email, relationship: 'Enabled', invitedAt: at, updatedAt: at, admin }
}

/** Every member of the current administrator, sorted by account id. */
export function allMembers(world: World, rs: RegionState, region: string): MemberView[] {
  const ids = new Set<string>(world.accounts.keys())
  for (const id of rs.members.keys()) ids.add(id)
  const out: MemberView[] = []
  for (const id of [...ids].sort()) {
    const m = memberView(world, rs, region, id)
    if (m) out.push(m)
  }
  return out
}

export function newDetectorId(seed: string): string {
  return createHash('md5').update(seed).digest('hex')
}

/**
 * Features of a detector GuardDuty enabled for the organization. Without `memberSince`: what the feature
 * auto-enable says now (a member added now). With it: whether any ALL period reached the member, or a NEW
 * period began before it joined — switching a feature to NONE leaves existing members as they were.
 */
export function featuresFromOrganization(
  rs: RegionState,
  at: Date,
  memberSince?: number,
): Map<string, DetectorFeatureSetting> {
  const features = new Map<string, DetectorFeatureSetting>()
  for (const name of ORG_FEATURES) {
    // The older runtime-monitoring name shows only where the organization still configures it.
    if (name === 'EKS_RUNTIME_MONITORING' && !rs.features.has(name)) continue
    const org = rs.features.get(name)
    const on =
      org !== undefined &&
      (memberSince === undefined
        ? org.autoEnable !== 'NONE'
        : org.history.some((p) =>
            p.mode === 'ALL'
              ? memberSince <= (p.to ?? Number.POSITIVE_INFINITY)
              : memberSince >= p.from && memberSince <= (p.to ?? Number.POSITIVE_INFINITY),
          ))
    const additional = new Map<string, { status: 'ENABLED' | 'DISABLED'; updatedAt: Date }>()
    for (const a of additionalConfigurationsOf(name)) {
      const aOn = on && (org?.additional.get(a) ?? 'NONE') !== 'NONE'
      additional.set(a, { status: aOn ? 'ENABLED' : 'DISABLED', updatedAt: at })
    }
    features.set(name, { status: on ? 'ENABLED' : 'DISABLED', updatedAt: at, additional })
  }
  return features
}

/** An account's detector in a region: stored, or implied by auto-enable (under any administrator, since
 * removing or changing the administrator does not disable GuardDuty in members — aws-facts §3). */
export function detectorView(
  world: World,
  rs: RegionState,
  region: string,
  accountId: string,
): Detector | undefined {
  if (rs.detectors.has(accountId)) return rs.detectors.get(accountId) ?? undefined
  const account = world.accounts.get(accountId)
  if (!account) return undefined
  const since = autoEnabledSince(world, rs, region, account)
  if (since === undefined) return undefined
  const at = new Date(since)
  return {
    id: newDetectorId(`${accountId}:${region}`),
    createdAt: at,
    updatedAt: at,
    status: 'ENABLED',
    findingPublishingFrequency: 'SIX_HOURS',
    features: featuresFromOrganization(rs, at, since),
    tags: {},
  }
}

/** Stores a derived detector so a change to it persists. */
export function materializeDetector(rs: RegionState, accountId: string, detector: Detector): Detector {
  rs.detectors.set(accountId, detector)
  return detector
}

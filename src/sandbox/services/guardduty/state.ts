// GuardDuty's own state, per region. Only what callers wrote is stored: detectors created or changed by an
// API call, members added by CreateMembers or changed afterwards, and the history of the organization's
// auto-enable setting. Everything auto-enable implies for thousands of accounts is derived from that history
// when read (membership.ts), so 5,000 accounts × 17 regions cost nothing until someone looks.
import type { World } from '../../state.ts'
import type { AutoEnable, DetectorFeatureSetting, OrgFeatureSetting } from './features.ts'

export interface Detector {
  id: string
  createdAt: Date
  updatedAt: Date
  status: 'ENABLED' | 'DISABLED'
  findingPublishingFrequency: string
  features: Map<string, DetectorFeatureSetting>
  tags: Record<string, string>
  /** UpdateMalwareScanSettings (GuardDuty Malware Protection for EC2): snapshot retention, which instances. */
  malwareScanSettings?: { ebsSnapshotPreservation?: string; scanResourceCriteria?: unknown }
}

export type RelationshipStatus = 'Enabled' | 'Removed'

export type MemberRecord =
  | {
      kind: 'member'
      admin: string
      email: string
      relationship: RelationshipStatus
      invitedAt: Date
      updatedAt: Date
    }
  /** Deleted by the administrator: hides a member that auto-enable would otherwise imply. */
  | { kind: 'deleted'; admin: string }

/** One period during which the organization's auto-enable setting held a value, under one administrator. */
export interface AutoEnableEpoch {
  admin: string
  mode: AutoEnable
  from: number
  to: number | undefined
}

export interface RegionState {
  admin: { accountId: string; since: Date } | undefined
  /** Detectors written by API calls; `null` marks a deleted detector that auto-enable history would imply. */
  detectors: Map<string, Detector | null>
  autoEnableHistory: AutoEnableEpoch[]
  /** The organization's feature auto-enable settings (kept across admin changes, as AWS keeps them per region). */
  features: Map<string, OrgFeatureSetting>
  members: Map<string, MemberRecord>
}

export interface GuardDutyState {
  regions: Map<string, RegionState>
}

export const SLICE_KEY = 'guardduty'

export function guardDutyState(world: World): GuardDutyState {
  return world.slice(SLICE_KEY, () => ({ regions: new Map<string, RegionState>() }))
}

export function regionState(world: World, region: string): RegionState {
  const state = guardDutyState(world)
  let rs = state.regions.get(region)
  if (!rs) {
    rs = {
      admin: undefined,
      detectors: new Map(),
      autoEnableHistory: [],
      features: new Map(),
      members: new Map(),
    }
    state.regions.set(region, rs)
  }
  return rs
}

/** The current auto-enable mode of the region's administrator (NONE when never set). */
export function currentAutoEnable(rs: RegionState): AutoEnable {
  const last = rs.autoEnableHistory.at(-1)
  return last && last.to === undefined && last.admin === rs.admin?.accountId ? last.mode : 'NONE'
}

/** Records a new auto-enable mode; the previous period ends now. */
export function setAutoEnable(rs: RegionState, admin: string, mode: AutoEnable, now: number): void {
  const last = rs.autoEnableHistory.at(-1)
  if (last && last.to === undefined) {
    if (last.mode === mode && last.admin === admin) return
    last.to = now
  }
  if (mode !== 'NONE') rs.autoEnableHistory.push({ admin, mode, from: now, to: undefined })
}

/** Closes the open auto-enable period (the administrator was removed). */
export function closeAutoEnable(rs: RegionState, now: number): void {
  const last = rs.autoEnableHistory.at(-1)
  if (last && last.to === undefined) last.to = now
}

// Security Hub's own state. Hubs and standards subscriptions are stored per account and region only where an
// API call created them; what central configuration implies for thousands of accounts is derived when read
// (policy-associations.ts), never fanned out.
import type { World } from '../../state.ts'

export interface StandardsSubscription {
  subscriptionArn: string
  standardsArn: string
  input: Record<string, string>
  /** Simulated epoch ms the subscription was requested; it turns READY a while later. */
  requestedAt: number
}

export interface Hub {
  subscribedAt: Date
  autoEnableControls: boolean
  controlFindingGenerator: 'SECURITY_CONTROL' | 'STANDARD_CONTROL'
  standards: Map<string, StandardsSubscription>
  tags: Record<string, string>
}

export type RegionLinkingMode =
  | 'ALL_REGIONS'
  | 'ALL_REGIONS_EXCEPT_SPECIFIED'
  | 'SPECIFIED_REGIONS'
  | 'NO_REGIONS'

export interface FindingAggregator {
  arn: string
  account: string
  homeRegion: string
  mode: RegionLinkingMode
  regions: string[]
}

export interface LocalConfiguration {
  autoEnable: boolean
  autoEnableStandards: 'DEFAULT' | 'NONE'
}

/** One period during which LOCAL auto-enable was on in a region, under one administrator. */
export interface AutoEnableEpoch {
  admin: string
  standards: 'DEFAULT' | 'NONE'
  from: number
  to: number | undefined
}

/** A member association the administrator made with CreateMembers (auto-enabled members are derived). */
export interface MemberRecord {
  admin: string
  email: string
  status: 'Enabled'
  invitedAt: Date
  updatedAt: Date
}

export interface CentralConfiguration {
  admin: string
  homeRegion: string
  /** Simulated epoch ms the switch to CENTRAL was requested: PENDING until it settles. */
  requestedAt: number
  /** Eventual mode: why it went FAILED, decided once when it settled (central.ts). */
  failure?: string | undefined
  settled?: boolean
}

export interface ConfigurationPolicy {
  id: string
  arn: string
  name: string
  description: string | undefined
  policy: { SecurityHub: Record<string, unknown> }
  createdAt: Date
  updatedAt: Date
  tags: Record<string, string>
}

export type TargetType = 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' | 'ROOT'

export interface Association {
  targetId: string
  targetType: TargetType
  /** A policy id, or SELF_MANAGED_SECURITY_HUB. */
  policyId: string
  /** Simulated epoch ms of the request; the association is PENDING until it settles. */
  requestedAt: number
  /** Eventual mode: why it went FAILED, decided once when it settled (central.ts). */
  failure?: string | undefined
  settled?: boolean
}

export interface SecurityHubState {
  admins: Map<string, { accountId: string; since: Date }>
  hubs: Map<string, Hub>
  /** At most one aggregator per account (it lives in the home region). */
  aggregators: Map<string, FindingAggregator>
  local: Map<string, LocalConfiguration>
  /** Region → the periods LOCAL auto-enable was on (members.ts derives who joined during one). */
  autoEnableHistory: Map<string, AutoEnableEpoch[]>
  /** hubKey(member, region) → the association CreateMembers made. */
  members: Map<string, MemberRecord>
  /** Whether accounts joining the organization are watched for auto-enable (auto-enable.ts). */
  joiningWired?: boolean
  central: CentralConfiguration | undefined
  policies: Map<string, ConfigurationPolicy>
  associations: Map<string, Association>
}

export const SLICE_KEY = 'securityhub'

export function securityHubState(world: World): SecurityHubState {
  return world.slice(SLICE_KEY, () => ({
    admins: new Map(),
    hubs: new Map(),
    aggregators: new Map(),
    local: new Map(),
    autoEnableHistory: new Map(),
    members: new Map(),
    central: undefined,
    policies: new Map(),
    associations: new Map(),
  }))
}

export const hubKey = (account: string, region: string) => `${account}|${region}`

export const SELF_MANAGED = 'SELF_MANAGED_SECURITY_HUB'

/** Simulated durations of Security Hub's asynchronous changes (AWS publishes none; chosen short). */
export const DURATIONS = {
  standardsReadyMs: 60_000,
  centralConfigurationMs: 120_000,
  associationMs: 60_000,
}

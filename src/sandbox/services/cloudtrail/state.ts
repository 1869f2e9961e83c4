import type { World } from '../../state.ts'

export const CLOUDTRAIL_PRINCIPAL = 'cloudtrail.amazonaws.com'

export interface BasicEventSelector {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All'
  IncludeManagementEvents: boolean
  DataResources: Array<{ Type: string; Values: string[] }>
  ExcludeManagementEventSources: string[]
}

export interface AdvancedEventSelector {
  Name?: string
  FieldSelectors: Array<Record<string, unknown> & { Field: string }>
}

export interface Trail {
  name: string
  /** The account that owns it: the management account for organization trails, even when a DA made them. */
  owner: string
  homeRegion: string
  arn: string
  s3BucketName: string
  s3KeyPrefix?: string
  snsTopicName?: string
  includeGlobalServiceEvents: boolean
  isMultiRegionTrail: boolean
  logFileValidationEnabled: boolean
  cloudWatchLogsLogGroupArn?: string
  cloudWatchLogsRoleArn?: string
  kmsKeyId?: string
  isOrganizationTrail: boolean
  logging: boolean
  startLoggingTime?: Date
  stopLoggingTime?: Date
  eventSelectors?: BasicEventSelector[]
  advancedEventSelectors?: AdvancedEventSelector[]
  hasCustomEventSelectors: boolean
  tags: Map<string, string>
  createdAt: Date
}

export interface EventDataStore {
  id: string
  arn: string
  name: string
  owner: string
  region: string
  advancedEventSelectors: AdvancedEventSelector[]
  multiRegionEnabled: boolean
  organizationEnabled: boolean
  retentionPeriod: number
  terminationProtectionEnabled: boolean
  billingMode: 'EXTENDABLE_RETENTION_PRICING' | 'FIXED_RETENTION_PRICING'
  kmsKeyId?: string
  ingestion: boolean
  createdAt: Date
  updatedAt: Date
  deletedAt?: Date
  tags: Map<string, string>
}

export interface CloudTrailState {
  /** Trails by owner account. */
  trails: Map<string, Trail[]>
  /** Event data stores by ARN. */
  stores: Map<string, EventDataStore>
}

export function cloudTrailState(world: World): CloudTrailState {
  return world.slice<CloudTrailState>('cloudtrail', () => ({ trails: new Map(), stores: new Map() }))
}

export function ownedTrails(world: World, owner: string): Trail[] {
  return cloudTrailState(world).trails.get(owner) ?? []
}

export function trailArn(region: string, owner: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${owner}:trail/${name}`
}

/** Whether an account belongs to the organization and may therefore see its organization trails. */
export function isOrganizationMember(world: World, account: string): boolean {
  const found = world.accounts.get(account)
  return found !== undefined && found.status !== 'PENDING_CLOSURE'
}

/** A trail exists in a region when that is its home region, or everywhere when it is multi-region. */
export const appliesIn = (trail: Trail, region: string) =>
  trail.homeRegion === region || trail.isMultiRegionTrail

/**
 * The trails an account sees in a region, each marked shadow or not. A shadow trail is a multi-region trail
 * seen outside its home region, or an organization trail seen from a member account (DescribeTrails model doc).
 */
export function visibleTrails(
  world: World,
  account: string,
  region: string,
): Array<{ trail: Trail; shadow: boolean }> {
  const own = ownedTrails(world, account)
    .filter((t) => appliesIn(t, region))
    .map((trail) => ({ trail, shadow: trail.homeRegion !== region }))
  if (account === world.managementAccountId || !isOrganizationMember(world, account)) return own
  const org = ownedTrails(world, world.managementAccountId)
    .filter((t) => t.isOrganizationTrail && appliesIn(t, region))
    .map((trail) => ({ trail, shadow: true }))
  return [...own, ...org]
}

/** Time of the latest log delivery: CloudTrail delivers about every 5 minutes while logging. */
export function latestDelivery(trail: Trail, now: number): Date | undefined {
  if (!trail.logging || !trail.startLoggingTime) return undefined
  const elapsed = now - trail.startLoggingTime.getTime()
  if (elapsed < DELIVERY_INTERVAL_MS) return undefined
  return new Date(
    trail.startLoggingTime.getTime() + Math.floor(elapsed / DELIVERY_INTERVAL_MS) * DELIVERY_INTERVAL_MS,
  )
}

export const DELIVERY_INTERVAL_MS = 5 * 60_000

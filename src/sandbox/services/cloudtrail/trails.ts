// Trails: create, update, delete and look them up by name or ARN with CloudTrail's rules — 5 trails per
// region (a multi-region trail counts in every region), writes only from the home region, organization
// trails only from the management account or a CloudTrail delegated administrator (aws-facts §6).

import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { checkTrailDelivery } from './delivery.ts'
import {
  appliesIn,
  CLOUDTRAIL_PRINCIPAL,
  cloudTrailState,
  isOrganizationMember,
  ownedTrails,
  type Trail,
  trailArn,
  visibleTrails,
} from './state.ts'

const MAX_TRAILS_PER_REGION = 5
const MAX_TAGS = 50
const TRAIL_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/
const TRAIL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,126})[A-Za-z0-9]$/
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const KMS_KEY = /^(arn:aws:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+|alias\/.+|[0-9a-f-]{36}|mrk-[0-9a-f]{32})$/
const LOG_GROUP_ARN = /^arn:aws:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+:\*$/
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\-/]+$/

export interface Caller {
  world: World
  account: string
  region: string
}

export const trailNotFound = (nameOrArn: string, account: string) =>
  new SandboxError('TrailNotFoundException', `Unknown trail: ${nameOrArn} for the user: ${account}`, 404)

export function validateTrailName(name: string): void {
  if (
    !TRAIL_NAME.test(name) ||
    /[._-]{2}/.test(name) ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(name) // IP-address-like names are refused
  ) {
    throw new SandboxError(
      'InvalidTrailNameException',
      'Trail name must be 3-128 characters, contain only letters, numbers, periods, underscores and dashes, start and end with a letter or number, and have no adjacent periods, underscores or dashes.',
    )
  }
}

/** Who may create or change organization trails: the management account or a CloudTrail DA. */
export function checkOrganizationWrite(world: World, account: string): void {
  if (!world.accounts.has(account)) {
    throw new SandboxError(
      'OrganizationsNotInUseException',
      'This account is not a member of an organization.',
      404,
    )
  }
  if (world.featureSet !== 'ALL') {
    throw new SandboxError(
      'OrganizationNotInAllFeaturesModeException',
      'This operation requires that all features are enabled in your organization.',
    )
  }
  if (account !== world.managementAccountId && !world.isDelegatedAdmin(account, CLOUDTRAIL_PRINCIPAL)) {
    throw new SandboxError(
      'NotOrganizationMasterAccountException',
      'The request must be made from the management account or a delegated administrator account of the organization.',
    )
  }
  if (!world.hasTrustedAccess(CLOUDTRAIL_PRINCIPAL)) {
    throw new SandboxError(
      'CloudTrailAccessNotEnabledException',
      'The trusted access for CloudTrail is not enabled in AWS Organizations. Enable it before creating an organization trail.',
    )
  }
}

/** Finds a trail the caller can read: its own by name here (home or multi-region), or any visible one by ARN. */
export function findTrail(caller: Caller, nameOrArn: string): { trail: Trail; shadow: boolean } {
  const { world, account, region } = caller
  if (nameOrArn.startsWith('arn:')) {
    const match = TRAIL_ARN.exec(nameOrArn)
    if (!match) throw new SandboxError('CloudTrailARNInvalidException', `Invalid ARN: ${nameOrArn}`)
    const [, home, owner, name] = match
    const trail = ownedTrails(world, owner ?? '').find((t) => t.name === name && t.homeRegion === home)
    const readable =
      trail &&
      (trail.owner === account ||
        (trail.isOrganizationTrail &&
          trail.owner === world.managementAccountId &&
          isOrganizationMember(world, account)))
    if (!trail || !readable) throw trailNotFound(nameOrArn, account)
    return { trail, shadow: trail.homeRegion !== region || trail.owner !== account }
  }
  validateTrailName(nameOrArn)
  const found = visibleTrails(world, account, region).find(
    ({ trail }) => trail.name === nameOrArn && trail.owner === account,
  )
  if (!found) throw trailNotFound(nameOrArn, account)
  return found
}

/** Finds a trail the caller may change: from its home region, owned by it or an org trail it administers. */
export function findWritableTrail(caller: Caller, nameOrArn: string): Trail {
  const { trail } = findTrail(caller, nameOrArn)
  if (trail.owner !== caller.account) {
    // Only organization trails are visible across accounts; members may see them but not change them, and a
    // delegated administrator changes them on the management account's behalf.
    checkOrganizationWrite(caller.world, caller.account)
  }
  if (trail.homeRegion !== caller.region) {
    throw new SandboxError(
      'InvalidHomeRegionException',
      `This operation must be called from the trail's home region, ${trail.homeRegion}.`,
    )
  }
  return trail
}

function countIn(world: World, owner: string, region: string, except?: Trail): number {
  return ownedTrails(world, owner).filter((t) => t !== except && appliesIn(t, region)).length
}

function checkLimits(world: World, owner: string, trail: Trail, except?: Trail): void {
  const regions = trail.isMultiRegionTrail
    ? world.regions.filter((r) => world.isRegionEnabled(owner, r))
    : [trail.homeRegion]
  for (const region of regions) {
    if (countIn(world, owner, region, except) >= MAX_TRAILS_PER_REGION) {
      throw new SandboxError(
        'MaximumNumberOfTrailsExceededException',
        `User: ${owner} already has ${MAX_TRAILS_PER_REGION} trails in ${region}.`,
        403,
      )
    }
  }
  const clash = ownedTrails(world, owner).find(
    (t) => t !== except && t.name === trail.name && regions.some((r) => appliesIn(t, r)),
  )
  if (clash) {
    throw new SandboxError(
      'TrailAlreadyExistsException',
      `Trail ${trail.name} already exists for customer: ${owner}`,
    )
  }
}

type Settings = Partial<
  Pick<
    Trail,
    | 's3BucketName'
    | 's3KeyPrefix'
    | 'snsTopicName'
    | 'includeGlobalServiceEvents'
    | 'isMultiRegionTrail'
    | 'logFileValidationEnabled'
    | 'cloudWatchLogsLogGroupArn'
    | 'cloudWatchLogsRoleArn'
    | 'kmsKeyId'
    | 'isOrganizationTrail'
  >
>

/** Reads the trail settings of a CreateTrail / UpdateTrail input (API member names). */
export function settingsFrom(input: Record<string, unknown>): Settings {
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined)
  const flag = (key: string) => (typeof input[key] === 'boolean' ? (input[key] as boolean) : undefined)
  const settings: Settings = {
    s3BucketName: text('S3BucketName'),
    s3KeyPrefix: text('S3KeyPrefix'),
    snsTopicName: text('SnsTopicName'),
    includeGlobalServiceEvents: flag('IncludeGlobalServiceEvents'),
    isMultiRegionTrail: flag('IsMultiRegionTrail'),
    logFileValidationEnabled: flag('EnableLogFileValidation'),
    cloudWatchLogsLogGroupArn: text('CloudWatchLogsLogGroupArn'),
    cloudWatchLogsRoleArn: text('CloudWatchLogsRoleArn'),
    kmsKeyId: text('KmsKeyId'),
    isOrganizationTrail: flag('IsOrganizationTrail'),
  }
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Settings
}

function validateSettings(trail: Trail): void {
  if (!BUCKET_NAME.test(trail.s3BucketName) || trail.s3BucketName.includes('..')) {
    throw new SandboxError('InvalidS3BucketNameException', `Bucket name is not valid: ${trail.s3BucketName}`)
  }
  if (trail.s3KeyPrefix !== undefined && trail.s3KeyPrefix.length > 200) {
    throw new SandboxError('InvalidS3PrefixException', 'S3 key prefix must be at most 200 characters.')
  }
  if (trail.isMultiRegionTrail && !trail.includeGlobalServiceEvents) {
    throw new SandboxError(
      'InvalidParameterCombinationException',
      'Multi-Region trail must include global service events.',
    )
  }
  if (Boolean(trail.cloudWatchLogsLogGroupArn) !== Boolean(trail.cloudWatchLogsRoleArn)) {
    throw new SandboxError(
      'InvalidParameterCombinationException',
      'You must specify both a CloudWatch Logs log group ARN and a role ARN, or neither.',
    )
  }
  if (trail.cloudWatchLogsLogGroupArn && !LOG_GROUP_ARN.test(trail.cloudWatchLogsLogGroupArn)) {
    throw new SandboxError(
      'InvalidCloudWatchLogsLogGroupArnException',
      'CloudWatch Logs log group ARN is not valid.',
    )
  }
  if (trail.cloudWatchLogsRoleArn && !ROLE_ARN.test(trail.cloudWatchLogsRoleArn)) {
    throw new SandboxError('InvalidCloudWatchLogsRoleArnException', 'CloudWatch Logs role ARN is not valid.')
  }
  if (trail.kmsKeyId && !KMS_KEY.test(trail.kmsKeyId)) {
    throw new SandboxError('InvalidKmsKeyIdException', `KMS key ${trail.kmsKeyId} is not valid.`)
  }
}

export function parseTags(value: unknown): Map<string, string> {
  const list = Array.isArray(value) ? (value as Array<{ Key?: unknown; Value?: unknown }>) : []
  if (list.length > MAX_TAGS) {
    throw new SandboxError(
      'TagsLimitExceededException',
      `The number of tags exceeds the limit of ${MAX_TAGS}.`,
    )
  }
  const tags = new Map<string, string>()
  for (const tag of list) {
    if (
      typeof tag.Key !== 'string' ||
      tag.Key.length === 0 ||
      tag.Key.length > 128 ||
      tag.Key.startsWith('aws:')
    ) {
      throw new SandboxError('InvalidTagParameterException', `Tag key '${String(tag.Key)}' is not valid.`)
    }
    tags.set(tag.Key, tag.Value === undefined ? '' : String(tag.Value))
  }
  return tags
}

/** CreateTrail's effect. Logging stays off until StartLogging, as in AWS. */
export function createTrail(
  caller: Caller,
  name: string,
  settings: Settings,
  tags = new Map<string, string>(),
  /** Seeds describe trails that already deliver; only requests are checked against the bucket and key. */
  checkDelivery = true,
): Trail {
  const { world, account, region } = caller
  validateTrailName(name)
  if (!settings.s3BucketName) {
    throw new SandboxError('InvalidS3BucketNameException', 'S3 bucket name must not be empty.')
  }
  if (settings.isOrganizationTrail) checkOrganizationWrite(world, account)
  // A delegated administrator creates organization trails on the management account's behalf.
  const owner = settings.isOrganizationTrail ? world.managementAccountId : account
  const trail: Trail = {
    name,
    owner,
    homeRegion: region,
    arn: trailArn(region, owner, name),
    s3BucketName: settings.s3BucketName,
    includeGlobalServiceEvents: true,
    isMultiRegionTrail: false,
    logFileValidationEnabled: false,
    isOrganizationTrail: false,
    ...settings,
    logging: false,
    hasCustomEventSelectors: false,
    tags,
    createdAt: world.clock.date(),
  }
  validateSettings(trail)
  checkLimits(world, owner, trail)
  if (checkDelivery) checkTrailDelivery(world, trail)
  const state = cloudTrailState(world)
  state.trails.set(owner, [...ownedTrails(world, owner), trail])
  return trail
}

/** UpdateTrail's effect: settings not given keep their value. */
export function updateTrail(caller: Caller, nameOrArn: string, settings: Settings): Trail {
  const trail = findWritableTrail(caller, nameOrArn)
  if (settings.isOrganizationTrail === true && !trail.isOrganizationTrail) {
    checkOrganizationWrite(caller.world, caller.account)
    if (trail.owner !== caller.world.managementAccountId) {
      throw new SandboxError(
        'NotOrganizationMasterAccountException',
        'Only a trail of the management account can become an organization trail.',
      )
    }
  }
  const next: Trail = { ...trail, ...settings }
  validateSettings(next)
  if (next.isMultiRegionTrail && !trail.isMultiRegionTrail)
    checkLimits(caller.world, trail.owner, next, trail)
  checkTrailDelivery(caller.world, next)
  Object.assign(trail, settings)
  return trail
}

export function deleteTrail(caller: Caller, nameOrArn: string): void {
  const trail = findWritableTrail(caller, nameOrArn)
  removeTrail(caller.world, trail)
}

export function removeTrail(world: World, trail: Trail): void {
  const state = cloudTrailState(world)
  state.trails.set(
    trail.owner,
    ownedTrails(world, trail.owner).filter((t) => t !== trail),
  )
}

export function setLogging(world: World, trail: Trail, logging: boolean): void {
  if (trail.logging === logging) return
  trail.logging = logging
  if (logging) trail.startLoggingTime = world.clock.date()
  else trail.stopLoggingTime = world.clock.date()
}

export function trailOutput(trail: Trail, withHomeRegion: boolean): Record<string, unknown> {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    S3KeyPrefix: trail.s3KeyPrefix,
    SnsTopicName: trail.snsTopicName,
    SnsTopicARN: trail.snsTopicName
      ? `arn:aws:sns:${trail.homeRegion}:${trail.owner}:${trail.snsTopicName}`
      : undefined,
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    ...(withHomeRegion && { HomeRegion: trail.homeRegion }),
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
    CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
    KmsKeyId: trail.kmsKeyId,
    ...(withHomeRegion && {
      HasCustomEventSelectors: trail.hasCustomEventSelectors,
      HasInsightSelectors: false,
    }),
    IsOrganizationTrail: trail.isOrganizationTrail,
  }
}

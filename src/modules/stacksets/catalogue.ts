// What the baseline deploys with CloudFormation, decided from the config alone (pure): which templates
// go to every member account through service-managed stack sets, and which are ordinary stacks in one
// account — the log-archive bucket, the organization trail, the findings routing, and the management
// account's copies of the member templates (service-managed stack sets never deploy there, aws-facts §8).
import { SEVERITIES } from '../../config/schema.ts'
import type { Desired } from '../../engine/desired.ts'
import { trustedAccessAddress } from '../trusted-access.ts'

export type TemplateName =
  | 'log-archive'
  | 'organization-trail'
  | 'account-trail'
  | 'config-recorder'
  | 'root-sign-in-alert'
  | 'findings-routing'
  | 'member-role'

export type Parameters = Record<string, string>

/** A service-managed stack set deployed to the deployment targets. */
export interface StackSetSpec {
  template: TemplateName
  regions: string[]
  parameters: Parameters
  /** Addresses the instances need first (the log bucket, the trail). */
  instancesDependOn: string[]
  /** What CloudFormation must be told the template does (CAPABILITY_NAMED_IAM for a named role). */
  capabilities?: 'CAPABILITY_NAMED_IAM'[]
  /** Not copied to the management account as ordinary stacks (the member role: the tool is itself there). */
  membersOnly?: true
}

/** An ordinary stack in one account and region. */
export interface StackSpec {
  template: TemplateName
  account: string
  region: string
  parameters: Parameters
  dependsOn: string[]
  /** Why this is a stack and not part of a stack set, for the plan. */
  why: string
}

export const ROOT_SIGN_IN_REGION = 'us-east-1'
/** Subscriptions the alert templates can hold: CloudFormation has no loops without a transform. */
export const MAX_RECIPIENTS = 5
/** First day of the Athena table's date partitions; a constant so that plans stay stable. */
export const PROJECTION_START = '2024/01/01'
export const ATHENA_DATABASE = 'org_baseline'

export const stackSetName = (template: TemplateName) => `org-baseline-${template}`
export const stackName = stackSetName
export const stackSetAddress = (template: TemplateName) => `stackset[${template}]`
export const instancesAddress = (template: TemplateName) => `stackset.instances[${template}]`
export const staleInstancesAddress = (template: TemplateName) => `stackset.stale-instances[${template}]`
export const repairAddress = (template: TemplateName) => `stackset.repair[${template}]`
export const stackAddress = (template: TemplateName, account: string, region: string) =>
  `stack[${template}@${account}:${region}]`
export const ORGANIZATIONS_ACCESS = 'member.org.stacksets.cloudformation.amazonaws.com'
export const organizationsAccessAddress = trustedAccessAddress(ORGANIZATIONS_ACCESS)

/**
 * The CloudTrail bucket. A new name since Object Lock (issue 12): an existing bucket cannot get Object Lock
 * through CloudFormation, so installs from before keep their old `org-baseline-logs-…` bucket (retained,
 * never emptied by the tool) and trails move to this one.
 */
export function logBucketName(desired: Desired): string {
  return `org-baseline-trail-${desired.logArchive.id}-${desired.config.homeRegion}`
}

/** The bucket of the tool's versions before issue 12, named in the plan's migration note. */
export function legacyLogBucketName(desired: Desired): string {
  return `org-baseline-logs-${desired.logArchive.id}-${desired.config.homeRegion}`
}

/** AWS Config's own bucket: Config does not deliver to a bucket with Object Lock. */
export function configBucketName(desired: Desired): string {
  return `org-baseline-config-${desired.logArchive.id}-${desired.config.homeRegion}`
}

export function accessLogBucketName(desired: Desired): string {
  return `org-baseline-access-logs-${desired.logArchive.id}-${desired.config.homeRegion}`
}

export const LOG_KEY_ALIAS = 'alias/org-baseline-logs'

/** The log key by its alias ARN, which CloudTrail and Config accept and the plan knows before the key exists. */
export function logKeyArn(desired: Desired): string {
  return `arn:aws:kms:${desired.config.homeRegion}:${desired.logArchive.id}:${LOG_KEY_ALIAS}`
}

/** Role ARN patterns for role names that exist in any account of the organization. */
const anyAccountRoles = (names: readonly string[]) => names.map((n) => `arn:aws:iam::*:role/${n}`)

/** Retention in words for the plan, e.g. "COMPLIANCE, 1 year". */
export function retentionInWords(desired: Desired): string {
  const r = desired.config.logArchive.retention
  const period =
    r.years !== undefined
      ? `${r.years} year${r.years === 1 ? '' : 's'}`
      : `${r.days} day${r.days === 1 ? '' : 's'}`
  return `${r.mode} mode, ${period}`
}

/** Recipient1..RecipientN, empty when unused, so the parameter set never changes shape. */
export function recipientParameters(recipients: readonly string[]): Parameters {
  const out: Parameters = {}
  for (let i = 0; i < MAX_RECIPIENTS; i++) out[`Recipient${i + 1}`] = recipients[i] ?? ''
  return out
}

export function severitiesFrom(minimum: string): string[] {
  return SEVERITIES.slice(SEVERITIES.indexOf(minimum as (typeof SEVERITIES)[number]))
}

const bool = (value: boolean) => (value ? 'true' : 'false')

function logArchiveStack(desired: Desired): StackSpec | undefined {
  const c = desired.config
  if (!c.cloudTrail.enabled && !c.config.enabled) return undefined
  const retention = c.logArchive.retention
  const breakGlass = anyAccountRoles(c.access.breakGlassRoles)
  const readers = anyAccountRoles(c.logArchive.readers)
  return {
    template: 'log-archive',
    account: desired.logArchive.id,
    region: c.homeRegion,
    parameters: {
      BucketName: logBucketName(desired),
      ConfigBucketName: configBucketName(desired),
      AccessLogBucketName: accessLogBucketName(desired),
      RetentionMode: retention.mode,
      // In days also when the config says years, so the plan can tell a shorter retention (365 per year).
      RetentionDays: String(retention.days ?? (retention.years ?? 1) * 365),
      RetentionYears: String(retention.years ?? 0),
      TransitionDays: String(c.logArchive.transitionDays),
      OrganizationId: desired.org.id,
      ManagementAccountId: desired.management.id,
      TrailName: c.cloudTrail.name,
      TrailRegion: c.homeRegion,
      TrailMode: c.cloudTrail.mode,
      BreakGlassRoleArns: breakGlass.join(','),
      HasBreakGlassRoles: bool(breakGlass.length > 0),
      ReaderRoleArns: readers.join(','),
      HasReaderRoles: bool(readers.length > 0),
    },
    dependsOn: [],
    why:
      `the log buckets in the log-archive account: CloudTrail logs under Object Lock (${retentionInWords(desired)}), ` +
      `AWS Config's own bucket, server access logs; readable (decrypt) by ${readers.length > 0 ? c.logArchive.readers.join(', ') : 'no reader role'}` +
      `${breakGlass.length > 0 ? `; only ${c.access.breakGlassRoles.join(', ')} may delete or reconfigure` : '; nobody may delete or reconfigure them'}. ` +
      `Existing installs: ${legacyLogBucketName(desired)} is kept as it is (never emptied by the tool) and trails move to ${logBucketName(desired)}`,
  }
}

/** The trail every account's root sign-in events depend on, as a change address (if the baseline has one). */
function trailAddress(desired: Desired): string[] {
  const c = desired.config
  if (!c.cloudTrail.enabled) return []
  return c.cloudTrail.mode === 'organization'
    ? [stackAddress('organization-trail', desired.management.id, c.homeRegion)]
    : [instancesAddress('account-trail')]
}

/**
 * The member role the tool acts through in member accounts, with the `iam-policy --role member` permissions
 * (member-role.ts writes them into the template). One region: IAM is global; the home region, where the stack
 * sets live. Not made when access.memberRoleName names the bootstrap role (the older setup: Organizations'
 * OrganizationAccountAccessRole as the member role).
 */
function memberRoleStackSet(desired: Desired): StackSetSpec {
  const access = desired.config.access
  return {
    template: 'member-role',
    regions: [desired.config.homeRegion],
    parameters: {
      RoleName: access.memberRoleName,
      ManagementAccountId: desired.management.id,
      ToolRoleName: access.toolRoleName,
      OrganizationId: desired.org.id,
    },
    instancesDependOn: [],
    capabilities: ['CAPABILITY_NAMED_IAM'],
    membersOnly: true,
  }
}

export function plannedStackSets(desired: Desired): StackSetSpec[] {
  const c = desired.config
  const bucket = logBucketName(desired)
  const logArchive = logArchiveStack(desired)
  const bucketFirst = logArchive ? [stackAddress('log-archive', logArchive.account, logArchive.region)] : []
  // A member role named like the bootstrap role is the one Organizations made: nothing to deploy.
  const access = c.access
  const sets: StackSetSpec[] =
    access.memberRoleName === access.bootstrapRoleName ? [] : [memberRoleStackSet(desired)]
  if (c.cloudTrail.enabled && c.cloudTrail.mode === 'account') {
    sets.push({
      template: 'account-trail',
      regions: desired.regions.includes(c.homeRegion) ? [c.homeRegion] : [],
      parameters: {
        TrailName: c.cloudTrail.name,
        BucketName: bucket,
        KmsKeyId: logKeyArn(desired),
        DataEventsS3: bool(c.cloudTrail.dataEvents.s3),
        DataEventsLambda: bool(c.cloudTrail.dataEvents.lambda),
      },
      instancesDependOn: bucketFirst,
    })
  }
  if (c.config.enabled) {
    sets.push({
      template: 'config-recorder',
      regions: desired.regions,
      parameters: {
        BucketName: configBucketName(desired),
        GlobalResourcesRegion: c.config.globalResourcesRegion,
      },
      instancesDependOn: [...bucketFirst, trustedAccessAddress('config.amazonaws.com')],
    })
  }
  sets.push({
    template: 'root-sign-in-alert',
    // Every target region: root API calls arrive on EventBridge in the region where they happen.
    regions: desired.regions,
    parameters: recipientParameters(c.rootUser.signInAlert.recipients),
    instancesDependOn: trailAddress(desired),
  })
  return sets.filter((s) => s.regions.length > 0)
}

/** Ordinary stacks of the stacksets module (findings routing is its own module). */
export function plannedStacks(desired: Desired): StackSpec[] {
  const c = desired.config
  const management = desired.management.id
  const stacks: StackSpec[] = []
  const logArchive = logArchiveStack(desired)
  if (logArchive) stacks.push(logArchive)
  const bucketFirst = logArchive ? [stackAddress('log-archive', logArchive.account, logArchive.region)] : []
  const memberCopy = 'service-managed stack sets never deploy to the management account'
  for (const set of plannedStackSets(desired)) {
    if (set.membersOnly) continue
    for (const region of set.regions) {
      stacks.push({
        template: set.template,
        account: management,
        region,
        parameters: set.parameters,
        // The same prerequisites as the member instances: the bucket, and for Config the trusted access
        // that makes AWS create its service-linked role the recorder names.
        dependsOn: set.template === 'root-sign-in-alert' ? trailAddress(desired) : set.instancesDependOn,
        why: memberCopy,
      })
    }
  }
  if (
    c.cloudTrail.enabled &&
    c.cloudTrail.mode === 'organization' &&
    desired.regions.includes(c.homeRegion)
  ) {
    stacks.push({
      template: 'organization-trail',
      account: management,
      region: c.homeRegion,
      parameters: {
        TrailName: c.cloudTrail.name,
        BucketName: logBucketName(desired),
        KmsKeyId: logKeyArn(desired),
        OrganizationId: desired.org.id,
        DataEventsS3: bool(c.cloudTrail.dataEvents.s3),
        DataEventsLambda: bool(c.cloudTrail.dataEvents.lambda),
        LakeEnabled: bool(c.cloudTrail.lake.enabled),
        LakeRetentionDays: String(c.cloudTrail.lake.retentionDays),
        CreateAthenaTable: bool(c.cloudTrail.athenaTable),
        AthenaDatabaseName: ATHENA_DATABASE,
        ProjectionRegions: desired.regions.join(','),
        ProjectionStartDate: PROJECTION_START,
      },
      dependsOn: [...bucketFirst, trustedAccessAddress('cloudtrail.amazonaws.com')],
      why: 'an organization trail is created in the management account',
    })
  }
  return stacks
}

export function findingsRoutingStack(desired: Desired): StackSpec | undefined {
  const c = desired.config
  if (!c.findingsRouting.enabled) return undefined
  return {
    template: 'findings-routing',
    account: desired.securityTooling.id,
    region: c.securityHub.aggregationRegion,
    parameters: {
      Severities: severitiesFrom(c.findingsRouting.minimumSeverity).join(','),
      ...recipientParameters(c.findingsRouting.recipients),
    },
    dependsOn: [],
    why: "Security Hub's aggregation region in the delegated administrator receives every finding",
  }
}

// Verifies every control of the baseline for one account, control by control and region by region, by
// asking the service that enforces it (never by trusting that a stack instance succeeded).

import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail'
import { DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service'
import { DescribeRuleCommand } from '@aws-sdk/client-eventbridge'
import { GetMembersCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam'
import { GetConfigurationPolicyAssociationCommand } from '@aws-sdk/client-securityhub'
import type { Context } from '../../engine/module.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import { readScp } from '../scp/observe.ts'
import { POLICY_NAME } from '../security-hub/observed.ts'

export interface CheckResult {
  control: string
  region?: string
  ok: boolean
  detail: string
}

const failed = (control: string, error: unknown, region?: string): CheckResult => ({
  control,
  ...(region ? { region } : {}),
  ok: false,
  detail: `could not check: ${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? error}`,
})

/** The account, its OUs and the root: where an SCP attachment reaches the account from. */
export function inheritanceChain(ctx: Context, account: OrgAccount): string[] {
  const parentOf = new Map(ctx.desired.org.units.map((u) => [u.id, u.parentId]))
  const chain = [account.id]
  for (let at: string | undefined = account.parentId; at; at = parentOf.get(at)) chain.push(at)
  return chain
}

export async function checkRootScp(ctx: Context, account: OrgAccount): Promise<CheckResult[]> {
  const wanted = ctx.desired.scps.filter((s) => s.name === 'deny-member-root')
  if (wanted.length === 0) return []
  const control = 'SCP deny-member-root applies'
  try {
    const chain = new Set(inheritanceChain(ctx, account))
    const policy = (await readScp(ctx.aws, 'deny-member-root'))?.owned
    const via = policy?.targets.find((t) => chain.has(t))
    return [
      via
        ? { control, ok: true, detail: `attached to ${via === account.id ? 'the account' : via}` }
        : { control, ok: false, detail: 'not attached to the account, its OUs or the root — run apply' },
    ]
  } catch (error) {
    return [failed(control, error)]
  }
}

export async function checkConfigRecording(
  ctx: Context,
  account: OrgAccount,
  region: string,
): Promise<CheckResult> {
  const control = 'Config recording'
  try {
    const { ConfigurationRecordersStatus = [] } = await ctx.aws
      .config(region, account.id)
      .send(new DescribeConfigurationRecorderStatusCommand({}))
    const recording = ConfigurationRecordersStatus.some((s) => s.recording)
    return {
      control,
      region,
      ok: recording,
      detail: recording
        ? 'recorder on'
        : ConfigurationRecordersStatus.length
          ? 'recorder exists but is stopped'
          : 'no recorder',
    }
  } catch (error) {
    return failed(control, error, region)
  }
}

export async function checkGuardDuty(
  ctx: Context,
  account: OrgAccount,
  region: string,
): Promise<CheckResult> {
  const control = 'GuardDuty member'
  const admin = ctx.desired.securityTooling.id
  if (account.id === admin)
    return { control, region, ok: true, detail: 'this account is the GuardDuty administrator' }
  try {
    const client = ctx.aws.guardduty(region, admin)
    const { DetectorIds = [] } = await client.send(new ListDetectorsCommand({}))
    const detectorId = DetectorIds[0]
    if (!detectorId)
      return { control, region, ok: false, detail: `the administrator has no detector in ${region}` }
    const { Members = [] } = await client.send(
      new GetMembersCommand({ DetectorId: detectorId, AccountIds: [account.id] }),
    )
    const status = Members[0]?.RelationshipStatus
    return {
      control,
      region,
      ok: status === 'Enabled',
      detail: status ? `relationship ${status}` : 'not a member',
    }
  } catch (error) {
    return failed(control, error, region)
  }
}

export async function checkSecurityHub(ctx: Context, account: OrgAccount): Promise<CheckResult> {
  const control = 'Security Hub policy'
  const { securityHub } = ctx.desired.config
  const region = securityHub.aggregationRegion ?? ctx.desired.config.homeRegion
  try {
    const out = await ctx.aws
      .securityhub(region, ctx.desired.securityTooling.id)
      .send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: account.id } }))
    const ok = out.AssociationStatus === 'SUCCESS' && Boolean(out.ConfigurationPolicyId)
    return {
      control,
      region,
      ok,
      detail: ok
        ? `${POLICY_NAME} policy ${out.AssociationType === 'INHERITED' ? 'inherited' : 'applied'}`
        : `association ${out.AssociationStatus ?? 'missing'}${out.AssociationStatusMessage ? `: ${out.AssociationStatusMessage}` : ''}`,
    }
  } catch (error) {
    return failed(control, error, region)
  }
}

export async function checkTrail(ctx: Context, account: OrgAccount): Promise<CheckResult> {
  const { cloudTrail, homeRegion } = ctx.desired.config
  const control = cloudTrail.mode === 'organization' ? 'organization trail' : 'account trail'
  try {
    const client = ctx.aws.cloudtrail(homeRegion, account.id)
    const { trailList = [] } = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }))
    const trail = trailList.find((t) => t.Name === cloudTrail.name)
    if (!trail?.TrailARN)
      return { control, region: homeRegion, ok: false, detail: `no trail ${cloudTrail.name}` }
    const status = await client.send(new GetTrailStatusCommand({ Name: trail.TrailARN }))
    return {
      control,
      region: homeRegion,
      ok: Boolean(status.IsLogging) && Boolean(trail.IsMultiRegionTrail),
      detail: `${trail.Name}: ${status.IsLogging ? 'logging' : 'not logging'}, ${trail.IsMultiRegionTrail ? 'all regions' : 'one region only'}`,
    }
  } catch (error) {
    return failed(control, error, homeRegion)
  }
}

/** The root activity alert's rules (stacksets/root-sign-in-alert.yaml), deployed in every target region. */
export const ROOT_ALERT_RULES = ['org-baseline-root-sign-in', 'org-baseline-assume-root']

/**
 * The root activity alert in one region: both rules enabled. Root API calls and AssumeRoot sessions raise
 * their events in the region where they happen, so every target region needs them, not only us-east-1
 * (where console sign-ins are recorded).
 */
export async function checkRootAlert(
  ctx: Context,
  account: OrgAccount,
  region: string,
): Promise<CheckResult> {
  const control = 'root activity alert'
  const events = ctx.aws.events(region, account.id)
  try {
    const states = await Promise.all(
      ROOT_ALERT_RULES.map((Name) =>
        events.send(new DescribeRuleCommand({ Name })).then(
          (rule) => rule.State ?? 'UNKNOWN',
          (error: Error) => {
            if (error.name === 'ResourceNotFoundException') return 'missing'
            throw error
          },
        ),
      ),
    )
    const off = ROOT_ALERT_RULES.filter((_, i) => states[i] !== 'ENABLED')
    return {
      control,
      region,
      ok: off.length === 0,
      detail:
        off.length === 0
          ? 'rules enabled'
          : off
              .map((name) => `rule ${name} ${states[ROOT_ALERT_RULES.indexOf(name)]?.toLowerCase()}`)
              .join(', '),
    }
  } catch (error) {
    return failed(control, error, region)
  }
}

export async function checkRootCredentials(ctx: Context, account: OrgAccount): Promise<CheckResult> {
  const control = 'root credentials'
  try {
    const { SummaryMap = {} } = await ctx.aws.iam(account.id).send(new GetAccountSummaryCommand({}))
    const keys = SummaryMap.AccountAccessKeysPresent === 1
    const password = SummaryMap.AccountPasswordPresent === 1
    const mfa = SummaryMap.AccountMFAEnabled === 1
    const problems = [
      keys ? 'root access keys exist' : '',
      password && !mfa ? 'root password without MFA' : '',
    ]
      .filter(Boolean)
      .join(', ')
    return {
      control,
      ok: !problems,
      detail: problems
        ? `${problems} — delete them with a root session (sts:AssumeRoot, IAMDeleteRootUserCredentials)`
        : `${password ? 'password with MFA' : 'no password'}, no access keys`,
    }
  } catch (error) {
    return failed(control, error)
  }
}

// Writes one GuardDuty change after re-reading its target. GuardDuty answers nearly every refusal with a
// generic BadRequestException, so "already done" is decided by reading again, not by parsing its message.
// Every write goes through retryConflicts: the SDK does not retry a concurrent-modification answer.
import {
  CreateDetectorCommand,
  CreateMembersCommand,
  DeleteMembersCommand,
  type DetectorFeatureConfiguration,
  DisableOrganizationAdminAccountCommand,
  DisassociateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  type OrganizationFeatureConfiguration,
  paginateListMembers,
  UpdateDetectorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-guardduty'
import { collect } from '../../aws/paginate.ts'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck, writesDirectly } from '../../engine/recheck.ts'
import { requestToken } from '../../engine/request-token.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import { deregisterAdmin } from '../delegated-registration.ts'
import type { AdminState, MemberState } from './diff.ts'
import {
  detectorOf,
  listAdmins,
  managementMembership,
  readDetectorFeatures,
  readOrgConfig,
} from './observe.ts'
import { type DetectorFeaturesState, type OrgConfigState, SERVICE_PRINCIPAL } from './observed.ts'
import { projectDetectorFeatures, projectOrgConfig, unusedRuntimeKind } from './settings.ts'

const BATCH = 50 // DisassociateMembers / DeleteMembers take 1–50 account ids

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

function regionOf(change: Change): string {
  if (!change.region) throw new OrgBaselineError('PlanMismatch', `${change.address} has no region`)
  return change.region
}

async function requireDetector(ctx: Context, region: string, account: string): Promise<string> {
  const id = await detectorOf(ctx, region, account)
  if (!id)
    throw new OrgBaselineError(
      'PlanMismatch',
      `${account} has no GuardDuty detector in ${region} — its creation must succeed first`,
    )
  return id
}

async function applyAdmin(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { adminAccountId } = change.after as AdminState
  const current = async () => ((await listAdmins(ctx, region)).includes(adminAccountId) ? change.after : null)
  // GuardDuty refuses a designation while any admin exists, so the write is its own re-check (see recheck.ts).
  if (!writesDirectly(change) && recheck(change, await current()) === 'done') return
  try {
    await retryConflicts(() =>
      ctx.aws
        .guardduty(region)
        .send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: adminAccountId })),
    )
  } catch (error) {
    // A concurrent run designated it first: the goal is reached.
    if (errorName(error) !== 'BadRequestException' || (await current()) === null) throw error
  }
}

/** AWS's order for changing the admin, per region: disassociate and delete its members, then disable it. */
async function applyAdminRemoval(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { adminAccountId: old } = change.before as AdminState
  const current = async () => ((await listAdmins(ctx, region)).includes(old) ? change.before : null)
  if (recheck(change, await current()) === 'done') return
  const detectorId = await detectorOf(ctx, region, old)
  if (detectorId) {
    const client = ctx.aws.guardduty(region, old)
    const members = await collect(
      paginateListMembers({ client, pageSize: 50 }, { DetectorId: detectorId, OnlyAssociated: 'false' }),
      (p) => p.Members,
    )
    const associated = members.filter((m) => m.RelationshipStatus !== 'Removed').map((m) => m.AccountId ?? '')
    for (const ids of chunks(associated, BATCH))
      await retryConflicts(() =>
        client.send(new DisassociateMembersCommand({ DetectorId: detectorId, AccountIds: ids })),
      )
    for (const ids of chunks(
      members.map((m) => m.AccountId ?? ''),
      BATCH,
    ))
      await retryConflicts(() =>
        client.send(new DeleteMembersCommand({ DetectorId: detectorId, AccountIds: ids })),
      )
  }
  try {
    await retryConflicts(() =>
      ctx.aws.guardduty(region).send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: old })),
    )
  } catch (error) {
    if (errorName(error) !== 'BadRequestException' || (await current()) !== null) throw error
  }
}

async function applyDetector(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const account = ctx.desired.securityTooling.id
  const current = async () => ((await detectorOf(ctx, region, account)) ? change.after : null)
  // Read first: designating the admin usually created the detector already.
  if (recheck(change, await current()) === 'done') return
  try {
    await retryConflicts(() =>
      ctx.aws
        .guardduty(region, account)
        // The SDK fills ClientToken once per command; ours also holds across retryConflicts' resends.
        .send(new CreateDetectorCommand({ Enable: true, ClientToken: requestToken('detector', change) })),
    )
  } catch (error) {
    if (errorName(error) !== 'BadRequestException' || (await current()) === null) throw error
  }
}

type FeatureWrite = { Name: string; AdditionalConfiguration?: Record<string, string>[] } & Record<
  string,
  unknown
>

/**
 * Features as GuardDuty's writes take them — `AutoEnable` for the organization configuration, `Status` for
 * a detector — with the runtime agents as RUNTIME_MONITORING's additional configuration.
 */
function featureList(
  state: { features: Record<string, string>; runtimeAgents?: Record<string, string> | undefined },
  key: 'AutoEnable' | 'Status',
): FeatureWrite[] {
  return Object.entries(state.features).map(([name, value]) => ({
    Name: name,
    [key]: value,
    ...(name === 'RUNTIME_MONITORING' && state.runtimeAgents
      ? {
          AdditionalConfiguration: Object.entries(state.runtimeAgents).map(([agent, v]) => ({
            Name: agent,
            [key]: v,
          })),
        }
      : {}),
  }))
}

/** The two runtime-monitoring kinds may never share a request: the unused one is switched off on its own. */
async function sendFeatures(
  ctx: Context,
  features: FeatureWrite[],
  /** `main` is false for the lone switch-off of the unused kind. */
  send: (features: FeatureWrite[], main: boolean) => Promise<unknown>,
): Promise<void> {
  const unused = unusedRuntimeKind(ctx.desired.config.guardDuty)
  const off = features.filter((f) => f.Name === unused)
  if (off.length > 0) await retryConflicts(() => send(off, false))
  await retryConflicts(() =>
    send(
      features.filter((f) => f.Name !== unused),
      true,
    ),
  )
}

async function applyOrgConfig(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const admin = ctx.desired.securityTooling.id
  const after = change.after as OrgConfigState
  const detectorId = await requireDetector(ctx, region, admin)
  // Planned without a reading (the admin was not designated yet): the whole configuration is written, which
  // is safe whatever it was, so there is nothing to read first. Otherwise the usual re-check.
  if (change.before !== null) {
    const now = projectOrgConfig(await readOrgConfig(ctx, region, admin, detectorId), after)
    if (recheck(change, now) === 'done') return
  }

  const client = ctx.aws.guardduty(region, admin)
  await sendFeatures(ctx, featureList(after, 'AutoEnable'), (features, main) =>
    client.send(
      new UpdateOrganizationConfigurationCommand({
        DetectorId: detectorId,
        ...(main ? { AutoEnableOrganizationMembers: after.autoEnable } : {}),
        Features: features as OrganizationFeatureConfiguration[],
      }),
    ),
  )
}

/** The admin's own detector features (organization auto-enable never covers them), with UpdateDetector. */
async function applyAdminDetector(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const admin = ctx.desired.securityTooling.id
  const after = change.after as DetectorFeaturesState
  const detectorId = await requireDetector(ctx, region, admin)
  // Planned without a reading (the admin or its detector did not exist yet): every feature is written, which
  // is safe whatever they were. Otherwise the usual re-check.
  if (change.before !== null) {
    const now = projectDetectorFeatures(await readDetectorFeatures(ctx, region, admin, detectorId), after)
    if (recheck(change, now) === 'done') return
  }
  const client = ctx.aws.guardduty(region, admin)
  await sendFeatures(ctx, featureList(after, 'Status'), (features) =>
    client.send(
      new UpdateDetectorCommand({
        DetectorId: detectorId,
        Features: features as DetectorFeatureConfiguration[],
      }),
    ),
  )
}

async function applyManagementMember(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const admin = ctx.desired.securityTooling.id
  const management = ctx.desired.management
  const detectorId = await requireDetector(ctx, region, admin)
  const read = async (): Promise<MemberState | null> => {
    const m = await managementMembership(ctx, region, admin, detectorId)
    return m === 'none' ? null : { accountId: management.id, relationship: m }
  }
  // Planned without a reading (no admin yet): CreateMembers is answered per account, an existing member
  // included, so it is written at once; otherwise the usual re-check.
  if (change.before !== null && recheck(change, await read()) === 'done') return
  const { UnprocessedAccounts } = await retryConflicts(() =>
    ctx.aws.guardduty(region, admin).send(
      new CreateMembersCommand({
        DetectorId: detectorId,
        AccountDetails: [{ AccountId: management.id, Email: management.email }],
      }),
    ),
  )
  const refused = UnprocessedAccounts?.find((u) => u.AccountId === management.id)
  if (refused && (await read())?.relationship !== 'Enabled') {
    throw new OrgBaselineError(
      'AwsRefused',
      `guardduty:CreateMembers in ${region} did not add the management account: ${refused.Result}`,
    )
  }
}

export function applyGuardDutyChange(change: Change, ctx: Context): Promise<void> {
  const kind = change.address.slice(0, change.address.indexOf('['))
  switch (kind) {
    case 'guardduty.admin':
      return applyAdmin(change, ctx)
    case 'guardduty.admin-removal':
      return applyAdminRemoval(change, ctx)
    case 'guardduty.delegated-admin':
      return deregisterAdmin(change, ctx, SERVICE_PRINCIPAL)
    case 'guardduty.detector':
      return applyDetector(change, ctx)
    case 'guardduty.org-config':
      return applyOrgConfig(change, ctx)
    case 'guardduty.admin-detector':
      return applyAdminDetector(change, ctx)
    case 'guardduty.management-member':
      return applyManagementMember(change, ctx)
    default:
      throw new OrgBaselineError('PlanMismatch', `unknown guardduty change ${change.address}`)
  }
}

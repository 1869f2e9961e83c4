// Writes one Inspector change after re-reading its target. The members change is convergent rather than
// re-checked against the plan: it reads every target account's status in its region and associates and
// enables (or disables) exactly those that differ, so repeating it is safe and "already done" costs reads only.
import {
  AssociateMemberCommand,
  DisableCommand,
  DisableDelegatedAdminAccountCommand,
  EnableCommand,
  EnableDelegatedAdminAccountCommand,
  type ResourceScanType,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-inspector2'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { InspectorScanType } from '../../config/schema.ts'
import type { Change } from '../../engine/change.ts'
import { mapLimit } from '../../engine/concurrency.ts'
import type { Context } from '../../engine/module.ts'
import { recheck, writesDirectly } from '../../engine/recheck.ts'
import { requestToken } from '../../engine/request-token.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import { deregisterAdmin } from '../delegated-registration.ts'
import type { AdminState, MembersState } from './diff.ts'
import { accountGaps, BATCH, chunks, listAdmins, readAutoEnable } from './observe.ts'
import { type AutoEnableState, SERVICE_PRINCIPAL } from './observed.ts'
import { AUTO_ENABLE_FIELD, projectAutoEnable } from './settings.ts'
import { targetAccounts } from './targets.ts'

/** AssociateMember takes one account per call: a few at a time. */
const ASSOCIATE_CONCURRENCY = 5

function regionOf(change: Change): string {
  if (!change.region) throw new OrgBaselineError('PlanMismatch', `${change.address} has no region`)
  return change.region
}

async function applyAdmin(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { adminAccountId } = change.after as AdminState
  const current = async () => ((await listAdmins(ctx, region)).includes(adminAccountId) ? change.after : null)
  // Inspector refuses a designation that exists (ConflictException): the write is its own re-check.
  if (!writesDirectly(change) && recheck(change, await current()) === 'done') return
  try {
    await retryConflicts(() =>
      ctx.aws.inspector2(region).send(
        new EnableDelegatedAdminAccountCommand({
          delegatedAdminAccountId: adminAccountId,
          clientToken: requestToken('inspector-admin', change),
        }),
      ),
    )
  } catch (error) {
    if (errorName(error) !== 'ConflictException' || (await current()) === null) throw error
  }
}

async function applyAdminRemoval(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { adminAccountId } = change.before as AdminState
  const current = async () =>
    (await listAdmins(ctx, region)).includes(adminAccountId) ? change.before : null
  if (recheck(change, await current()) === 'done') return
  try {
    await retryConflicts(() =>
      ctx.aws
        .inspector2(region)
        .send(new DisableDelegatedAdminAccountCommand({ delegatedAdminAccountId: adminAccountId })),
    )
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException' || (await current()) !== null) throw error
  }
}

async function applyOrgConfig(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const admin = ctx.desired.securityTooling.id
  const after = change.after as AutoEnableState
  // Planned without a reading (no administrator yet): the whole setting is written, safe whatever it was.
  if (change.before !== null) {
    const now = projectAutoEnable(await readAutoEnable(ctx, region, admin), after)
    if (recheck(change, now) === 'done') return
  }
  const autoEnable = Object.fromEntries(
    (Object.keys(after) as InspectorScanType[]).map((t) => [AUTO_ENABLE_FIELD[t], after[t] === true]),
  )
  await retryConflicts(() =>
    ctx.aws.inspector2(region, admin).send(
      new UpdateOrganizationConfigurationCommand({
        autoEnable: { ec2: false, ecr: false, ...autoEnable },
      }),
    ),
  )
}

/** Fails loudly when Inspector refused some accounts. */
function requireAll(operation: string, region: string, failed: { accountId?: string; errorCode?: string }[]) {
  if (failed.length === 0) return
  const list = failed.map((f) => `${f.accountId} (${f.errorCode})`).join(', ')
  throw new OrgBaselineError('AwsRefused', `inspector2:${operation} in ${region} refused ${list}`)
}

async function applyMembers(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const admin = ctx.desired.securityTooling.id
  const { on, off } = change.after as MembersState
  const client = ctx.aws.inspector2(region, admin)
  const accounts = targetAccounts(ctx.desired)
  const gaps = await accountGaps(ctx, region, admin, accounts)
  const unassociated = gaps.filter((g) => !g.associated && g.accountId !== admin).map((g) => g.accountId)
  // Turning scanning off needs no association: an account that is not a member is left as it is.
  if (on.length > 0)
    await mapLimit(unassociated, ASSOCIATE_CONCURRENCY, (accountId) =>
      retryConflicts(() => client.send(new AssociateMemberCommand({ accountId }))),
    )
  const missing = gaps.filter((g) => g.missing.length > 0 && (g.associated || on.length > 0))
  for (const batch of chunks(missing, BATCH)) {
    const answer = await retryConflicts(() =>
      client.send(
        new EnableCommand({
          accountIds: batch.map((g) => g.accountId),
          resourceTypes: on as ResourceScanType[],
        }),
      ),
    )
    requireAll('Enable', region, answer.failedAccounts ?? [])
  }
  const extra = gaps.filter((g) => g.associated && g.extra.length > 0)
  for (const batch of chunks(extra, BATCH)) {
    const answer = await retryConflicts(() =>
      client.send(
        new DisableCommand({
          accountIds: batch.map((g) => g.accountId),
          resourceTypes: off as ResourceScanType[],
        }),
      ),
    )
    requireAll('Disable', region, answer.failedAccounts ?? [])
  }
}

export function applyInspectorChange(change: Change, ctx: Context): Promise<void> {
  const kind = change.address.slice(0, change.address.indexOf('['))
  switch (kind) {
    case 'inspector.admin':
      return applyAdmin(change, ctx)
    case 'inspector.admin-removal':
      return applyAdminRemoval(change, ctx)
    case 'inspector.delegated-admin':
      return deregisterAdmin(change, ctx, SERVICE_PRINCIPAL)
    case 'inspector.org-config':
      return applyOrgConfig(change, ctx)
    case 'inspector.members':
      return applyMembers(change, ctx)
    default:
      throw new OrgBaselineError('PlanMismatch', `unknown inspector change ${change.address}`)
  }
}

// StackSets trusted access with Organizations (ActivateOrganizationsAccess, management account only,
// aws-facts §8). Planned by this module under the trusted-access address, which the StackSets
// delegated-admin registration already depends on.
import {
  ActivateOrganizationsAccessCommand,
  DescribeOrganizationsAccessCommand,
} from '@aws-sdk/client-cloudformation'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { ORGANIZATIONS_ACCESS } from './catalogue.ts'

export async function applyOrganizationsAccess(change: Change, ctx: Context): Promise<void> {
  const client = ctx.aws.cloudformation(ctx.desired.config.homeRegion)
  const { Status } = await client.send(new DescribeOrganizationsAccessCommand({}))
  if (recheck(change, Status === 'ENABLED' ? { servicePrincipal: ORGANIZATIONS_ACCESS } : null) === 'done')
    return
  await retryConflicts(() => client.send(new ActivateOrganizationsAccessCommand({})))
}

// Organizations' register of delegated administrators, read and undone the same way by every module whose
// service has one (GuardDuty, Inspector, IAM Access Analyzer, and delegated-admins for the rest).
import {
  DeregisterDelegatedAdministratorCommand,
  paginateListDelegatedAdministrators,
} from '@aws-sdk/client-organizations'
import { collect } from '../aws/paginate.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import type { Change } from '../engine/change.ts'
import type { Context } from '../engine/module.ts'
import { recheck } from '../engine/recheck.ts'
import { errorName } from '../errors.ts'

/** The account ids registered as `principal`'s delegated administrator, sorted. */
export async function registeredAdmins(ctx: Context, principal: string): Promise<string[]> {
  const pages = paginateListDelegatedAdministrators(
    { client: ctx.aws.organizations(), pageSize: 20 },
    { ServicePrincipal: principal },
  )
  return (await collect(pages, (p) => p.DelegatedAdministrators)).map((a) => a.Id ?? '').sort()
}

/**
 * Deregisters the account in `change.before` as `principal`'s administrator. Re-read first, and an account
 * already gone (a rerun, or another hand) is done, not an error.
 */
export async function deregisterAdmin(change: Change, ctx: Context, principal: string): Promise<void> {
  const { accountId } = change.before as { accountId: string }
  const registered = (await registeredAdmins(ctx, principal)).includes(accountId)
  if (recheck(change, registered ? change.before : null) === 'done') return
  await retryConflicts(() =>
    ctx.aws
      .organizations()
      .send(
        new DeregisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: principal }),
      ),
  ).catch((error) => {
    if (errorName(error) !== 'AccountNotRegisteredException') throw error
  })
}

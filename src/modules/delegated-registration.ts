// Organizations' register of delegated administrators, read and undone the same way by every module whose
// service has one (GuardDuty, Inspector, IAM Access Analyzer, and delegated-admins for the rest).
// Planning reads the whole register once per plan: one unfiltered ListDelegatedAdministrators (every admin
// account, whatever its service) and one ListDelegatedServicesForAccount per admin account found, instead of
// one filtered listing per service principal. Apply re-reads one principal fresh before it writes.
import {
  DeregisterDelegatedAdministratorCommand,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
} from '@aws-sdk/client-organizations'
import { collect } from '../aws/paginate.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import type { Change } from '../engine/change.ts'
import type { Context } from '../engine/module.ts'
import { recheck } from '../engine/recheck.ts'
import { errorName } from '../errors.ts'
import * as arn from '../iam/arns.ts'
import { grant, type Permission } from '../iam/grant.ts'

/** What reading the register takes, for the management account's permissions of each module that reads it. */
export const REGISTER_READ: Permission[] = [
  'organizations:ListDelegatedAdministrators',
  grant(['organizations:ListDelegatedServicesForAccount'], () => [arn.orgAccounts()]),
]

/** Service principal → its registered admin account ids, sorted. */
type Register = Map<string, string[]>

// One read per plan: every module observing with the same Context shares it.
const registers = new WeakMap<Context, Promise<Register>>()

async function servicesOf(ctx: Context, accountId: string): Promise<string[]> {
  const pages = paginateListDelegatedServicesForAccount(
    { client: ctx.aws.organizations(), pageSize: 20 },
    { AccountId: accountId },
  )
  try {
    return (await collect(pages, (p) => p.DelegatedServices)).map((s) => s.ServicePrincipal ?? '')
  } catch (error) {
    // Deregistered between the two reads: it administers nothing now.
    if (errorName(error) === 'AccountNotRegisteredException') return []
    throw error
  }
}

async function readRegister(ctx: Context): Promise<Register> {
  const pages = paginateListDelegatedAdministrators({ client: ctx.aws.organizations(), pageSize: 20 }, {})
  const admins = (await collect(pages, (p) => p.DelegatedAdministrators)).map((a) => a.Id ?? '')
  const services = await Promise.all(admins.map((id) => servicesOf(ctx, id)))
  const register: Register = new Map()
  admins.forEach((id, i) => {
    for (const principal of services[i] ?? [])
      register.set(principal, [...(register.get(principal) ?? []), id])
  })
  for (const ids of register.values()) ids.sort()
  return register
}

/** The account ids registered as `principal`'s delegated administrator, sorted, as this plan read them. */
export async function observedAdmins(ctx: Context, principal: string): Promise<string[]> {
  let register = registers.get(ctx)
  if (!register) {
    register = readRegister(ctx)
    registers.set(ctx, register)
    // A failed read is not kept: the next module asking reads again and reports its own error.
    register.catch(() => registers.get(ctx) === register && registers.delete(ctx))
  }
  return [...((await register).get(principal) ?? [])]
}

/** The account ids registered as `principal`'s delegated administrator, sorted, read now (before a write). */
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

// Trusted access (EnableAWSServiceAccess and friends) and delegated administrators, with the rules
// aws-facts §1 lists: trusted access first, never the management account, never a suspended account,
// per-service maxima.
import { EVENTUAL } from '../../consistency.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Operation } from '../service.ts'
import { accountNotFound } from './accounts.ts'
import {
  ACCOUNT_ID,
  checkId,
  constraintViolation,
  invalidInput,
  paginate,
  requiredString,
  requireManagement,
  requireReader,
} from './common.ts'
import { DELEGATED_ADMIN_PRINCIPALS, TRUSTED_ACCESS_PRINCIPALS } from './service-principals.ts'

/** Delegated administrators allowed per service principal (aws-facts §1 "Delegated administrators"). */
const MAX_DELEGATED_ADMINS: Record<string, number> = {
  'cloudtrail.amazonaws.com': 3,
  'member.org.stacksets.cloudformation.amazonaws.com': 5,
  'config-multiaccountsetup.amazonaws.com': 3,
  'config.amazonaws.com': 3,
  'guardduty.amazonaws.com': 1,
  'securityhub.amazonaws.com': 1,
  // Inspector user guide, "Designating a delegated administrator": one per organization.
  'inspector2.amazonaws.com': 1,
}
/** Services AWS publishes no figure for: one, the most common and the strictest. */
const DEFAULT_MAX_DELEGATED_ADMINS = 1

export const maxDelegatedAdmins = (principal: string) =>
  MAX_DELEGATED_ADMINS[principal] ?? DEFAULT_MAX_DELEGATED_ADMINS

/**
 * The principal, if Organizations recognises it for this use (service-principals.ts); its length and pattern
 * are checked before, by the request model.
 */
function servicePrincipal(input: Record<string, unknown>, recognised: ReadonlySet<string>): string {
  const principal = requiredString(input, 'ServicePrincipal')
  if (!recognised.has(principal)) {
    throw invalidInput(
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
      'You specified a service principal that isn’t recognized.',
    )
  }
  return principal
}

const enableServiceAccess: Operation = (input, ctx) => {
  requireManagement(ctx)
  const principal = servicePrincipal(input, TRUSTED_ACCESS_PRINCIPALS)
  const { world } = ctx
  if (!world.trustedAccess.has(principal)) {
    world.trustedAccess.set(principal, world.clock.date())
    // Eventual mode: the service itself learns of it a little later (README, "Eventual consistency").
    const delay = world.consistency.delay(EVENTUAL.crossServiceVisibility)
    if (delay > 0) world.visibleAt.set(principal, world.clock.now() + delay)
  }
  return {}
}

const disableServiceAccess: Operation = (input, ctx) => {
  requireManagement(ctx)
  ctx.world.trustedAccess.delete(servicePrincipal(input, TRUSTED_ACCESS_PRINCIPALS))
  return {}
}

const listServiceAccess: Operation = (input, ctx) => {
  requireReader(ctx)
  const enabled = [...ctx.world.trustedAccess].map(([ServicePrincipal, DateEnabled]) => ({
    ServicePrincipal,
    DateEnabled,
  }))
  const page = paginate(ctx, input, enabled, 'ListAWSServiceAccessForOrganization')
  return { EnabledServicePrincipals: page.items, NextToken: page.nextToken }
}

/** Registration as Organizations does it; GuardDuty / Security Hub / CloudTrail's own APIs may reuse it. */
export function registerDelegatedAdmin(world: World, accountId: string, principal: string): void {
  const account = world.accounts.get(accountId)
  if (!account) throw accountNotFound()
  if (accountId === world.managementAccountId) {
    throw constraintViolation(
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register the management account of the organization as a delegated administrator for an AWS service integrated with Organizations.',
    )
  }
  if (!world.trustedAccess.has(principal)) {
    throw constraintViolation(
      'SERVICE_ACCESS_NOT_ENABLED',
      'You attempted to register a delegated administrator for a service that does not have trusted access enabled.',
    )
  }
  if (account.status !== 'ACTIVE') {
    throw constraintViolation(
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register a suspended account as a delegated administrator.',
    )
  }
  const admins = world.delegatedAdmins.get(principal) ?? new Map<string, Date>()
  if (admins.has(accountId)) {
    throw new SandboxError(
      'AccountAlreadyRegisteredException',
      'The provided account is already a delegated administrator for your organization.',
      409,
    )
  }
  if (admins.size >= maxDelegatedAdmins(principal)) {
    throw constraintViolation(
      'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED',
      'You attempted to register more delegated administrators than allowed for the service principal.',
    )
  }
  admins.set(accountId, world.clock.date())
  world.delegatedAdmins.set(principal, admins)
}

export function deregisterDelegatedAdmin(world: World, accountId: string, principal: string): void {
  if (!world.accounts.has(accountId)) throw accountNotFound()
  const admins = world.delegatedAdmins.get(principal)
  if (!admins?.has(accountId)) {
    throw new SandboxError(
      'AccountNotRegisteredException',
      'The provided account is not a registered delegated administrator for your organization.',
      409,
    )
  }
  admins.delete(accountId)
  if (admins.size === 0) world.delegatedAdmins.delete(principal)
}

const registerDelegatedAdministrator: Operation = (input, ctx) => {
  requireManagement(ctx)
  const accountId = checkId(requiredString(input, 'AccountId'), ACCOUNT_ID, 'AccountId')
  const principal = servicePrincipal(input, DELEGATED_ADMIN_PRINCIPALS)
  registerDelegatedAdmin(ctx.world, accountId, principal)
  const delay = ctx.world.consistency.delay(EVENTUAL.crossServiceVisibility)
  if (delay > 0) ctx.world.visibleAt.set(`${principal}/${accountId}`, ctx.world.clock.now() + delay)
  return {}
}

const deregisterDelegatedAdministrator: Operation = (input, ctx) => {
  requireManagement(ctx)
  const accountId = checkId(requiredString(input, 'AccountId'), ACCOUNT_ID, 'AccountId')
  deregisterDelegatedAdmin(ctx.world, accountId, servicePrincipal(input, DELEGATED_ADMIN_PRINCIPALS))
  return {}
}

const listDelegatedAdministrators: Operation = (input, ctx) => {
  requireReader(ctx)
  const { world } = ctx
  const filter =
    input.ServicePrincipal === undefined ? undefined : servicePrincipal(input, DELEGATED_ADMIN_PRINCIPALS)
  const since = new Map<string, Date>()
  for (const [principal, admins] of world.delegatedAdmins) {
    if (filter && principal !== filter) continue
    for (const [accountId, date] of admins) {
      const earlier = since.get(accountId)
      if (!earlier || date < earlier) since.set(accountId, date)
    }
  }
  const rows = [...since].flatMap(([accountId, date]) => {
    const account = world.accounts.get(accountId)
    if (!account) return []
    return [
      {
        Id: account.id,
        Arn: account.arn,
        Email: account.email,
        Name: account.name,
        Status: account.status,
        State: account.status,
        JoinedMethod: account.joinedMethod,
        JoinedTimestamp: account.joinedAt,
        DelegationEnabledDate: date,
      },
    ]
  })
  const page = paginate(ctx, input, rows, `ListDelegatedAdministrators:${filter ?? ''}`)
  return { DelegatedAdministrators: page.items, NextToken: page.nextToken }
}

const listDelegatedServicesForAccount: Operation = (input, ctx) => {
  requireReader(ctx)
  const { world } = ctx
  const accountId = checkId(requiredString(input, 'AccountId'), ACCOUNT_ID, 'AccountId')
  if (!world.accounts.has(accountId)) throw accountNotFound()
  const services = [...world.delegatedAdmins].flatMap(([ServicePrincipal, admins]) => {
    const date = admins.get(accountId)
    return date ? [{ ServicePrincipal, DelegationEnabledDate: date }] : []
  })
  if (services.length === 0) {
    throw new SandboxError(
      'AccountNotRegisteredException',
      'The provided account is not a registered delegated administrator for your organization.',
      409,
    )
  }
  const page = paginate(ctx, input, services, `ListDelegatedServicesForAccount:${accountId}`)
  return { DelegatedServices: page.items, NextToken: page.nextToken }
}

export const accessOperations: Record<string, Operation> = {
  EnableAWSServiceAccess: enableServiceAccess,
  DisableAWSServiceAccess: disableServiceAccess,
  ListAWSServiceAccessForOrganization: listServiceAccess,
  RegisterDelegatedAdministrator: registerDelegatedAdministrator,
  DeregisterDelegatedAdministrator: deregisterDelegatedAdministrator,
  ListDelegatedAdministrators: listDelegatedAdministrators,
  ListDelegatedServicesForAccount: listDelegatedServicesForAccount,
}

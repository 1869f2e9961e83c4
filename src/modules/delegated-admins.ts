// Delegated administrators registered through Organizations (Config's two principals, IAM Access Analyzer's,
// and StackSets when the security tooling account administers the stack sets). GuardDuty and Security Hub designate their
// admins through their own APIs, in their own modules. Replacing an admin is destructive: the old account
// loses its organization-wide view of the service, so it is planned as a deregistration that needs
// --allow-destroy, followed by the registration.
import {
  DeregisterDelegatedAdministratorCommand,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import type { Change } from '../engine/change.ts'
import type { Desired } from '../engine/desired.ts'
import type { Module } from '../engine/module.ts'
import { recheck, writesDirectly } from '../engine/recheck.ts'
import { errorName } from '../errors.ts'
import * as arn from '../iam/arns.ts'
import { grant } from '../iam/grant.ts'
import { observedAdmins, REGISTER_READ, registeredAdmins } from './delegated-registration.ts'
import { PRINCIPALS, trustedAccessAddress } from './trusted-access.ts'

export const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com'

export function delegatedPrincipals(desired: Desired): string[] {
  return [
    ...(desired.config.config.enabled ? PRINCIPALS.config : []),
    ...(desired.config.stackSets.administrator === 'securityTooling' ? [STACKSETS_PRINCIPAL] : []),
    // Turning Access Analyzer off deregisters its administrator in the access-analyzer module, after its analyzers.
    ...(desired.config.accessAnalyzer.enabled ? PRINCIPALS.accessAnalyzer : []),
  ]
}

/** Service principal → registered admin account ids. */
type Observed = Map<string, string[]>

export const delegatedAdminAddress = (principal: string, account: string) =>
  `delegated-admin[${principal}→${account}]`

export const delegatedAdmins: Module<Observed> = {
  name: 'delegated-admins',
  permissions: {
    management: [
      ...REGISTER_READ,
      grant(
        ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
        () => [arn.orgAccounts()],
      ),
    ],
    member: [],
  },
  enabled: (desired) => delegatedPrincipals(desired).length > 0,

  async observe(ctx) {
    const principals = delegatedPrincipals(ctx.desired)
    const admins = await Promise.all(principals.map((p) => observedAdmins(ctx, p)))
    return new Map(principals.map((p, i) => [p, admins[i] ?? []]))
  },

  diff(desired, observed): Change[] {
    const wanted = desired.securityTooling
    const changes: Change[] = []
    for (const principal of delegatedPrincipals(desired)) {
      const current = observed.get(principal) ?? []
      const others = current.filter((id) => id !== wanted.id)
      const removals = others.map((id) => {
        const name = desired.org.accounts.find((a) => a.id === id)?.name ?? id
        return {
          address: delegatedAdminAddress(principal, id),
          module: 'delegated-admins',
          action: 'delete' as const,
          account: id,
          before: { servicePrincipal: principal, accountId: id },
          after: null,
          reason: `${name} (${id}) is delegated administrator for ${principal}, but the config names ${wanted.name}: deregistering removes its organization-wide access to the service`,
          dependsOn: [],
          destructive: true,
        }
      })
      changes.push(...removals)
      if (!current.includes(wanted.id)) {
        changes.push({
          address: delegatedAdminAddress(principal, wanted.id),
          module: 'delegated-admins',
          action: 'create',
          account: wanted.id,
          before: null,
          after: { servicePrincipal: principal, accountId: wanted.id },
          reason: `register ${wanted.name} as delegated administrator for ${principal}`,
          dependsOn: [trustedAccessAddress(principal), ...removals.map((r) => r.address)],
          destructive: false,
        })
      }
    }
    return changes
  },

  async apply(change, ctx) {
    const target = (change.after ?? change.before) as { servicePrincipal: string; accountId: string }
    // Registering refuses an account already registered (answered below as done), so it needs no read first.
    if (!writesDirectly(change)) {
      const registered = (await registeredAdmins(ctx, target.servicePrincipal)).includes(target.accountId)
      if (recheck(change, registered ? target : null) === 'done') return
    }
    const org = ctx.aws.organizations()
    const input = { AccountId: target.accountId, ServicePrincipal: target.servicePrincipal }
    try {
      await retryConflicts(() =>
        org.send(
          change.action === 'delete'
            ? new DeregisterDelegatedAdministratorCommand(input)
            : new RegisterDelegatedAdministratorCommand(input),
        ),
      )
    } catch (error) {
      // Another run got there first: the goal is reached.
      const done =
        change.action === 'delete' ? 'AccountNotRegisteredException' : 'AccountAlreadyRegisteredException'
      if (errorName(error) !== done) throw error
    }
  },
}

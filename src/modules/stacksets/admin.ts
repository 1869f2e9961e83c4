// Which account and region administer the stack sets, and how calls say so. Stack sets live in the home
// region. Reads go to the management account, which stores every service-managed stack set (even those a
// delegated administrator made, aws-facts §8) and can read them before a delegated administrator is
// registered; writes go to the configured administrator, with CallAs DELEGATED_ADMIN from the security
// tooling account.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { Desired } from '../../engine/desired.ts'
import type { Context } from '../../engine/module.ts'
import { delegatedAdminAddress, STACKSETS_PRINCIPAL } from '../delegated-admins.ts'

export interface StackSetAdmin {
  region: string
  reader: CloudFormationClient
  writer: CloudFormationClient
  /** Spread into every write (and into reads through the writer). */
  callAs: { CallAs?: 'DELEGATED_ADMIN' }
}

export const isDelegated = (desired: Desired) => desired.config.stackSets.administrator === 'securityTooling'

export function stackSetAdmin(ctx: Context): StackSetAdmin {
  const { desired } = ctx
  const region = desired.config.homeRegion
  const delegated = isDelegated(desired)
  return {
    region,
    reader: ctx.aws.cloudformation(region),
    writer: delegated
      ? ctx.aws.cloudformation(region, desired.securityTooling.id)
      : ctx.aws.cloudformation(region),
    callAs: delegated ? { CallAs: 'DELEGATED_ADMIN' } : {},
  }
}

/** The delegated-admin registration a delegated administrator's writes wait for (planned by delegated-admins). */
export function adminDependency(desired: Desired): string[] {
  return isDelegated(desired) ? [delegatedAdminAddress(STACKSETS_PRINCIPAL, desired.securityTooling.id)] : []
}

export function operationPreferences(desired: Desired, failureTolerancePercentage?: number) {
  const p = desired.config.stackSets.operationPreferences
  return {
    RegionConcurrencyType: p.regionConcurrency,
    MaxConcurrentPercentage: p.maxConcurrentPercentage,
    FailureTolerancePercentage: failureTolerancePercentage ?? p.failureTolerancePercentage,
    ConcurrencyMode: p.concurrencyMode,
  }
}

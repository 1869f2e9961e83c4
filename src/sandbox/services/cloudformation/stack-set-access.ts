// Who may administer which stack sets: CallAs=SELF works on the caller's own stack sets; CallAs=DELEGATED_ADMIN
// works, from a registered StackSets delegated administrator, on the management account's service-managed
// stack sets (stack sets made by a DA are stored in the management account: aws-facts §8).
import { SandboxError } from '../../errors.ts'
import type { CallContext } from '../service.ts'
import { enumValue, str, validationError } from './input.ts'
import { STACKSETS_PRINCIPAL, type StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'

export interface AdminScope {
  owner: string
  delegated: boolean
}

export function adminScope(input: Record<string, unknown>, ctx: CallContext): AdminScope {
  const callAs = enumValue(str(input, 'CallAs'), ['SELF', 'DELEGATED_ADMIN'] as const, 'callAs') ?? 'SELF'
  if (callAs === 'DELEGATED_ADMIN') {
    if (!ctx.world.isDelegatedAdmin(ctx.account, STACKSETS_PRINCIPAL)) {
      throw validationError('Account used is not a delegated administrator')
    }
    return { owner: ctx.world.managementAccountId, delegated: true }
  }
  return { owner: ctx.account, delegated: false }
}

/** Service-managed stack sets: only the management account (SELF) or a DA (DELEGATED_ADMIN), with trusted access. */
export function checkServiceManagedAccess(scope: AdminScope, ctx: CallContext): void {
  const isManagement = ctx.account === ctx.world.managementAccountId
  if (!scope.delegated && !isManagement) {
    throw validationError(
      'You must be the management account or delegated admin account of an organization before operating a SERVICE_MANAGED stack set',
    )
  }
  if (!ctx.world.hasTrustedAccess(STACKSETS_PRINCIPAL)) {
    throw validationError('You must enable organizations access to operate a service managed stack set')
  }
}

export const stackSetKey = (owner: string, region: string, name: string) => `${owner}|${region}|${name}`

/** The ACTIVE stack set by name or id in the scope, or StackSetNotFoundException. */
export function getStackSet(
  input: Record<string, unknown>,
  ctx: CallContext,
  scope = adminScope(input, ctx),
): StackSet {
  const nameOrId = str(input, 'StackSetName') ?? ''
  if (!nameOrId) {
    throw validationError(
      "1 validation error detected: Value null at 'stackSetName' failed to satisfy constraint: Member must not be null",
    )
  }
  const ss = findStackSet(ctx, scope, nameOrId)
  if (!ss) throw new SandboxError('StackSetNotFoundException', `StackSet ${nameOrId} not found`, 404)
  if (ss.permissionModel === 'SERVICE_MANAGED') checkServiceManagedAccess(scope, ctx)
  return ss
}

export function findStackSet(ctx: CallContext, scope: AdminScope, nameOrId: string): StackSet | undefined {
  const state = cfnState(ctx.world)
  const name = nameOrId.includes(':') ? (nameOrId.split(':')[0] ?? '') : nameOrId
  const ss = state.stackSets.get(stackSetKey(scope.owner, ctx.region, name))
  if (ss?.status !== 'ACTIVE') return undefined
  if (nameOrId.includes(':') && ss.id !== nameOrId) return undefined
  if (scope.delegated && ss.permissionModel !== 'SERVICE_MANAGED') return undefined
  return ss
}

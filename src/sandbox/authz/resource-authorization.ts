// CloudFormation acts in an account as some principal: a stack set instance's stack as the stack set's
// execution role in the target account, a plain stack with the credentials of whoever created or updated it.
// Each resource it creates, updates or deletes is authorized as that principal for the actions the resource
// type's handlers call (resource-actions.ts); a denial fails the resource with the service's AccessDenied.
// Sources: CloudFormation user guide, "Configure a custom execution role template for StackSets" ("By default,
// StackSets with service-managed permissions creates an execution role named stacksets-exec-* in each target
// account"); AWS managed policy CloudFormationStackSetsOrgAdminServiceRolePolicy (sts:AssumeRole on
// `arn:aws:iam::*:role/stacksets-exec-*`); self-managed stack sets run as the ExecutionRoleName role
// (CreateStackSet API reference). The hash after `stacksets-exec-` is AWS's own: crafted here, stable per
// management account.
import { createHash } from 'node:crypto'
import { type ResourceScope, resourceCalls } from '../../policy/resource-actions.ts'
import type { SandboxError } from '../errors.ts'
import type { Session } from '../services/sts.ts'
import type { World } from '../state.ts'
import { bucketPolicyForArn } from './actions/s3.ts'
import { authorizeAs } from './authorize-as.ts'
import { accessDenied, serviceOfAction } from './denial.ts'
import { roleSession } from './principal.ts'
import type { Via } from './request-context.ts'

/** The principal CloudFormation acts as for a stack. */
export interface StackActor {
  session: Session
  /** Set when CloudFormation uses the caller's own credentials (no service role). */
  via?: Via
}

/** The name StackSets gives the execution role it creates in target accounts of a service-managed stack set. */
export function serviceManagedExecutionRoleName(world: World): string {
  const digest = createHash('md5').update(`stacksets-exec/${world.managementAccountId}`).digest('hex')
  return `stacksets-exec-${digest}`
}

export function executionRoleActor(account: string, roleName: string): StackActor {
  return { session: roleSession(account, `arn:aws:iam::${account}:role/${roleName}`, 'AWSCloudFormation') }
}

export const callerActor = (session: Session): StackActor => ({
  session,
  via: { service: 'cloudformation.amazonaws.com' },
})

/** The first denied call for this resource change, as the service's AccessDenied error; undefined if allowed. */
export function authorizeResourceChange(
  world: World,
  actor: StackActor | undefined,
  type: string,
  mode: 'create' | 'update' | 'delete',
  scope: ResourceScope,
): SandboxError | undefined {
  if (!actor) return undefined
  for (const call of resourceCalls(type, mode, scope)) {
    // A bucket's policy takes part in CloudFormation's calls on it, as in anyone's (aws:CalledVia set when
    // CloudFormation uses the caller's credentials). CreateBucket acts on no existing bucket: a taken name is
    // S3's BucketAlreadyExists, not a judgement under its holder's policy.
    const resourcePolicy =
      call.action === 's3:CreateBucket'
        ? undefined
        : call.resources.map((arn) => bucketPolicyForArn(world, arn)).find(Boolean)
    const denial = authorizeAs(world, actor.session, {
      action: call.action,
      resources: call.resources,
      region: scope.region,
      ...(actor.via ? { via: actor.via } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
    })
    if (denial) return accessDenied(serviceOfAction(call.action), denial.message)
  }
  return undefined
}

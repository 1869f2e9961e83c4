// Judging one action as one principal, by the one policy evaluator. Every API call (authorize-call.ts, from
// server.ts) and every action the sandbox takes on a principal's behalf (CloudFormation creating a stack's
// resources as its execution role: resource-authorization.ts) comes here. The policies: SCPs on the path
// root → OUs → account for member-account principals (not the management account, not service-linked roles —
// aws-facts §1 "SCP semantics"), plus the principal's own identity / boundary / session policies
// (principal-policies.ts), and the RCPs of the account that owns the resource (rcp-path.ts). A request that
// involves several resources is judged once per resource; the first denial answers.
import { authorize, denialMessage } from '../../policy/index.ts'
import type { AuthorizationInput, ContextValue, Decision } from '../../policy/types.ts'
import type { Session } from '../services/sts.ts'
import type { World } from '../state.ts'
import { serviceOfAction } from './denial.ts'
import { isServiceLinkedRole, principalArnOf } from './principal.ts'
import { principalPolicies } from './principal-policies.ts'
import { rcpLevels } from './rcp-path.ts'
import { principalKeys, requestContext, requestedRegion, resourceKeys, type Via } from './request-context.ts'
import { scpLevels } from './scp-path.ts'
import type { ResourcePolicy } from './types.ts'

/** The policy sets that govern a principal; undefined when none takes part (nothing to evaluate). */
export function policySets(world: World, principal: Session): AuthorizationInput | undefined {
  const own = principalPolicies(world, principal)
  const scps = isServiceLinkedRole(principalArnOf(principal))
    ? undefined
    : scpLevels(world, principal.account)
  if (!scps && !own.identity && !own.boundary && !own.session) return undefined
  return {
    ...(scps ? { scps } : {}),
    ...(own.identity ? { identity: own.identity } : {}),
    ...(own.boundary ? { boundary: own.boundary } : {}),
    ...(own.session ? { session: own.session } : {}),
  }
}

export interface ActionRequest {
  /** `service:Action`. */
  action: string
  /** Resource ARNs; `['*']` for an action without resource-level permissions. */
  resources: string[]
  /** The Region the request is made in (the SigV4 Region; global services are mapped to us-east-1 here). */
  region: string
  /** Request condition keys beyond the principal's and the resource's. */
  context?: Record<string, ContextValue>
  /** Set when a service acts with the principal's own credentials (aws:ViaAWSService, aws:CalledVia). */
  via?: Via
  /** The resource's own policy, when it takes part (role trust policies). */
  resourcePolicy?: ResourcePolicy
}

export interface Denial {
  decision: Decision
  resource: string
  /** AWS's message: "User: <arn> is not authorized to perform: <action> on resource: <arn> because…". */
  message: string
}

/** Judges one action as `principal`; undefined when allowed. Exported for actions taken inside the sandbox. */
export function authorizeAs(world: World, principal: Session, request: ActionRequest): Denial | undefined {
  const sets = policySets(world, principal)
  if (!sets && !request.resourcePolicy) return undefined
  return judge(world, principal, sets ?? {}, request)
}

export function judge(
  world: World,
  principal: Session,
  sets: AuthorizationInput,
  request: ActionRequest,
): Denial | undefined {
  const region = requestedRegion(serviceOfAction(request.action), request.region)
  const principalContext = principalKeys(world, principal, region, request.via)
  const hasRequestKeys = request.context !== undefined && Object.keys(request.context).length > 0
  // RCPs guard the resource's account, whoever calls (rcp-path.ts); service-linked roles are not restricted.
  const rcpExempt = isServiceLinkedRole(principalArnOf(principal))
  for (const resource of request.resources) {
    const ofResource = resourceKeys(world, resource)
    // Shared when nothing is added, so the evaluator's index of the keys is built once per principal and second.
    const keys =
      !hasRequestKeys && Object.keys(ofResource).length === 0
        ? principalContext
        : { ...principalContext, ...request.context, ...ofResource }
    const context = requestContext(principal, request.action, resource, keys)
    const own = request.resourcePolicy
    const rcps = rcpExempt
      ? undefined
      : rcpLevels(world, own?.account ?? resource.split(':')[4], request.action)
    const decision = authorize(
      {
        ...sets,
        ...(rcps ? { rcps } : {}),
        ...(own ? { resource: own.policies, resourceMustAllow: own.mustAllow } : {}),
        sameAccount: resource === '*' || (own?.account ?? resource.split(':')[4]) === principal.account,
      },
      context,
    )
    if (!decision.allowed) {
      return { decision, resource, message: denialMessage(principal.principalArn, context, decision) }
    }
  }
  return undefined
}

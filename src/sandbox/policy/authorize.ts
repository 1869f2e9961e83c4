// AWS's evaluation logic over every policy that governs a request. Sources (IAM user guide):
// "Policy evaluation logic" (reference_policies_evaluation-logic), "How AWS enforcement code logic evaluates
// requests to allow or deny access" (…_policy-eval-denyallow), "Cross-account policy evaluation logic"
// (…-cross-account); Organizations user guide, "SCP evaluation" (orgs_manage_policies_scps_evaluation) and
// "Resource control policies" (orgs_manage_policies_rcps_evaluation).
// 1. An explicit Deny in any applicable policy (SCP, RCP, identity, boundary, session, resource) decides.
// 2. SCPs: at every level of the path root → OUs → account some SCP must allow ("every level must allow";
//    a Deny at any level wins). RCPs likewise, for the resource's account.
// 3. Within one account, an Allow in the identity OR the resource policy suffices; across accounts both must
//    allow. Role trust policies and KMS key policies must allow in any case (`resourceMustAllow`).
//    A resource policy that names only the principal's account delegates to it: identity policies must allow.
// 4. A permissions boundary and session policies must allow as well — except where a same-account resource
//    policy names the user or the role session itself ("…not limited by an implicit deny in a permissions
//    boundary or session policy").
// 5. Service principals (and anonymous callers) have no identity policies: the resource policy decides.
// A policy set left undefined takes no part (the sandbox does not model it: it is presumed to allow); an
// empty array takes part and allows nothing.

import { type DetailedEvaluation, evaluateDetailed } from './evaluate.ts'
import { GRANTEE_RANK } from './principal.ts'
import type { AuthorizationInput, Decision, DenialReason, NamedPolicy, RequestContext } from './types.ts'
import { arnParts } from './wildcard.ts'

interface SetEvaluation {
  /** undefined: the set takes no part. */
  result?: DetailedEvaluation
}

/** A set of policies as one: Deny if any denies, Allow (the strongest grant) if any allows. */
function evaluateSet(policies: NamedPolicy[] | undefined, request: RequestContext): SetEvaluation {
  if (!policies) return {}
  let allow: DetailedEvaluation | undefined
  for (const policy of policies) {
    const result = evaluateDetailed(policy, request)
    if (result.effect === 'Deny') return { result }
    if (
      result.effect === 'Allow' &&
      (!allow || GRANTEE_RANK[result.grantee ?? 'any'] > GRANTEE_RANK[allow.grantee ?? 'any'])
    )
      allow = result
  }
  return { result: allow ?? { effect: 'NotApplicable' } }
}

function deny(reason: DenialReason, from?: DetailedEvaluation, level?: number): Decision {
  return {
    allowed: false,
    reason,
    ...(from?.match ? { match: from.match } : {}),
    ...(level !== undefined ? { level } : {}),
  }
}

/** Whether principal and resource share an account: given, or read from the resource ARN where it names one. */
function isSameAccount(input: AuthorizationInput, request: RequestContext): boolean {
  if (input.sameAccount !== undefined) return input.sameAccount
  if (request.principal.type !== 'AWS') return false
  const account = arnParts(request.resource)?.[4]
  return !account || account === request.principal.account
}

export function authorize(input: AuthorizationInput, request: RequestContext): Decision {
  const scpLevels = input.scps?.map((level) => evaluateSet(level, request).result as DetailedEvaluation)
  const rcpLevels = input.rcps?.map((level) => evaluateSet(level, request).result as DetailedEvaluation)
  const identity = evaluateSet(input.identity, request).result
  const boundary = evaluateSet(input.boundary, request).result
  const session = evaluateSet(input.session, request).result
  const resource = evaluateSet(input.resource, request).result

  // 1. Explicit deny anywhere.
  const scpDeny = scpLevels?.findIndex((r) => r.effect === 'Deny') ?? -1
  if (scpDeny >= 0) return deny('explicit-deny-scp', scpLevels?.[scpDeny], scpDeny)
  const rcpDeny = rcpLevels?.findIndex((r) => r.effect === 'Deny') ?? -1
  if (rcpDeny >= 0) return deny('explicit-deny-rcp', rcpLevels?.[rcpDeny], rcpDeny)
  if (identity?.effect === 'Deny') return deny('explicit-deny-identity', identity)
  if (boundary?.effect === 'Deny') return deny('explicit-deny-boundary', boundary)
  if (session?.effect === 'Deny') return deny('explicit-deny-session', session)
  if (resource?.effect === 'Deny') return deny('explicit-deny-resource', resource)

  // 2. Organization guardrails: every level must allow.
  const scpGap = scpLevels?.findIndex((r) => r.effect !== 'Allow') ?? -1
  if (scpGap >= 0) return deny('no-scp-allows', undefined, scpGap)
  const rcpGap = rcpLevels?.findIndex((r) => r.effect !== 'Allow') ?? -1
  if (rcpGap >= 0) return deny('no-rcp-allows', undefined, rcpGap)

  const resourceAllows = resource === undefined || resource.effect === 'Allow'
  const identityAllows = identity === undefined || identity.effect === 'Allow'
  const allowedBy = (from: DetailedEvaluation | undefined): Decision =>
    from?.match ? { allowed: true, match: from.match } : { allowed: true }

  // 5. Service principals and anonymous callers: the resource policy alone.
  if (request.principal.type !== 'AWS') {
    return resourceAllows ? allowedBy(resource) : deny('no-resource-allows')
  }

  // 3. Identity and resource policies.
  const sameAccount = isSameAccount(input, request)
  const delegatedOnly = resource?.effect === 'Allow' && resource.grantee === 'account'
  let via: DetailedEvaluation | undefined
  let directGrant = false
  if (input.resourceMustAllow || !sameAccount) {
    if (!resourceAllows) return deny('no-resource-allows')
    // A trust or key policy naming the principal itself suffices in its own account; otherwise the identity
    // policies must allow too (across accounts always; in one account when the grant is to the account).
    if ((!sameAccount || delegatedOnly) && !identityAllows) return deny('no-identity-allows')
    via = sameAccount && !delegatedOnly ? resource : (identity ?? resource)
    directGrant = sameAccount && resource?.grantee === 'exact'
  } else if (resource?.effect === 'Allow' && !delegatedOnly) {
    via = resource
    directGrant = resource.grantee === 'exact'
  } else if (identity === undefined || identity.effect === 'Allow') {
    via = identity
  } else {
    return deny('no-identity-allows')
  }

  // 4. Boundary and session policies cap everything but a same-account grant to the principal itself.
  if (!directGrant) {
    if (boundary && boundary.effect !== 'Allow') return deny('no-boundary-allows')
    if (session && session.effect !== 'Allow') return deny('no-session-allows')
  }
  return allowedBy(via)
}

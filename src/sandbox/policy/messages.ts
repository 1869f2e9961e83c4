// AWS's AccessDenied wording. Source: IAM user guide, "Troubleshoot access denied error messages"
// (troubleshoot_access-denied): "User: <user> is not authorized to perform: <action> on resource: <resource>
// because <context>", where the context is "with an explicit deny in a <type> policy" or "because no <type>
// policy allows the <action> action"; the page's examples give the types as "identity-based policy",
// "resource-based policy", "permissions boundary", "session policy", "service control policy", "resource control
// policy", and omit "on resource: …" for actions without a resource. AWS Security Blog, "Enhanced access denied
// error messages with policy ARNs" (2025): same-account and same-organization denials append the denying
// policy's ARN after a colon, e.g. "…with an explicit deny in a service control policy:
// arn:aws:organizations::987654321098:policy/o-…/service_control_policy/p-…". The 2023 page noted that SCP
// denials then always read "explicit", even when implicit; AWS now words them "because no service control policy
// allows the <action> action" (observed in the wild, e.g. CDK bootstrap lookups blocked by a sandbox SCP).
import type { Decision, DenialReason, RequestContext } from './types.ts'

const EXPLICIT: Partial<Record<DenialReason, string>> = {
  'explicit-deny-scp': 'a service control policy',
  'explicit-deny-rcp': 'a resource control policy',
  'explicit-deny-identity': 'an identity-based policy',
  'explicit-deny-resource': 'a resource-based policy',
  'explicit-deny-boundary': 'a permissions boundary',
  'explicit-deny-session': 'a session policy',
}

const IMPLICIT: Partial<Record<DenialReason, string>> = {
  'no-scp-allows': 'service control policy',
  'no-rcp-allows': 'resource control policy',
  'no-identity-allows': 'identity-based policy',
  'no-resource-allows': 'resource-based policy',
  'no-boundary-allows': 'permissions boundary',
  'no-session-allows': 'session policy',
}

export interface DenialMessageOptions {
  /**
   * The resource policy is a role trust policy (sts:AssumeRole*): the troubleshooting page words it "with an
   * explicit deny in the role trust policy" and, for the implicit case, names "role trust policy" as the type.
   */
  resourcePolicy?: 'resource-based policy' | 'role trust policy'
}

/** Why a request was refused, in AWS's words; the policy ARN is named when the deciding policy has one. */
export function denialContext(
  request: RequestContext,
  decision: Decision,
  options: DenialMessageOptions = {},
): string {
  const reason = decision.reason
  if (!reason) return ''
  const trust = options.resourcePolicy === 'role trust policy'
  const explicit = trust && reason === 'explicit-deny-resource' ? 'the role trust policy' : EXPLICIT[reason]
  if (explicit) {
    const arn = decision.match?.policyArn
    return `with an explicit deny in ${explicit}${arn ? `: ${arn}` : ''}`
  }
  const type = trust && reason === 'no-resource-allows' ? 'role trust policy' : IMPLICIT[reason]
  return `because no ${type} allows the ${request.action} action`
}

/**
 * The AccessDenied message for a refused request. `principalArn` is the caller as AWS names it (the assumed-role
 * session ARN for a role session). A request with resource `*` has no "on resource" part.
 */
export function denialMessage(
  principalArn: string,
  request: RequestContext,
  decision: Decision,
  options: DenialMessageOptions = {},
): string {
  const onResource = request.resource === '*' ? '' : ` on resource: ${request.resource}`
  const context = denialContext(request, decision, options)
  return `User: ${principalArn} is not authorized to perform: ${request.action}${onResource}${context ? ` ${context}` : ''}`
}

// The aws:Principal* condition keys AWS puts in every signed request, for callers that build a RequestContext.
// Source: IAM user guide, "AWS global condition context keys" (reference_policies_condition-keys):
// - aws:PrincipalArn: "For IAM roles, the request context returns the ARN of the role, not the ARN of the user
//   that assumed the role"; the root user's is `arn:aws:iam::<id>:root`; absent for anonymous requests.
// - aws:PrincipalAccount: the principal's account.
// - aws:PrincipalOrgID / aws:PrincipalOrgPaths: "only if the principal is a member of an organization".
// - aws:PrincipalIsAWSService: "true" when a service principal acts directly, "false" for any other signed request.
// - aws:PrincipalServiceName: only when the call is made by a service principal.
import type { ContextValue, Principal } from './types.ts'

export interface PrincipalFacts {
  /** The role's ARN with its path, for a role session (the session ARN does not carry the path). */
  roleArn?: string
  /** The principal's organization, if its account is a member of one. */
  orgId?: string
  /** `o-…/r-…/ou-…/` paths of the principal's account. */
  orgPaths?: string[]
}

const SESSION_ARN = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/

export function principalContext(
  principal: Principal,
  facts: PrincipalFacts = {},
): Record<string, ContextValue> {
  if (principal.type === 'Anonymous') return {}
  if (principal.type === 'Service') {
    return { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': principal.service }
  }
  const session = principal.arn.match(SESSION_ARN)
  const arn =
    facts.roleArn ?? (session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : principal.arn)
  return {
    'aws:PrincipalArn': arn,
    'aws:PrincipalAccount': principal.account,
    'aws:PrincipalIsAWSService': 'false',
    ...(facts.orgId ? { 'aws:PrincipalOrgID': facts.orgId } : {}),
    ...(facts.orgPaths ? { 'aws:PrincipalOrgPaths': facts.orgPaths } : {}),
  }
}

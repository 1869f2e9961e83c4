// The identity-side policies of a caller, for the server's authorization hook and for STS AssumeRole.
// - An assumed-role session: the role's inline and attached managed policies (identity), its permissions
//   boundary, and the session policies passed at AssumeRole — all evaluated as of now, so a policy a test
//   changes takes effect on the next call (IAM User Guide, "Policy evaluation logic": identity-based
//   policies, permissions boundaries and session policies must each allow). A role deleted since the session
//   began has no policies: every call is denied. A session the sandbox makes for itself (no access key:
//   CloudFormation acting as a StackSets execution role the store does not hold, authz/principal.ts) is not
//   modelled: it takes no identity part, only SCPs.
// - Root: none. The root user has every permission in its account; only SCPs limit a member account's root
//   (IAM User Guide, "AWS account root user"; Organizations User Guide, "Service control policies": "SCPs
//   affect… the root user").
import type { NamedPolicy } from '../../policy/types.ts'
import { boundaryPolicies, identityPolicies, roleByArn } from '../services/iam-roles/store.ts'
import type { Session } from '../services/sts-sessions.ts'
import type { World } from '../state.ts'

export interface PrincipalPolicies {
  identity?: NamedPolicy[]
  boundary?: NamedPolicy[]
  session?: NamedPolicy[]
}

export function principalPolicies(world: World, caller: Session): PrincipalPolicies {
  if (!caller.assumedRole || caller.roleArn === undefined) return {}
  const role = roleByArn(world, caller.roleArn)
  if (!role) return caller.accessKeyId === '' ? {} : { identity: [] }
  const boundary = boundaryPolicies(world, role)
  return {
    identity: identityPolicies(world, role),
    ...(boundary ? { boundary } : {}),
    ...(caller.sessionPolicies ? { session: caller.sessionPolicies } : {}),
  }
}

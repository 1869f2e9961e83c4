// The policies a principal carries itself: identity policies, its permissions boundary and the session
// policies passed when its session was made. The sandbox does not model IAM identities yet, so this returns
// nothing and identity-based evaluation takes no part (every principal may do what its SCPs allow).
// The IAM role store (helper B2, branch `principals`) replaces this body; the signature is the contract the
// authorization hook (authorize-call.ts) relies on.
import type { NamedPolicy } from '../../policy/types.ts'
import type { Session } from '../services/sts.ts'
import type { World } from '../state.ts'

export interface PrincipalPolicies {
  /** Identity policies (inline and managed); undefined = not modelled for this principal. */
  identity?: NamedPolicy[]
  /** Permissions boundary; undefined = none. */
  boundary?: NamedPolicy[]
  /** Session policies passed at AssumeRole; undefined = none. */
  session?: NamedPolicy[]
}

export function principalPolicies(_world: World, _caller: Session): PrincipalPolicies {
  return {}
}

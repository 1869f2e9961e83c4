// Principal / NotPrincipal of resource-based policies. Source: IAM user guide, "AWS JSON policy elements:
// Principal" (reference_policies_elements_principal):
// - "*" and {"AWS": "*"} are equivalent and name everyone, anonymous requests included.
// - An account id or `arn:aws:iam::<id>:root` names the account: it delegates to the account, whose identity
//   policies must then grant its users and roles (section "AWS account principals").
// - A role ARN names the role: its sessions (`arn:aws:sts::<id>:assumed-role/<name>/<session>`) match it; an
//   assumed-role session ARN names that session only; a user ARN names the user. No partial wildcards.
// - {"Service": "<service>.amazonaws.com"} names a service principal.
// - NotPrincipal with Deny: "you must also include the account ARN of the not-denied principal"; the request is
//   judged for the session, its role and its account, so a principal is exempt only if each of them is listed
//   (section "AWS JSON policy elements: NotPrincipal").
import { asList } from './document.ts'
import type { Principal, Statement } from './types.ts'

/**
 * How an Allow named the principal: `exact` (its own ARN, or a service principal), `role` (the role whose
 * session it is), `account` (its account: delegation, identity policies must grant too), `any` ("*").
 */
export type Grantee = 'exact' | 'role' | 'account' | 'any'

const ACCOUNT_ID = /^\d{12}$/
const ROOT_ARN = /^arn:aws[\w-]*:iam::(\d{12}):root$/
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/
const SESSION_ARN = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/

/** How one Principal entry names the requester, or undefined if it does not. */
function matchEntry(type: string, entry: string, principal: Principal): Grantee | undefined {
  if (type === 'AWS' && entry === '*') return 'any'
  if (type === 'Service')
    return principal.type === 'Service' && principal.service === entry ? 'exact' : undefined
  if (type !== 'AWS' || principal.type !== 'AWS') return undefined // Federated, CanonicalUser: not modelled.
  if (entry === principal.arn) return 'exact'
  const account = ACCOUNT_ID.test(entry) ? entry : entry.match(ROOT_ARN)?.[1]
  if (account)
    return account === principal.account ? (ROOT_ARN.test(principal.arn) ? 'exact' : 'account') : undefined
  const role = entry.match(ROLE_ARN)
  const session = principal.arn.match(SESSION_ARN)
  if (role && session && role[1] === session[1] && role[2] === session[2]) return 'role'
  return undefined
}

/** Which grant counts for more when several statements allow: a grant to the principal itself first. */
export const GRANTEE_RANK: Record<Grantee, number> = { exact: 3, role: 2, any: 1, account: 0 }

/** The strongest way the statement's Principal names the requester; `any` when the element is absent. */
export function matchPrincipal(statement: Statement, principal: Principal): Grantee | undefined {
  const element = statement.Principal
  if (element === undefined)
    return statement.NotPrincipal === undefined ? 'any' : matchNotPrincipal(statement, principal)
  if (element === '*') return 'any'
  let best: Grantee | undefined
  for (const [type, entries] of Object.entries(element)) {
    for (const entry of asList(entries)) {
      const grantee = matchEntry(type, entry, principal)
      if (grantee && (best === undefined || GRANTEE_RANK[grantee] > GRANTEE_RANK[best])) best = grantee
    }
  }
  return best
}

/** The identities a request is judged as for NotPrincipal: the session, its role, its account. */
function identities(principal: Principal): Principal[] {
  if (principal.type !== 'AWS') return [principal]
  const list: Principal[] = [principal]
  const session = principal.arn.match(SESSION_ARN)
  if (session)
    list.push({
      type: 'AWS',
      arn: `arn:aws:iam::${session[1]}:role/${session[2]}`,
      account: principal.account,
    })
  if (!ROOT_ARN.test(principal.arn))
    list.push({ type: 'AWS', arn: `arn:aws:iam::${principal.account}:root`, account: principal.account })
  return list
}

function listed(element: Record<string, string | string[]>, principal: Principal): boolean {
  return Object.entries(element).some(([type, entries]) =>
    asList(entries).some((entry) => {
      if (type === 'AWS' && entry === '*') return true
      if (type === 'Service') return principal.type === 'Service' && principal.service === entry
      if (type !== 'AWS' || principal.type !== 'AWS') return false
      if (entry === principal.arn) return true
      const role = entry.match(ROLE_ARN)
      const self = principal.arn.match(ROLE_ARN)
      if (role && self) return role[1] === self[1] && role[2] === self[2]
      const account = ACCOUNT_ID.test(entry) ? entry : entry.match(ROOT_ARN)?.[1]
      return account !== undefined && ROOT_ARN.test(principal.arn) && account === principal.account
    }),
  )
}

/**
 * NotPrincipal: a Deny applies unless every identity of the request is listed; an Allow (which AWS advises
 * against) applies only if none is listed — the stricter reading in both directions.
 */
function matchNotPrincipal(statement: Statement, principal: Principal): Grantee | undefined {
  const element = statement.NotPrincipal ?? {}
  const each = identities(principal).map((identity) => listed(element, identity))
  if (statement.Effect === 'Deny') return each.every(Boolean) ? undefined : 'any'
  return each.some(Boolean) ? undefined : 'any'
}

// The lockout guard (DESIGN.md §8): before anything is written, prove that the SCPs on every guarded
// account's path — all of them, as they will stand after the plan — leave each protected principal every
// call it makes there (protected-needs.ts), in every target region (global services in us-east-1), judged
// by `authorize`, the evaluator the sandbox enforces SCPs with, on the request context AWS builds.
// Accounts whose path carries the same SCPs and whose id no SCP on it can name evaluate identically: one
// stands for all. Regions likewise, when no SCP on the path can tell regions apart: then every need, a
// stack's included, is judged in one region and the verdict stands for all of them.
import type { Desired } from '../../engine/desired.ts'
import type { Module } from '../../engine/module.ts'
import {
  authorize,
  type ContextValue,
  type Decision,
  type NamedPolicy,
  type PolicyDocument,
  principalContext,
  requestReadsKey,
} from '../../policy/index.ts'
import { isActive, type OrgAccount } from '../organization/snapshot.ts'
import type { TemplateName } from '../stacksets/catalogue.ts'
import type { ScpObserved } from './observed.ts'
import { accountKind, type Need, type PrincipalNeeds, principalNeeds } from './protected-needs.ts'
import { type PathLevel, type PathScp, scpPaths } from './scp-path.ts'

export interface LockoutInput {
  desired: Desired
  observed: ScpObserved
  modules: readonly Module[]
  templates: Partial<Record<TemplateName, string>>
}

export interface LockoutReport {
  problems: string[]
  /** authorize() calls made, and how many account groups / accounts they covered (for --stats and tests). */
  evaluations: number
  groups: number
  accounts: number
}

/** Member accounts the baseline acts in: under a deployment target, not excluded, plus the two it uses. */
export function guardedAccounts(desired: Desired): OrgAccount[] {
  const units = new Map(desired.org.units.map((u) => [u.id, u]))
  const targets = new Set(desired.deploymentTargets.map((t) => t.id))
  const excluded = new Set([
    ...desired.excludedOus.map((t) => t.id),
    ...desired.excludedAccounts.map((a) => a.id),
  ])
  const under = (account: OrgAccount, set: Set<string>) => {
    if (set.has(account.id)) return true
    for (let id: string | undefined = account.parentId; id; id = units.get(id)?.parentId) {
      if (set.has(id)) return true
    }
    return false
  }
  const special = new Set([desired.securityTooling.id, desired.logArchive.id])
  return desired.org.accounts.filter(
    (a) =>
      a.id !== desired.management.id &&
      isActive(a) &&
      (special.has(a.id) || (under(a, targets) && !under(a, excluded))),
  )
}

// A wildcard next to digits could match part of an account id without naming it.
const PARTIAL_ID = /\d[*?]|[*?]\d/
// Region names, region wildcards or the region key: such a policy may judge regions differently.
const REGIONAL = /requestedregion|\b(af|ap|ca|cn|eu|il|me|mx|sa|us)-[a-z*?]/i
// An ARN pattern's region field: anything but empty or `*` (say `*-1`) may match some regions and not others.
const ARN_REGION = /arn:[^:"]*:[^:"]*:([^:"]*):/gi
const judgesRegions = (text: string) =>
  REGIONAL.test(text) || [...text.matchAll(ARN_REGION)].some(([, region]) => region !== '' && region !== '*')

const namedCache = new WeakMap<PathScp, NamedPolicy>()
const named = (scp: PathScp): NamedPolicy => {
  let policy = namedCache.get(scp)
  if (!policy) {
    policy = { name: `${scp.name} (${scp.id})`, document: scp.document as PolicyDocument }
    namedCache.set(scp, policy)
  }
  return policy
}

interface Finding {
  what: string
  fix: string
  role: PrincipalNeeds
  need: Need
  /** The account the need's resource ARN was built for. */
  representative: string
  accounts: OrgAccount[]
  regions: Set<string>
}

/** The request context of a role's session in an account and region: shared by every need judged there. */
function contextFor(
  desired: Desired,
  account: OrgAccount,
  roleName: string,
  region: string,
  viaCloudFormation: boolean,
): Record<string, ContextValue> {
  const roleArn = `arn:aws:iam::${account.id}:role/${roleName}`
  return {
    ...principalContext(principalOf(account, roleName), { roleArn, orgId: desired.org.id }),
    'aws:PrincipalType': 'AssumedRole',
    'aws:RequestedRegion': region,
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': viaCloudFormation ? 'true' : 'false',
    ...(viaCloudFormation ? { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } : {}),
  }
}

const principalOf = (account: OrgAccount, roleName: string) => ({
  type: 'AWS' as const,
  arn: `arn:aws:sts::${account.id}:assumed-role/${roleName}/org-baseline`,
  account: account.id,
})

const statementLabel = (statement: string) =>
  /^\d+$/.test(statement) ? `statement ${Number(statement) + 1}` : `statement "${statement}"`

export function lockoutGuard(input: LockoutInput): LockoutReport {
  const { desired } = input
  const pathOf = scpPaths(desired, input.observed)
  const accounts = guardedAccounts(desired)
  // Group accounts that must evaluate identically.
  const groups = new Map<string, { path: PathLevel[]; members: OrgAccount[]; regional: boolean }>()
  for (const account of accounts) {
    const path = pathOf(account)
    const texts = path.flatMap((l) => l.policies.map((p) => p.text))
    const namesAccount = texts.some((t) => t.includes(account.id) || PARTIAL_ID.test(t))
    const key = namesAccount
      ? `account:${account.id}`
      : `${accountKind(desired, account)}|${path.map((l) => l.policies.map((p) => `${p.id}/${p.name}`).join(',')).join('>')}`
    const group = groups.get(key)
    if (group) group.members.push(account)
    else groups.set(key, { path, members: [account], regional: texts.some(judgesRegions) })
  }

  let evaluations = 0
  const findings = new Map<string, Finding>()
  for (const { path, members, regional } of groups.values()) {
    const representative = members[0] as OrgAccount
    const scps = path.map((l) => l.policies.map(named))
    // The roles share most needs, a template's create, update and delete calls overlap, and most requests
    // differ only where no SCP statement for their action looks (requestReadsKey): each distinct reading is
    // judged once. A context object per role, region and caller is reused, with its key lookup.
    const decisions = new Map<string, Decision>()
    const contexts = new Map<string, Record<string, ContextValue>>()
    const judge = (roleName: string, need: Need, region: string): Decision => {
      const via = need.viaCloudFormation === true
      const contextKey = `${roleName}\0${region}\0${via}`
      let context = contexts.get(contextKey)
      if (!context) {
        context = contextFor(desired, representative, roleName, region, via)
        contexts.set(contextKey, context)
      }
      const request = {
        action: need.action,
        resource: need.resource,
        principal: principalOf(representative, roleName),
        context,
      }
      const key = requestReadsKey(scps, request)
      let decision = decisions.get(key)
      if (!decision) {
        evaluations++
        decision = authorize({ scps }, request)
        decisions.set(key, decision)
      }
      return decision
    }
    for (const role of principalNeeds(input, representative, !regional)) {
      for (const need of role.needs) {
        for (const region of regional ? need.regions : need.regions.slice(0, 1)) {
          const decision = judge(role.roleName, need, region)
          if (decision.allowed) continue
          const level = path[decision.level ?? 0] as PathLevel
          const [what, fix] = decision.match
            ? [
                `SCP ${decision.match.policy} ${statementLabel(decision.match.statement)} (attached to ${level.label})`,
                `exempt the role in that statement (ArnNotLike aws:PrincipalArn arn:aws:iam::<account>:role/${role.roleName}), narrow its Action, or detach it from ${level.label}`,
              ]
            : [
                `no SCP attached to ${level.label} (${level.id}) allows it`,
                `attach FullAWSAccess to ${level.label} or allow ${need.action} there`,
              ]
          const key = `${what}|${role.roleName}|${need.action}|${need.resource.replace(representative.id, '#')}`
          const finding = findings.get(key)
          const regions = regional ? [region] : need.regions
          if (finding) {
            for (const r of regions) finding.regions.add(r)
            if (!finding.accounts.includes(representative)) finding.accounts.push(...members)
          } else {
            findings.set(key, {
              what,
              fix,
              role,
              need,
              representative: representative.id,
              accounts: [...members],
              regions: new Set(regions),
            })
          }
        }
      }
    }
  }
  return {
    problems: [...findings.values()].map(describe),
    evaluations,
    groups: groups.size,
    accounts: accounts.length,
  }
}

function describe(f: Finding): string {
  const shown = f.accounts.slice(0, 3).map((a) => `${a.id} (${a.name})`)
  const more = f.accounts.length > 3 ? ` and ${f.accounts.length - 3} more` : ''
  // One finding covers accounts alike: their resource ARNs differ only in the account id.
  // A need standing for several regions was built for the first: its ARN then names `<region>`.
  const region = f.need.regions[0]
  const inRegions = (arn: string) =>
    f.regions.size > 1 && region ? arn.replace(`:${region}:`, ':<region>:') : arn
  const arn = inRegions(
    f.accounts.length > 1 ? f.need.resource.split(f.representative).join('<account>') : f.need.resource,
  )
  const resource = arn === '*' ? '' : ` on ${arn}`
  return `lockout: ${f.what} denies ${f.role.why} (${f.role.roleName}) ${f.need.action}${resource} in account ${shown.join(', ')}${more}, region ${[...f.regions].sort().join(', ')} — ${f.fix}`
}

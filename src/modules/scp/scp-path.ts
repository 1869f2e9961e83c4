// The SCPs on each account's path root → OUs → account as they will stand after the plan: everyone else's
// SCPs as attached now, org-baseline's with the configured content and targets (removed ones gone), and
// FullAWSAccess where it is attached — on every entity that carries no customer SCP (each entity keeps at
// least one SCP, aws-facts §1), and where ListPoliciesForTarget lists it.
import type { Desired } from '../../engine/desired.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import type { ScpObserved } from './observed.ts'

/** An SCP the guard judges, with what a refusal names it by. */
export interface PathScp {
  id: string
  name: string
  document: unknown
  /** The JSON text, searched for account ids and region names when grouping. */
  text: string
}

export interface PathLevel {
  /** Root, OU or account id, and its readable label. */
  id: string
  label: string
  policies: PathScp[]
}

// AWS's managed policy (Organizations user guide, "FullAWSAccess").
const FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
}
const FULL_AWS_ACCESS: PathScp = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  document: FULL_AWS_ACCESS_DOCUMENT,
  text: JSON.stringify(FULL_AWS_ACCESS_DOCUMENT),
}

const scpOf = (id: string, name: string, document: unknown): PathScp => ({
  id,
  name,
  document,
  text: JSON.stringify(document),
})

/** Target id → the SCPs attached there after the plan. */
export function attachmentsAfterPlan(desired: Desired, observed: ScpObserved): Map<string, PathScp[]> {
  const byTarget = new Map<string, PathScp[]>()
  const add = (target: string, scp: PathScp) => byTarget.set(target, [...(byTarget.get(target) ?? []), scp])
  for (const other of observed.others) {
    const scp = scpOf(other.id, other.name, other.content)
    for (const target of other.targets) add(target, scp)
  }
  const owned = new Map(observed.owned.map((p) => [p.name, p]))
  for (const wanted of desired.scps) {
    const scp = scpOf(owned.get(wanted.name)?.id ?? 'to be created', wanted.name, wanted.document)
    for (const target of wanted.targets) add(target.id, scp)
  }
  return byTarget
}

function hasFullAccess(observed: ScpObserved, target: string): boolean {
  const listed = observed.attached.get(target)
  if (!observed.typeEnabled || !listed) return true
  // Only a customer SCP was attached besides it, or nothing but customer SCPs: ListPoliciesForTarget decides.
  return listed.some((p) => p.awsManaged && p.name === 'FullAWSAccess')
}

export type PathOf = (account: OrgAccount) => PathLevel[]

/** The path of SCP levels for an account, memoized per OU. */
export function scpPaths(desired: Desired, observed: ScpObserved): PathOf {
  const after = attachmentsAfterPlan(desired, observed)
  const units = new Map(desired.org.units.map((u) => [u.id, u]))
  const level = (id: string, label: string): PathLevel => ({
    id,
    label,
    policies: [...(hasFullAccess(observed, id) ? [FULL_AWS_ACCESS] : []), ...(after.get(id) ?? [])],
  })
  const ouPaths = new Map<string, PathLevel[]>()
  const pathTo = (parentId: string): PathLevel[] => {
    const known = ouPaths.get(parentId)
    if (known) return known
    const unit = units.get(parentId)
    const path = unit
      ? [...pathTo(unit.parentId), level(unit.id, unit.path)]
      : [level(desired.org.rootId, 'Root')]
    ouPaths.set(parentId, path)
    return path
  }
  return (account) => [...pathTo(account.parentId), level(account.id, account.name)]
}

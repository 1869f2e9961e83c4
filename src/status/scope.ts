// Where the config puts an account (targets, exclusions) and the first word on any of its cells: a
// suspended account runs nothing, an excluded one is left out; and how a failed read is reported.
import type { Desired } from '../engine/desired.ts'
import { type OrgAccount, ROOT_PATH } from '../modules/organization/snapshot.ts'
import type { StatusInputs } from './observe.ts'
import type { Status } from './report.ts'

export type Verdict = { status: Status; reason?: string }
export const covered: Verdict = { status: 'covered' }

export interface Scope {
  desired: Desired
  chainOf: (account: OrgAccount) => string[]
  /** Why the config leaves an account out of deployment, or undefined when it is in. */
  outOfScope: (account: OrgAccount) => string | undefined
}

export function scopeOf(desired: Desired): Scope {
  const { org } = desired
  const parentOf = new Map(org.units.map((u) => [u.id, u.parentId]))
  const label = (id: string) =>
    id === org.rootId ? ROOT_PATH : (org.units.find((u) => u.id === id)?.path ?? id)
  const chainOf = (account: OrgAccount) => {
    const chain = [account.id]
    for (let at: string | undefined = account.parentId; at; at = parentOf.get(at)) chain.push(at)
    return chain
  }
  const excludedOus = new Map(desired.excludedOus.map((t) => [t.id, t.label]))
  const excludedAccounts = new Set(desired.excludedAccounts.map((a) => a.id))
  const targets = new Set(desired.deploymentTargets.map((t) => t.id))
  const outOfScope = (account: OrgAccount) => {
    if (excludedAccounts.has(account.id)) return 'excluded by config (deployment.exclude.accounts)'
    const chain = chainOf(account)
    const ou = chain.find((id) => excludedOus.has(id))
    if (ou) return `excluded by config (deployment.exclude.ous: ${label(ou)})`
    if (!chain.some((id) => targets.has(id))) return 'outside deployment.targets'
    return undefined
  }
  return { desired, chainOf, outOfScope }
}

/** What every control says first: a suspended account runs nothing, an excluded one is left out. */
export function accountGate(account: OrgAccount, scope: Scope): Verdict | undefined {
  if (account.status !== 'ACTIVE')
    return { status: 'suspended', reason: `account is ${account.status}: AWS runs no control in it` }
  const out = scope.outOfScope(account)
  return out ? { status: 'excluded', reason: out } : undefined
}

export function unread(module: string, inputs: StatusInputs): Verdict {
  const error = inputs.errors.find((e) => e.module === module)
  return { status: 'unknown', reason: `could not read ${module}${error ? `: ${error.message}` : ''}` }
}

// Where the stack sets deploy: the configured targets turned into what service-managed StackSets can
// express (OU ids, plus an account filter). StackSets cannot exclude an OU below a targeted one, so a
// target containing an excluded OU is replaced by its child OUs, recursively; accounts placed directly in
// such a target are then not covered and the plan says so. Excluded accounts become a DIFFERENCE filter.
import type { Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'

export interface StackSetTargets {
  /** OU (or root) ids, sorted. */
  ous: string[]
  /** Accounts left out with AccountFilterType DIFFERENCE. */
  excludedAccounts: string[]
  notes: Note[]
}

export function stackSetTargets(desired: Desired): StackSetTargets {
  const { org } = desired
  const excluded = new Set(desired.excludedOus.map((t) => t.id))
  const parentOf = new Map(org.units.map((u) => [u.id, u.parentId]))
  const children = (id: string) => org.units.filter((u) => u.parentId === id).map((u) => u.id)
  const label = (id: string) =>
    id === org.rootId ? 'Root' : (org.units.find((u) => u.id === id)?.path ?? id)
  const isExcluded = (id: string): boolean => {
    for (let at: string | undefined = id; at; at = parentOf.get(at)) if (excluded.has(at)) return true
    return false
  }
  const containsExcluded = (id: string): boolean =>
    [...excluded].some((e) => {
      for (let at = parentOf.get(e); at; at = parentOf.get(at)) if (at === id) return true
      return false
    })

  const ous = new Set<string>()
  const notes: Note[] = []
  const expand = (id: string) => {
    if (isExcluded(id)) return
    if (!containsExcluded(id)) {
      ous.add(id)
      return
    }
    const loose = org.accounts.filter((a) => a.parentId === id && a.id !== org.managementAccountId)
    if (loose.length > 0) {
      notes.push({
        module: 'stacksets',
        level: 'warning',
        message: `${loose.length} account(s) directly in ${label(id)} (${loose
          .slice(0, 5)
          .map((a) => a.name)
          .join(
            ', ',
          )}${loose.length > 5 ? ', …' : ''}) get no stack instances: StackSets cannot target ${label(id)} without the excluded OU below it — move them into an OU`,
      })
    }
    for (const child of children(id)) expand(child)
  }
  for (const target of desired.deploymentTargets) {
    if (target.kind === 'account') {
      notes.push({
        module: 'stacksets',
        level: 'warning',
        message: `deployment target "${target.spec}" is an account: service-managed stack sets deploy to OUs, so it gets no stack instances — target its OU instead`,
      })
      continue
    }
    expand(target.id)
  }
  const excludedAccounts = desired.excludedAccounts.map((a) => a.id).sort()
  if (excludedAccounts.length > 0) {
    notes.push({
      module: 'stacksets',
      level: 'info',
      message: `excluded accounts (${excludedAccounts.join(', ')}) are left out of every deployment the tool starts (account filter DIFFERENCE); auto-deployment works on whole OUs, so an excluded account placed in a targeted OU later may receive instances: the next plan finds and removes them`,
    })
  }
  return { ous: [...ous].sort(), excludedAccounts, notes }
}

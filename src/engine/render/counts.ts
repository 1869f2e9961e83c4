// Counts of a set of changes, per module and in total: the one-screen summary of the text and markdown
// plans, and the `counts` of every JSON document that reports changes.
import type { Change } from '../change.ts'

export interface ChangeCounts {
  add: number
  change: number
  destroy: number
  /** Changes caused by AWS moving away from what the tool made true (also counted by action). */
  drift: number
  /** Updates and creates that turn protection off or narrower (also counted in `change` / `add`). */
  weakening: number
  /** Distinct accounts and regions the changes act in. */
  accounts: number
  regions: number
}

export interface PlanCounts extends ChangeCounts {
  total: number
  modules: Record<string, ChangeCounts>
}

function countOf(changes: Change[]): ChangeCounts {
  return {
    add: changes.filter((c) => c.action === 'create').length,
    change: changes.filter((c) => c.action === 'update').length,
    destroy: changes.filter((c) => c.action === 'delete').length,
    drift: changes.filter((c) => c.drift).length,
    weakening: changes.filter((c) => c.action !== 'delete' && c.destructive).length,
    accounts: new Set(changes.flatMap((c) => (c.account ? [c.account] : []))).size,
    regions: new Set(changes.flatMap((c) => (c.region ? [c.region] : []))).size,
  }
}

/** The changes of each module, modules in plan order; one pass, as plans can hold 100,000 changes. */
export function byModule(changes: Change[]): Map<string, Change[]> {
  const modules = new Map<string, Change[]>()
  for (const change of changes) {
    const list = modules.get(change.module)
    if (list) list.push(change)
    else modules.set(change.module, [change])
  }
  return modules
}

export function countChanges(changes: Change[]): PlanCounts {
  const modules: Record<string, ChangeCounts> = {}
  for (const [module, list] of byModule(changes)) modules[module] = countOf(list)
  return { total: changes.length, ...countOf(changes), modules }
}

/** The summary as rows of cells: a header, one row per module, the total. */
export function countRows(counts: PlanCounts): string[][] {
  const row = (name: string, c: ChangeCounts) => [
    name,
    ...[c.add, c.change, c.destroy, c.drift, c.accounts, c.regions].map(String),
  ]
  return [
    ['Module', 'Add', 'Change', 'Destroy', 'Drift', 'Accounts', 'Regions'],
    ...Object.entries(counts.modules).map(([name, c]) => row(name, c)),
    row('Total', counts),
  ]
}

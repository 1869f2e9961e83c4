// The plan document: what will change, what drifted, what a reader must know, and what could not be
// observed. It is versioned JSON so a reviewed plan can be saved and applied later.
import { type Change, compareChanges, type Note } from './change.ts'
import type { PlanInputs } from './plan-inputs.ts'

export const PLAN_FORMAT = 'org-baseline-plan'
// 2: the plan records digests of its inputs (config, SCPs, templates).
export const PLAN_VERSION = 2

export interface Plan {
  format: typeof PLAN_FORMAT
  version: typeof PLAN_VERSION
  createdAt: string
  config: string
  inputs: PlanInputs
  organization: { id: string; managementAccountId: string }
  changes: Change[]
  notes: Note[]
  /** Modules that could not be observed; a plan with errors is never applied. */
  errors: { module: string; message: string }[]
}

export function makePlan(fields: Omit<Plan, 'format' | 'version' | 'createdAt'>, now = new Date()): Plan {
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    createdAt: now.toISOString(),
    ...fields,
    changes: [...fields.changes].sort(compareChanges),
    notes: [...fields.notes].sort((a, b) => a.module.localeCompare(b.module)),
  }
}

export interface PlanSummary {
  add: number
  change: number
  destroy: number
  /** Updates (and creates) that turn something off or narrower: counted in `change`, held back like deletes. */
  weakening: number
}

export function summarize(changes: Change[]): PlanSummary {
  return {
    add: changes.filter((c) => c.action === 'create').length,
    change: changes.filter((c) => c.action === 'update').length,
    destroy: changes.filter((c) => c.action === 'delete').length,
    weakening: changes.filter((c) => c.action !== 'delete' && c.destructive).length,
  }
}

/**
 * Terraform's line, so schedulers and people find it; counts by action as Terraform does (a destructive
 * update is still "to change"), then says how many changes weaken protection and wait for --allow-destroy.
 */
export const summaryLine = ({ add, change, destroy, weakening }: PlanSummary) =>
  `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.${weakening > 0 ? ` ${weakening} of the changes turn protection off or narrower (destructive: applied only with --allow-destroy).` : ''}`

/** Reads a saved plan, refusing files that are not plans of a version this tool understands. */
export function parsePlan(text: string, file: string): Plan {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file}: not a JSON plan file (${(error as Error).message})`)
  }
  const plan = data as Partial<Plan>
  if (plan?.format !== PLAN_FORMAT)
    throw new Error(`${file}: not an org-baseline plan (format is "${plan?.format}")`)
  if (plan.version !== PLAN_VERSION) {
    throw new Error(
      `${file}: plan version ${plan.version} is not supported; make a new plan with this version`,
    )
  }
  if (!Array.isArray(plan.changes) || !plan.organization || !plan.inputs)
    throw new Error(`${file}: plan is incomplete`)
  return plan as Plan
}

/** The part of a change that must be identical for a saved plan to still describe the organization. */
const identity = (c: Change) => JSON.stringify([c.address, c.action, c.account, c.region, c.before, c.after])

/** Addresses whose planned change differs between a saved plan and a fresh one. */
export function planDifferences(saved: Plan, fresh: Plan): string[] {
  const freshById = new Map(fresh.changes.map((c) => [c.address, identity(c)]))
  const savedById = new Map(saved.changes.map((c) => [c.address, identity(c)]))
  const addresses = new Set([...freshById.keys(), ...savedById.keys()])
  return [...addresses].filter((a) => freshById.get(a) !== savedById.get(a)).sort()
}

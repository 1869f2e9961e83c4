// Builds the plan: observe the organization, resolve the config against it, then observe and diff every
// enabled module concurrently. A module that cannot be observed becomes an error in the plan — never a
// guess about what AWS holds.

import type { AwsClients } from '../aws/clients.ts'
import type { Baseline } from '../config/baseline.ts'
import { OrgBaselineError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { observeOrganization } from '../modules/organization/observe.ts'
import type { Change, Note } from './change.ts'
import { type Desired, resolveDesired } from './desired.ts'
import type { Context, Module } from './module.ts'
import { makePlan, type Plan } from './plan.ts'

/** A module refuses to plan (a limit or the lockout guard would be broken); nothing may be applied. */
export class PlanRefusal extends OrgBaselineError {
  constructor(message: string) {
    super('Refused', message)
    this.name = 'PlanRefusal'
  }
}

export interface Planned {
  plan: Plan
  context: Context
}

export async function buildPlan(
  baseline: Baseline,
  aws: AwsClients,
  log: Logger,
  modules: readonly Module[],
): Promise<Planned> {
  const org = await observeOrganization(aws)
  const desired: Desired = resolveDesired(baseline, org)
  const context: Context = { aws, desired, log }
  const changes: Change[] = []
  const notes: Note[] = [...desired.notes]
  const errors: Plan['errors'] = []

  await Promise.all(
    modules
      .filter((m) => m.enabled(desired))
      .map(async (module) => {
        try {
          const observed = await module.observe(context)
          changes.push(...module.diff(desired, observed))
          notes.push(...(module.notes?.(desired, observed) ?? []))
        } catch (error) {
          log.error({ module: module.name, err: error }, 'module could not be planned')
          errors.push({ module: module.name, message: (error as Error).message })
        }
      }),
  )

  const plan = makePlan({
    config: baseline.file,
    organization: { id: org.id, managementAccountId: org.managementAccountId },
    changes,
    notes,
    errors: errors.sort((a, b) => a.module.localeCompare(b.module)),
  })
  return { plan, context }
}

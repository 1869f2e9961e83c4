// Builds the plan: observe the organization, resolve the config against it, then observe and diff every
// enabled module concurrently. A module that cannot be observed becomes an error in the plan — never a
// guess about what AWS holds.

import type { AwsClients } from '../aws/clients.ts'
import type { Baseline } from '../config/baseline.ts'
import { OrgBaselineError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { needsEnabledRegions, observeOrganization } from '../modules/organization/observe.ts'
import { orderAfterMemberRole } from '../modules/stacksets/member-role.ts'
import { fingerprint, readAppliedMarks } from './applied-marks.ts'
import type { Change, Note } from './change.ts'
import { type Desired, resolveDesired } from './desired.ts'
import type { Context, Module } from './module.ts'
import { makePlan, type Plan } from './plan.ts'
import { digestInputs } from './plan-inputs.ts'

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
  /** Module → fingerprint recorded on the root when it was last fully applied. */
  appliedMarks: Map<string, string>
  /** Modules that were observed and planned without error. */
  planned: Module[]
}

export interface PlanOptions {
  /** Run out-of-band drift detection (StackSets) first, waiting at most until this epoch-ms deadline. */
  detectDriftUntil?: number
  /** Epoch ms after which long waits during apply give up and report what is still running. */
  deadline?: number
  /** Observe and plan only these modules (`--only` and what it depends on); default every enabled one. */
  modules?: ReadonlySet<string>
  /** Told as each module starts and ends a pass (drift detection, then observe): for a progress line. */
  onProgress?: PlanProgress
}

export type PlanPhase = 'drift' | 'observe'
export type PlanProgress = (phase: PlanPhase, done: number, total: number, running: readonly string[]) => void

/** Tells `onProgress` which of `modules` are done and which still run in one pass. */
function tracker(phase: PlanPhase, modules: readonly Module[], onProgress: PlanProgress | undefined) {
  const running = new Set(modules.map((m) => m.name))
  const tell = () => onProgress?.(phase, modules.length - running.size, modules.length, [...running])
  tell()
  return {
    end(module: Module) {
      if (running.delete(module.name)) tell()
    },
  }
}

export async function buildPlan(
  baseline: Baseline,
  aws: AwsClients,
  log: Logger,
  modules: readonly Module[],
  options: PlanOptions = {},
): Promise<Planned> {
  const selected = modules.filter((m) => !options.modules || options.modules.has(m.name))
  const org = await observeOrganization(aws, { enabledRegions: needsEnabledRegions(baseline.config) })
  const desired: Desired = resolveDesired(baseline, org)
  const context: Context = { aws, desired, log, ...(options.deadline ? { deadline: options.deadline } : {}) }
  const changes: Change[] = []
  const notes: Note[] = [...desired.notes]
  const errors: Plan['errors'] = []
  const enabled = selected.filter((m) => m.enabled(desired))
  const appliedMarks = await readAppliedMarks(aws, org.rootId)
  const planned: Module[] = []

  const until = options.detectDriftUntil
  if (until !== undefined) {
    const detecting = tracker(
      'drift',
      enabled.filter((m) => m.detectDrift),
      options.onProgress,
    )
    await Promise.all(
      enabled.map(async (module) => {
        if (!module.detectDrift) return
        try {
          const { unfinished } = await module.detectDrift(context, until)
          for (const what of unfinished) {
            notes.push({
              module: module.name,
              level: 'warning',
              message: `drift detection for ${what} did not finish in time: its drift is not in this report (raise --max-wait)`,
            })
          }
        } catch (error) {
          errors.push({ module: module.name, message: `drift detection failed: ${(error as Error).message}` })
        } finally {
          detecting.end(module)
        }
      }),
    )
  }

  const observing = tracker('observe', enabled, options.onProgress)
  await Promise.all(
    enabled.map(async (module) => {
      try {
        const observed = await module.observe(context)
        // Unchanged config since the module was last fully applied: whatever differs moved out of band.
        const unchanged = appliedMarks.get(module.name) === fingerprint(module, desired)
        changes.push(...module.diff(desired, observed).map((c) => ({ ...c, drift: c.drift ?? unchanged })))
        planned.push(module)
        notes.push(...(module.notes?.(desired, observed) ?? []))
      } catch (error) {
        log.error({ module: module.name, err: error }, 'module could not be planned')
        errors.push({ module: module.name, message: (error as Error).message })
      } finally {
        observing.end(module)
      }
    }),
  )

  const plan = makePlan({
    config: baseline.file,
    inputs: await digestInputs(baseline),
    organization: { id: org.id, managementAccountId: org.managementAccountId },
    // What acts through the member role waits for the member role's stack set (across modules).
    changes: orderAfterMemberRole(changes, desired),
    notes,
    errors: errors.sort((a, b) => a.module.localeCompare(b.module)),
  })
  return { plan, context, appliedMarks, planned }
}

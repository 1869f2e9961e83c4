// Applies planned changes through their modules, in dependency order. Shared by apply and reconcile.
import type { Change } from './change.ts'
import { type ExecutionResult, execute } from './executor.ts'
import type { Context, Module } from './module.ts'
import { applyWhileSettling } from './settling.ts'

export interface ApplyOptions {
  concurrency: number
  allowDestroy: boolean
  /** Planned changes not run this time (--only): what depends on them is skipped. */
  unavailable?: string[]
  /** Progress reporting: a change starts, a change ends. */
  onStart?: (change: Change) => void
  onDone?: (change: Change, status: string) => void
  /** Resolves on SIGINT / SIGTERM: see ExecutionOptions.stop. */
  stop?: Promise<unknown>
  /** See ExecutionOptions.confirmBeforeWrites: the run lease, re-read before each wave of writes. */
  confirmBeforeWrites?: () => Promise<void>
}

export function applyChanges(
  changes: Change[],
  context: Context,
  modules: readonly Module[],
  options: ApplyOptions,
): Promise<ExecutionResult> {
  const byName = new Map(modules.map((m) => [m.name, m]))
  return execute(
    changes,
    (change) => {
      const module = byName.get(change.module)
      if (!module) throw new Error(`no module ${change.module} for ${change.address}`)
      // A dependency ran just now, in this run or in one stopped moments ago: its effect may not have
      // reached this change's service yet (settling.ts).
      if (change.dependsOn.length > 0)
        return applyWhileSettling(
          (attempt) => module.apply(attempt > 0 ? { ...change, attempt } : change, context),
          context.deadline,
        )
      return module.apply(change, context)
    },
    {
      ...options,
      onDone: (change, outcome) => {
        context.log.info({ address: change.address, status: outcome.status }, 'change finished')
        options.onDone?.(change, outcome.status)
      },
    },
  )
}

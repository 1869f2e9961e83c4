// Applies changes in dependency order with bounded concurrency. A change runs once everything it depends
// on has been applied; when a dependency fails or is held back, its dependents are skipped, not tried.
import { type Change, isDestructive } from './change.ts'

export interface ExecutionOptions {
  concurrency: number
  allowDestroy: boolean
  /** Addresses planned but not run this time (e.g. filtered out by --only): their dependents are skipped. */
  unavailable?: string[]
  onStart?: (change: Change) => void
  onDone?: (change: Change, outcome: Outcome) => void
  /**
   * Resolves when the run is told to stop (SIGINT / SIGTERM): no change starts after it, changes under way
   * get `graceMs` to finish, and whatever is still running then is reported as not finished and abandoned
   * (its writes are re-checked by the next run).
   */
  stop?: Promise<unknown>
  graceMs?: number
  /**
   * Re-confirms the run may write (its lease is still its own) before each wave of changes starts; a
   * rejection stops the run like `stop` does, with the error's message as the reason nothing else started.
   */
  confirmBeforeWrites?: () => Promise<void>
}

/** A write refused because the run is stopping (aws/writes-gate.ts): not a failure of the change. */
const STOPPED_CODE = 'WritesStopped'
const NOT_STARTED = 'not started: the run was stopped — a rerun applies it'
const ABANDONED =
  'under way when the run was stopped and not finished in time — a rerun judges and finishes it'

export type Outcome =
  | { status: 'applied' }
  | { status: 'failed'; error: unknown }
  | { status: 'skipped'; reason: string }
  | { status: 'held-back'; reason: string }

export interface ExecutionResult {
  outcomes: { change: Change; outcome: Outcome }[]
  applied: number
  failed: number
  skipped: number
  heldBack: number
}

export async function execute(
  changes: Change[],
  applyOne: (change: Change) => Promise<void>,
  options: ExecutionOptions,
): Promise<ExecutionResult> {
  const unavailable = new Set(options.unavailable ?? [])
  const planned = new Set([...changes.map((c) => c.address), ...unavailable])
  const outcomes = new Map<string, Outcome>(
    [...unavailable].map((a) => [a, { status: 'skipped', reason: 'not selected in this run' }]),
  )
  const pending = new Set(changes)
  const running = new Set<Promise<void>>()
  const active = new Set<Change>()
  let stopped = false
  let notStarted = NOT_STARTED
  let graceOver: Promise<void> | undefined
  const halt = (reason: string) => {
    if (stopped) return
    stopped = true
    notStarted = reason
    graceOver = new Promise((resolve) => setTimeout(resolve, options.graceMs ?? 3000).unref())
  }
  options.stop?.then(() => halt(NOT_STARTED))
  /** One confirmation per wave: true when the run may start writes now. */
  const mayWrite = async (): Promise<boolean> => {
    if (!options.confirmBeforeWrites) return true
    try {
      await options.confirmBeforeWrites()
      return !stopped
    } catch (error) {
      halt(`not started: ${(error as Error).message}`)
      return false
    }
  }

  const finish = (change: Change, outcome: Outcome) => {
    if (outcomes.has(change.address)) return
    outcomes.set(change.address, outcome)
    pending.delete(change)
    active.delete(change)
    options.onDone?.(change, outcome)
  }
  const failed = (error: unknown): Outcome =>
    (error as { code?: string })?.code === STOPPED_CODE
      ? {
          status: 'skipped',
          reason: `stopped before its next write (${(error as Error).message}) — a rerun finishes it`,
        }
      : { status: 'failed', error }

  // Dependencies outside the plan are already satisfied in AWS.
  const blockers = (change: Change) => change.dependsOn.filter((d) => planned.has(d))

  while (pending.size > 0 || running.size > 0) {
    let progressed = false
    let confirmed = false
    if (stopped) {
      for (const change of [...pending]) finish(change, { status: 'skipped', reason: notStarted })
      if (running.size === 0) break
      const over = await Promise.race([
        Promise.race(running).then(() => false),
        (graceOver as Promise<void>).then(() => true),
      ])
      if (over) {
        for (const change of [...active]) finish(change, { status: 'skipped', reason: ABANDONED })
        break
      }
      continue
    }
    for (const change of [...pending]) {
      if (running.size >= options.concurrency) break
      const deps = blockers(change)
      const unmet = deps.find((d) => {
        const status = outcomes.get(d)?.status
        return status !== undefined && status !== 'applied'
      })
      if (unmet) {
        finish(change, { status: 'skipped', reason: `depends on ${unmet}, which was not applied` })
        progressed = true
        continue
      }
      if (!deps.every((d) => outcomes.get(d)?.status === 'applied')) continue
      if (isDestructive(change) && !options.allowDestroy) {
        const why = change.weakens?.length ? ` (${change.weakens.join('; ')})` : ''
        finish(change, {
          status: 'held-back',
          reason: `destructive${why}: rerun with --allow-destroy to apply it`,
        })
        progressed = true
        continue
      }
      if (!confirmed) {
        if (!(await mayWrite())) {
          progressed = true
          break
        }
        confirmed = true
      }
      pending.delete(change)
      active.add(change)
      options.onStart?.(change)
      const task: Promise<void> = Promise.resolve()
        .then(() => applyOne(change))
        .then(
          () => finish(change, { status: 'applied' }),
          (error) => finish(change, failed(error)),
        )
      const tracked = task.finally(() => running.delete(tracked))
      running.add(tracked)
      progressed = true
    }
    if (running.size > 0) await Promise.race([...running, ...(options.stop ? [options.stop] : [])])
    else if (!progressed && pending.size > 0) {
      // Only a dependency cycle can leave work that never becomes ready.
      for (const change of [...pending]) finish(change, { status: 'skipped', reason: 'dependency cycle' })
    }
  }

  const ordered = changes.map((change) => ({ change, outcome: outcomes.get(change.address) as Outcome }))
  const count = (status: Outcome['status']) => ordered.filter((o) => o.outcome.status === status).length
  return {
    outcomes: ordered,
    applied: count('applied'),
    failed: count('failed'),
    skipped: count('skipped'),
    heldBack: count('held-back'),
  }
}

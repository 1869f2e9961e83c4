// What every writing command (apply, reconcile) runs inside: the organization's run lease, held and
// renewed for the whole run and released on every exit path, and the SIGINT / SIGTERM handling that
// stops writes in order. The body gets `stop` (resolves on a signal) for the executor.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Interrupts, SIGNAL_EXIT_CODE, type StopSignal, watchInterrupts } from '../engine/interrupts.ts'
import { isLeaseCall, newRunId, RunLock } from '../engine/run-lock.ts'
import { readRoot } from '../modules/organization/root.ts'
import type { Io } from './io.ts'
import type { Session } from './session.ts'

/** How long a stopped run waits for its body to wrap up (summary included) before it leaves anyway. */
const STOP_GRACE_MS = 5_000

export interface HeldRun {
  rootId: string
  lock: RunLock
  /**
   * Takes the lease now (with `acquire: 'when-writing'`; a no-op once held); true when another run held it
   * and this one waited — what was planned before may have moved.
   */
  acquire(): Promise<boolean>
  /** Resolves with the signal that stopped the run. */
  stop: Promise<StopSignal>
  interrupted(): StopSignal | undefined
}

export const interruptedExitCode = (signal: StopSignal) => SIGNAL_EXIT_CODE[signal]

export const rerunAdvice = (command: string, signal: StopSignal) =>
  `Stopped by ${signal}: no write was started after it. Every change is re-checked before it is written, so running "org-baseline ${command}" again finishes the job.\n`

/** The interrupted-run summary's last word when the lease was lost mid-run (run-lock.ts, confirm). */
export const leaseLostAdvice = (command: string, lost: Error) =>
  `Stopped: ${lost.message}. No write was started after that; what was already applied stays. Every change is re-checked before it is written, so running "org-baseline ${command}" again finishes the job.\n`

export async function withRunLease(
  session: Session,
  io: Io,
  options: {
    command: 'apply' | 'reconcile'
    waitMs: number
    /** `first` (reconcile: not even plan while another run writes) or `when-writing` (apply: body calls acquire). */
    acquire: 'first' | 'when-writing'
  },
  body: (run: HeldRun) => Promise<number>,
): Promise<number> {
  let interrupts: Interrupts | undefined
  interrupts = watchInterrupts((signal) => {
    session.aws.stopWrites(`the run was stopped by ${signal}`, isLeaseCall)
    io.stderr.write(
      `\n${signal} received: no new write starts; changes under way get a few seconds to finish, then the run reports and releases its lease (a second ${signal} exits at once).\n`,
    )
  })
  let lock: RunLock | undefined
  try {
    const { Id: rootId } = await readRoot(session.aws.organizations())
    lock = new RunLock(session.aws, {
      rootId,
      runId: newRunId(),
      command: options.command,
      waitMs: options.waitMs,
      ...(io.clock ? { clock: io.clock } : {}),
    })
    const held = lock
    let taken: Promise<boolean> | undefined
    const acquire = () => {
      taken ??= held.acquire()
      return taken
    }
    if (options.acquire === 'first') await acquire()
    const watched = interrupts
    const run: HeldRun = {
      rootId,
      lock,
      acquire,
      stop: watched.stopped,
      interrupted: () => watched.signal(),
    }
    const abandoned = Symbol('abandoned')
    const outcome = await Promise.race([
      body(run),
      watched.stopped.then(() => sleep(STOP_GRACE_MS, abandoned, { ref: false })),
    ])
    if (outcome === abandoned) {
      const signal = watched.signal() as StopSignal
      io.stdout.write(
        `\nThe run did not wrap up within ${STOP_GRACE_MS / 1000}s of ${signal} and was left: what was already applied stays.\n${rerunAdvice(options.command, signal)}`,
      )
      return interruptedExitCode(signal)
    }
    return outcome
  } finally {
    interrupts.dispose()
    interrupts = undefined
    await lock?.release().catch((error) => session.log.warn({ err: error }, 'could not release the run lock'))
  }
}

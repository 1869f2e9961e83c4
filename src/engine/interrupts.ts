// SIGINT (Ctrl-C, a CI cancel's first word) and SIGTERM (its second; what schedulers send) stop a writing
// run in order: no new write starts, what is under way gets a moment to finish, the run says what was done
// and releases its lease. A second signal exits at once. Exit codes follow the shell's 128 + signal number.
export type StopSignal = 'SIGINT' | 'SIGTERM'

export const SIGNAL_EXIT_CODE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 }

export interface Interrupts {
  /** Resolves with the first signal received. */
  stopped: Promise<StopSignal>
  /** The first signal received, if any. */
  signal(): StopSignal | undefined
  dispose(): void
}

export function watchInterrupts(onStop: (signal: StopSignal) => void): Interrupts {
  let received: StopSignal | undefined
  let resolve: (signal: StopSignal) => void = () => {}
  const stopped = new Promise<StopSignal>((r) => {
    resolve = r
  })
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (received) process.exit(SIGNAL_EXIT_CODE[name])
      received = name
      onStop(name)
      resolve(name)
    }
    process.on(name, handler)
    return [name, handler] as const
  })
  return {
    stopped,
    signal: () => received,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler)
    },
  }
}

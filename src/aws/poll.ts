// Waiting on AWS's asynchronous work (StackSet operations, stacks, drift detection): read, and if not
// done, wait and read again with a delay that starts short — most operations that are quick are done
// within a second — and doubles up to a cap, so long operations cost few calls. The one poller for the tool.
import { setTimeout as sleep } from 'node:timers/promises'

export const POLL_START_MS = 250
export const POLL_CAP_MS = 15_000

export interface Clock {
  now(): number
  sleep(ms: number): Promise<unknown>
}

let waitFor: (ms: number) => Promise<unknown> = (ms) => sleep(ms)

/** The process's clock: real time, and waits slept for real unless `spendWaitsOn` says otherwise. */
export const REAL_CLOCK: Clock = { now: () => Date.now(), sleep: (ms) => waitFor(ms) }

/**
 * Spends the tool's waits (polls, the run lease's settling) on another clock, e.g. a benchmark's simulated AWS
 * time; returns the function that restores real sleeps. Deadlines stay on real time.
 */
export function spendWaitsOn(sleeper: (ms: number) => Promise<unknown>): () => void {
  waitFor = sleeper
  return () => {
    waitFor = (ms) => sleep(ms)
  }
}

export interface PollOptions {
  /** Epoch ms: past it, polling stops and reports the last value as unfinished. */
  deadline?: number | undefined
  clock?: Clock
  /** Read once at once, before the first wait (for work that may already be done). */
  readFirst?: boolean
}

export interface Polled<T> {
  value: T
  finished: boolean
}

export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions = {},
): Promise<Polled<T>> {
  const clock = options.clock ?? REAL_CLOCK
  let delay = POLL_START_MS
  if (options.readFirst) {
    const value = await read()
    if (done(value)) return { value, finished: true }
  }
  for (;;) {
    if (options.deadline !== undefined && clock.now() + delay > options.deadline) {
      const value = await read()
      return { value, finished: done(value) }
    }
    await clock.sleep(delay)
    delay = Math.min(delay * 2, POLL_CAP_MS)
    const value = await read()
    if (done(value)) return { value, finished: true }
  }
}

// Progress of long work, on stderr so stdout stays the result. On a terminal: one line rewritten in place
// (count, what is running, elapsed time), redrawn every second. Elsewhere (CI, cron, a pipe): a timestamped
// line every 15 s — "still working" evidence as Terraform's "Still creating… [10s elapsed]" — and none at
// all for work that ends sooner.
import type { Writable } from 'node:stream'

export interface Progress {
  tick(failed?: boolean): void
  /** Sets the count outright, for work measured by polling rather than counted item by item. */
  set(done: number, total: number): void
  /** Names what is under way now (e.g. the change being applied), shown with the count. */
  doing(what: string | undefined): void
  done(): void
}

export interface ProgressClock {
  now(): number
  every(ms: number, fn: () => void): { stop(): void }
}

const realClock: ProgressClock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms)
    timer.unref()
    return { stop: () => clearInterval(timer) }
  },
}

/** How often a line is written when stderr is not a terminal. */
export const LOG_INTERVAL_MS = 15_000

export function progress(
  stream: Writable & { isTTY?: boolean },
  label: string,
  total: number,
  clock: ProgressClock = realClock,
): Progress {
  const started = clock.now()
  let count = 0
  let failures = 0
  let of = total
  let current: string | undefined
  const elapsed = () => `${Math.round((clock.now() - started) / 1000)}s elapsed`
  const status = () => {
    const failed = failures ? `, ${failures} failed` : ''
    const counted = of > 0 ? `${count}/${of}${failed}` : `${count}${failed}`
    return `${label}: ${counted}${current ? ` — ${current}` : ''} [${elapsed()}]`
  }
  const draw = () => {
    if (stream.isTTY) stream.write(`\r\x1b[2K${status()}`)
  }
  const timer = stream.isTTY
    ? clock.every(1000, draw)
    : clock.every(LOG_INTERVAL_MS, () => stream.write(`${new Date(clock.now()).toISOString()} ${status()}\n`))
  return {
    tick(failed = false) {
      count++
      if (failed) failures++
      draw()
    },
    set(done, newTotal) {
      count = done
      of = newTotal
      draw()
    },
    doing(what) {
      current = what
      draw()
    },
    done() {
      timer.stop()
      if (stream.isTTY) stream.write('\n')
    },
  }
}

/** Progress of an apply: changes done of total, and which are running now. */
export function applyProgress(stream: Writable & { isTTY?: boolean }, total: number, clock?: ProgressClock) {
  const bar = progress(stream, 'Applying', total, clock)
  const running = new Set<string>()
  const show = () => {
    const [first] = running
    bar.doing(
      first ? `${first}${running.size > 1 ? ` and ${running.size - 1} more running` : ''}` : undefined,
    )
  }
  return {
    onStart(change: { address: string }) {
      running.add(change.address)
      show()
    },
    onDone(change: { address: string }, status: string) {
      running.delete(change.address)
      bar.tick(status === 'failed')
      show()
    },
    done: () => bar.done(),
  }
}

/**
 * Progress of a plan's read passes — drift detection (which waits on StackSets operations), then every
 * module's observe — as modules done of total, naming those still running. Pass `onProgress` to buildPlan.
 */
export function planProgress(stream: Writable & { isTTY?: boolean }, clock?: ProgressClock) {
  const LABELS = { drift: 'Detecting drift', observe: 'Reading the organization' } as const
  let phase: keyof typeof LABELS | undefined
  let bar: Progress | undefined
  return {
    onProgress(next: keyof typeof LABELS, done: number, total: number, running: readonly string[]) {
      if (next !== phase) {
        bar?.done()
        phase = next
        bar = progress(stream, LABELS[next], total, clock)
      }
      bar?.doing(running.length > 0 ? running.join(', ') : undefined)
      bar?.set(done, total)
    },
    done() {
      bar?.done()
      bar = undefined
      phase = undefined
    },
  }
}

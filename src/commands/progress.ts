// Progress of long work on a terminal: one line rewritten in place on stderr. Nothing is written when
// stderr is not a TTY, so logs and CI output stay clean.
import type { Writable } from 'node:stream'

export interface Progress {
  tick(failed?: boolean): void
  /** Sets the count outright, for work measured by polling rather than counted item by item. */
  set(done: number, total: number): void
  done(): void
}

export function progress(stream: Writable & { isTTY?: boolean }, label: string, total: number): Progress {
  let count = 0
  let failures = 0
  let of = total
  const draw = () => {
    if (!stream.isTTY) return
    const failed = failures ? `, ${failures} failed` : ''
    stream.write(`\r${label}: ${count}/${of}${failed}   `)
  }
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
    done() {
      if (stream.isTTY) stream.write('\n')
    },
  }
}

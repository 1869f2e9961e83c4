import { PassThrough } from 'node:stream'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  applyProgress,
  LOG_INTERVAL_MS,
  type ProgressClock,
  planProgress,
} from '../../../src/commands/progress.ts'

const test = suite('progress')

/** A clock the test advances by hand: no real sleeps. */
function fakeClock() {
  let now = Date.UTC(2026, 10, 30, 6, 0, 0)
  const timers: { ms: number; next: number; fn: () => void; stopped: boolean }[] = []
  const clock: ProgressClock = {
    now: () => now,
    every(ms, fn) {
      const timer = { ms, next: now + ms, fn, stopped: false }
      timers.push(timer)
      return { stop: () => (timer.stopped = true) }
    },
  }
  const advance = (ms: number) => {
    const end = now + ms
    for (;;) {
      const due = timers.filter((t) => !t.stopped && t.next <= end).sort((a, b) => a.next - b.next)[0]
      if (!due) break
      now = due.next
      due.next += due.ms
      due.fn()
    }
    now = end
  }
  return { clock, advance }
}

function stream(isTTY: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean }
  s.isTTY = isTTY
  let text = ''
  s.on('data', (c) => {
    text += String(c)
  })
  return { s, text: () => text }
}

test('not on a terminal: a timestamped line every 15 s naming what runs, none for quick work', () => {
  const { clock, advance } = fakeClock()
  const out = stream(false)
  const bar = applyProgress(out.s, 13, clock)
  bar.onStart({ address: 'guardduty.detector[us-east-1]' })
  advance(LOG_INTERVAL_MS - 1)
  assert.is(out.text(), '', 'nothing before the first interval')
  advance(1)
  assert.is(
    out.text(),
    '2026-11-30T06:00:15.000Z Applying: 0/13 — guardduty.detector[us-east-1] [15s elapsed]\n',
  )
  bar.onDone({ address: 'guardduty.detector[us-east-1]' }, 'failed')
  advance(LOG_INTERVAL_MS)
  assert.match(out.text(), '2026-11-30T06:00:30.000Z Applying: 1/13, 1 failed [30s elapsed]\n')
  bar.done()
  advance(LOG_INTERVAL_MS * 4)
  assert.is(out.text().split('\n').length, 3, 'no line after done')
})

test('on a terminal: one live line, rewritten in place every second', () => {
  const { clock, advance } = fakeClock()
  const out = stream(true)
  const bar = applyProgress(out.s, 2, clock)
  bar.onStart({ address: 'scp.policy[deny-member-root]' })
  advance(3000)
  assert.ok(out.text().startsWith('\r\x1b[2KApplying: 0/2 — scp.policy[deny-member-root] [0s elapsed]'))
  assert.match(out.text(), '[3s elapsed]')
  assert.not.match(out.text(), '\n')
  bar.onDone({ address: 'scp.policy[deny-member-root]' }, 'applied')
  bar.done()
  assert.ok(out.text().endsWith('Applying: 1/2 [3s elapsed]\n'))
})

test('a plan read pass, not on a terminal: drift detection then observe, modules done of total every 15 s', () => {
  const { clock, advance } = fakeClock()
  const out = stream(false)
  const reading = planProgress(out.s, clock)
  reading.onProgress('drift', 0, 1, ['stacksets'])
  advance(LOG_INTERVAL_MS * 2)
  assert.is(
    out.text(),
    [
      '2026-11-30T06:00:15.000Z Detecting drift: 0/1 — stacksets [15s elapsed]',
      '2026-11-30T06:00:30.000Z Detecting drift: 0/1 — stacksets [30s elapsed]',
      '',
    ].join('\n'),
    'the wait for drift detection operations is visible',
  )
  reading.onProgress('drift', 1, 1, [])
  reading.onProgress('observe', 0, 7, ['scp', 'guardduty', 'stacksets'])
  reading.onProgress('observe', 5, 7, ['guardduty', 'stacksets'])
  advance(LOG_INTERVAL_MS)
  assert.match(
    out.text(),
    '2026-11-30T06:00:45.000Z Reading the organization: 5/7 — guardduty, stacksets [15s elapsed]\n',
  )
  reading.done()
  const before = out.text()
  advance(LOG_INTERVAL_MS * 4)
  assert.is(out.text(), before, 'no line after done')
})

test('a plan read pass on a terminal: one live line per pass, ended by a newline', () => {
  const { clock, advance } = fakeClock()
  const out = stream(true)
  const reading = planProgress(out.s, clock)
  reading.onProgress('observe', 0, 2, ['scp', 'stacksets'])
  advance(2000)
  reading.onProgress('observe', 2, 2, [])
  reading.done()
  assert.ok(out.text().startsWith('\r\x1b[2KReading the organization: 0/2 — scp, stacksets [0s elapsed]'))
  assert.ok(out.text().endsWith('\r\x1b[2KReading the organization: 2/2 [2s elapsed]\n'))
  reading.onProgress('observe', 0, 1, ['scp'])
  assert.ok(
    out.text().endsWith('Reading the organization: 0/1 — scp [0s elapsed]'),
    'a second plan draws again',
  )
  reading.done()
})

test.run()

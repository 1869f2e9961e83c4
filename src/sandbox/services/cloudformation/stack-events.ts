// A stack's events and status timeline: events are spread over the operation's simulated duration, and the
// final status lands at its end, so DescribeStackEvents and DescribeStacks reveal them as time passes.
import type { Stack, StackEventRecord } from './stack-model.ts'

export interface EventClock {
  next(): number
  current(): number
}

/** Spreads a stack operation's events over its duration (the final status lands at the end). */
export function eventClock(start: number, durationMs: number): EventClock {
  let t = start
  const step = Math.max(1, Math.floor(durationMs / 20))
  return {
    next: () => {
      const now = t
      t = Math.min(t + step, start + Math.max(0, durationMs - 1))
      return now
    },
    current: () => t,
  }
}

export function finish(stack: Stack, at: number, status: string, failure?: { reason: string }): void {
  stack.transitions.push({ at, status, ...(failure ? { reason: failure.reason } : {}) })
  pushEvent(stack, at, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', status, failure?.reason)
}

export function pushEvent(
  stack: Stack,
  at: number,
  logicalId: string,
  physicalId: string,
  type: string,
  status: string,
  reason?: string,
): void {
  // Kept small: a stack set over thousands of accounts holds one stack per instance.
  const event: StackEventRecord = { at, logicalId, physicalId, type, status }
  if (reason) event.reason = reason
  stack.events.push(event)
}

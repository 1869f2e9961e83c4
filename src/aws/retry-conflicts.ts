// The SDK already retries throttling and 5xx answers. These AWS errors mean "someone else is changing
// this right now" and the SDK does not retry them, so the one extra layer is here: jittered, capped
// backoff around a single call, never around a whole sequence (retries must not multiply).
import { errorName } from '../errors.ts'
import { REAL_CLOCK } from './poll.ts'

// Each service's own name for "changed by another request; try again" (from the SDK models).
export const CONFLICT_ERRORS = new Set([
  'ConcurrentModificationException', // Organizations, CloudTrail, EventBridge
  'ConcurrentModification', // IAM
  'ResourceConcurrentModificationException', // Config
  'ConflictException', // GuardDuty
  'OperationInProgressException', // CloudFormation StackSets
  'PolicyChangesInProgressException', // Organizations
])

export interface ConflictRetryOptions {
  attempts?: number
  baseMs?: number
  capMs?: number
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

export async function retryConflicts<T>(
  call: () => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const { attempts = 8, baseMs = 200, capMs = 10_000, onRetry } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!CONFLICT_ERRORS.has(errorName(error) ?? '') || attempt >= attempts) throw error
      // "Full jitter": a random delay up to the exponential bound spreads out competing writers.
      const delayMs = Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** attempt))
      onRetry?.(error, attempt, delayMs)
      await REAL_CLOCK.sleep(delayMs)
    }
  }
}

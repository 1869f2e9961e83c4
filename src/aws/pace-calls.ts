// Pacing per operation once it is throttled (throttle-pacer.ts), as a middleware inside the SDK's retry loop:
// it runs before every attempt, a retry's included, and sees which operation the attempt is. Per operation,
// because AWS's published rates are per operation (Security Hub's, Account Management's) and a throttled
// ListAccountsForParent says nothing about ListTagsForResource: one pacer for the whole client would hold back
// every other operation of it too.
import { isThrottlingError } from '@smithy/core/retry'
import type { SdkError } from '@smithy/types'
import { ThrottlePacer } from './throttle-pacer.ts'

type Next = (args: unknown) => Promise<unknown>
interface Stack {
  add: (middleware: unknown, options: Record<string, unknown>) => void
}

export function paceCalls(stack: Stack, newPacer: () => ThrottlePacer = () => new ThrottlePacer()): void {
  const pacers = new Map<string, ThrottlePacer>()
  const pacerFor = (operation: string) => {
    let pacer = pacers.get(operation)
    if (!pacer) {
      pacer = newPacer()
      pacers.set(operation, pacer)
    }
    return pacer
  }
  stack.add(
    (next: Next, context: { commandName?: string }) => async (args: unknown) => {
      const pacer = pacerFor(context.commandName ?? '')
      await pacer.turn()
      try {
        const result = await next(args)
        pacer.succeeded()
        return result
      } catch (error) {
        if (error && typeof error === 'object' && isThrottlingError(error as SdkError)) pacer.throttled()
        throw error
      }
    },
    // After the retry middleware, so once per attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'orgBaselinePaceCalls' },
  )
}

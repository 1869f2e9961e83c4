// Who made an AWS call and where: attached to every error the SDK throws (so the one error renderer can
// name the service, endpoint, region and account) and logged per attempt at --log-level debug. Only these
// fields are logged — never the request's parameters, headers or credentials.
import type { Logger } from '../log.ts'

export interface CallContext {
  service: string
  operation: string
  region: string
  /** The account acted in; undefined for the tool's own credentials. */
  account?: string
  /** scheme://host:port the last attempt went to. */
  endpoint?: string
  attempts: number
  /** The profile the tool's credentials come from, for the credential hints. */
  profile?: string
}

const KEY = Symbol.for('org-baseline.call')

/** The call an error came from, when the SDK threw it for one of the tool's clients. */
export const callOf = (error: unknown): CallContext | undefined =>
  error && typeof error === 'object' ? (error as Record<symbol, CallContext>)[KEY] : undefined

type Next = (args: unknown) => Promise<unknown>
interface Stack {
  add: (middleware: unknown, options: Record<string, unknown>) => void
}
interface HttpRequest {
  protocol?: string
  hostname?: string
  port?: number
}

export function annotateCalls(
  stack: Stack,
  where: { service: string; region: string; account?: string; profile?: string },
  log?: Logger,
): void {
  const calls = new WeakMap<object, CallContext>()
  const operationOf = (context: { commandName?: string }) =>
    context.commandName?.replace(/Command$/, '') ?? 'unknown'
  // Around the whole call, retries included: the error that escapes carries its context.
  stack.add(
    (next: Next, context: object & { commandName?: string }) => async (args: unknown) => {
      const call: CallContext = { ...where, operation: operationOf(context), attempts: 0 }
      calls.set(context, call)
      try {
        return await next(args)
      } catch (error) {
        if (error && typeof error === 'object' && !callOf(error)) {
          Object.defineProperty(error, KEY, { value: call, enumerable: false })
        }
        throw error
      }
    },
    { step: 'initialize', priority: 'high', name: 'orgBaselineCallContext' },
  )
  // After the retry middleware: once per attempt.
  stack.add(
    (next: Next, context: object) => async (args: unknown) => {
      const call = calls.get(context)
      const request = (args as { request?: HttpRequest }).request
      if (call) {
        call.attempts++
        if (request?.hostname) {
          call.endpoint = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`
        }
      }
      const started = performance.now()
      try {
        const result = await next(args)
        log?.debug({ aws: summary(call, started) }, 'aws call')
        return result
      } catch (error) {
        const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } }
        log?.debug(
          {
            aws: {
              ...summary(call, started),
              error: e?.code ?? e?.name ?? 'Error',
              status: e?.$metadata?.httpStatusCode,
            },
          },
          'aws call failed',
        )
        throw error
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'orgBaselineCallLog' },
  )
}

const summary = (call: CallContext | undefined, started: number) => ({
  service: call?.service,
  operation: call?.operation,
  region: call?.region,
  account: call?.account ?? 'caller',
  attempt: call?.attempts,
  durationMs: Math.round(performance.now() - started),
})

// A call that got no answer (connect or response timeout, connection reset or refused) after its bounded
// retries becomes one typed error naming the service, the operation and the endpoint, instead of the
// SDK's bare "socket hang up" or a run that hangs.
import { OrgBaselineError } from '../errors.ts'

// Node's network error codes and the SDK's timeout error name (@smithy/node-http-handler, service-error-
// classification): what a silent or vanished endpoint produces.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

export function isNoAnswer(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } }
  if (e?.$metadata?.httpStatusCode) return false
  return e?.name === 'TimeoutError' || NETWORK_CODES.has(e?.code ?? '')
}

export interface Timeouts {
  connectMs: number
  responseMs: number
  maxAttempts: number
}

export class AwsUnreachableError extends OrgBaselineError {
  constructor(
    readonly service: string,
    readonly operation: string,
    readonly endpoint: string,
    readonly timeouts: Timeouts,
    cause: unknown,
  ) {
    const why = (cause as Error)?.message ?? String(cause)
    super(
      'AwsUnreachable',
      `${service}:${operation} at ${endpoint} got no answer after ${timeouts.maxAttempts} attempt(s) (connect timeout ${timeouts.connectMs / 1000}s, response timeout ${timeouts.responseMs / 1000}s; last: ${why}) — check the endpoint and the network, or raise --connect-timeout / --call-timeout`,
      { cause },
    )
    this.name = 'AwsUnreachableError'
  }
}

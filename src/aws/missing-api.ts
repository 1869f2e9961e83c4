// An endpoint that does not offer an API (an emulator without it, a proxy, a wrong --endpoint-url) answers
// 404 with a page that is no AWS error; the SDK then reports a JSON/XML parse error ("Unexpected token '<'")
// or a bare "NotFound: Unknown". This names what was asked of whom instead.
import { OrgBaselineError } from '../errors.ts'

export class ApiNotOffered extends OrgBaselineError {
  constructor(
    readonly service: string,
    readonly operation: string,
    readonly endpoint: string,
    cause: unknown,
  ) {
    super(
      'ApiNotOffered',
      `${service}:${operation}: the endpoint ${endpoint} does not offer this API (HTTP 404, no AWS error in the answer) — check --endpoint-url / AWS_ENDPOINT_URL*, or leave this module out with --only`,
      { cause },
    )
    this.name = 'ApiNotOffered'
  }
}

interface SdkError {
  name?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

/** A 404 whose body the SDK could not read as an AWS error of the service. */
export function isMissingApi(error: unknown): boolean {
  const e = error as SdkError | undefined
  if (e?.$metadata?.httpStatusCode !== 404) return false
  return e.name === 'SyntaxError' || e.name === 'UnknownError' || e.message === 'Unknown'
}

interface MiddlewareClient {
  middlewareStack: { add: (middleware: unknown, options: Record<string, unknown>) => void }
}

/** Outermost middleware: rethrows a missing-API answer as ApiNotOffered. */
export function nameMissingApis(service: string, endpoint: string, client: MiddlewareClient): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) =>
      next(args).catch((error: unknown) => {
        if (!isMissingApi(error)) throw error
        const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown'
        throw new ApiNotOffered(service, operation, endpoint, error)
      }),
    { step: 'initialize', priority: 'high', name: 'orgBaselineMissingApi' },
  )
}

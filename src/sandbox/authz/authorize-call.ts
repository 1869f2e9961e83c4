// The server's authorization hook: each API call is judged, after the caller is known and the call decoded
// and before faults, throttling and the handler, as the action(s) its table names (actions/) against the
// resources the request touches. A denial answers as the service answers AccessDenied (denial.ts) and is
// logged like any error.
import { SandboxError } from '../errors.ts'
import type { Session } from '../services/sts.ts'
import type { World } from '../state.ts'
import { actionsForRequest } from './actions/index.ts'
import { judge, policySets } from './authorize-as.ts'
import { accessDenied } from './denial.ts'
import type { ActionEntry, ActionInput } from './types.ts'

export interface CallRequest {
  signingName: string
  operation: string
  /** The SigV4 Region of the request. */
  region: string
  /** The decoded input (read only when policies take part). */
  input: () => ActionInput
}

/**
 * Authorizes an API call before it runs; returns the service's AccessDenied error, or undefined when allowed.
 * An operation without an action table entry is a sandbox bug and answers InternalFailure.
 */
export function authorizeCall(world: World, caller: Session, request: CallRequest): SandboxError | undefined {
  const entries = actionsForRequest(request.signingName, request.operation, request.input)
  if (!entries) {
    return new SandboxError(
      'InternalFailure',
      `Sandbox has no authorization entry for ${request.signingName}:${request.operation}`,
      500,
    )
  }
  return authorizeEntries(world, caller, request.signingName, entries, request.region, request.input)
}

/**
 * Judges `entries` for one request (or one part of it: S3's DeleteObjects authorizes each key on its own).
 * A resource's own policy (a bucket policy) takes part even for a caller no other policy governs.
 */
export function authorizeEntries(
  world: World,
  caller: Session,
  signingName: string,
  entries: ActionEntry[],
  region: string,
  readInput: () => ActionInput,
): SandboxError | undefined {
  if (entries.length === 0) return undefined
  const sets = policySets(world, caller)
  if (!sets && !entries.some((e) => e.resourcePolicy)) return undefined
  const input = readInput()
  const scope = { world, account: caller.account, region, principalArn: caller.principalArn }
  for (const entry of entries) {
    const resources = entry.resources ? entry.resources(input, scope) : ['*']
    const resourcePolicy = entry.resourcePolicy?.(input, scope)
    if (!sets && !resourcePolicy) continue
    const denial = judge(world, caller, sets ?? {}, {
      action: entry.action,
      resources,
      region,
      ...(resourcePolicy ? { resourcePolicy } : {}),
      ...(entry.context ? { context: entry.context(input, scope) } : {}),
    })
    if (denial) return accessDenied(signingName, denial.message)
  }
  return undefined
}

// What every Organizations operation shares: who may call (writes only from the management account;
// reads from it or from any delegated administrator), MaxResults/NextToken paging, and input checks that
// answer with Organizations' own errors.
import { EVENTUAL } from '../../consistency.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { CallContext } from '../service.ts'

const ACCESS_DENIED = 'You don’t have permissions to access this resource.'

export function requireManagement(ctx: CallContext): void {
  if (ctx.account !== ctx.world.managementAccountId) {
    throw new SandboxError('AccessDeniedException', ACCESS_DENIED, 403)
  }
}

/** Reads: the management account, or a member registered as delegated administrator for any service. */
export function requireReader(ctx: CallContext): void {
  if (ctx.account === ctx.world.managementAccountId) return
  if (isAnyDelegatedAdmin(ctx.world, ctx.account)) return
  throw new SandboxError('AccessDeniedException', ACCESS_DENIED, 403)
}

export function isAnyDelegatedAdmin(world: World, accountId: string): boolean {
  for (const admins of world.delegatedAdmins.values()) if (admins.has(accountId)) return true
  return false
}

export const invalidInput = (reason: string, message: string) =>
  new SandboxError('InvalidInputException', message, 400, { Reason: reason })

export const constraintViolation = (reason: string, message: string) =>
  new SandboxError('ConstraintViolationException', message, 409, { Reason: reason })

export function requiredString(input: Record<string, unknown>, name: string): string {
  const value = input[name]
  if (typeof value !== 'string' || value === '') {
    throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`)
  }
  return value
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalidInput('INVALID_ENUM', 'You specified an invalid value.')
  return value
}

/**
 * Checks an id against the pattern the API model gives it: InvalidInputException INVALID_PATTERN with the
 * sentence AWS answers (README, "Requests as the model judges them").
 */
export function checkId(value: string, pattern: RegExp, _name: string): string {
  if (!pattern.test(value)) {
    throw invalidInput('INVALID_PATTERN', 'You provided a value that does not match the required pattern.')
  }
  return value
}

export const ACCOUNT_ID = /^\d{12}$/
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/
export const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/
export const PARENT_ID = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/
export const TARGET_ID = /^(?:r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/

export interface Page<T> {
  items: T[]
  nextToken: string | undefined
}

/**
 * MaxResults 1–20 (AWS's limit for Organizations' List* calls, validated as AWS does), an opaque NextToken
 * tied to the operation and its filters so a token from another listing is refused.
 */
export function paginate<T>(
  ctx: CallContext,
  input: Record<string, unknown>,
  items: readonly T[],
  listingKey: string,
  maxLimit = 20,
): Page<T> {
  const raw = input.MaxResults
  let limit = maxLimit
  if (raw !== undefined && raw !== null) {
    const value = Number(raw)
    if (!Number.isInteger(value)) throw invalidInput('INVALID_ENUM', 'You specified an invalid value.')
    if (value < 1)
      throw invalidInput(
        'MIN_VALUE_EXCEEDED',
        'You provided a value that is lower than the minimum for MaxResults (1).',
      )
    if (value > maxLimit) {
      throw invalidInput(
        'MAX_VALUE_EXCEEDED',
        `You provided a value that is larger than the maximum for MaxResults (${maxLimit}).`,
      )
    }
    limit = value
  }
  if (ctx.pageSizeCap !== undefined) limit = Math.min(limit, ctx.pageSizeCap)
  const start = readToken(input.NextToken, listingKey)
  // Eventual mode: "can occasionally return an empty set of results even when more results are available"
  // (the model's documentation of every List*). The token differs from the one sent, so no client stops on it.
  if (start < items.length && ctx.world.consistency.chance(EVENTUAL.emptyPageProbability)) {
    ctx.world.consistency.note('empty-page')
    return { items: [], nextToken: writeToken(start, listingKey, ctx.world.nextId()) }
  }
  const end = start + limit
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? writeToken(end, listingKey) : undefined,
  }
}

function writeToken(offset: number, listingKey: string, nonce?: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: listingKey, ...(nonce ? { n: nonce } : {}) })).toString(
    'base64url',
  )
}

function readToken(token: unknown, listingKey: string): number {
  if (token === undefined || token === null) return 0
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {
      o?: unknown
      k?: unknown
    }
    if (typeof parsed.o === 'number' && parsed.k === listingKey) return parsed.o
  } catch {
    // fall through to AWS's answer for a token it did not issue
  }
  throw invalidInput('INVALID_NEXT_TOKEN', 'The NextToken value you specified is not valid.')
}

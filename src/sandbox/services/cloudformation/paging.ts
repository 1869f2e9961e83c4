// NextToken paging for CloudFormation lists. Tokens are opaque to clients; a token from another list or a
// tampered one is rejected as AWS does rather than silently restarting.
import type { CallContext } from '../service.ts'
import { int, rangeCheck, validationError } from './input.ts'

export interface Page<T> {
  items: T[]
  nextToken: string | undefined
}

/**
 * One page of `items`. `maxResults` is the caller's MaxResults (validated 1–`limit`); without it AWS's own
 * page size `limit` applies. A test's pageSizeCap shrinks every page further.
 */
export function page<T>(
  items: T[],
  input: Record<string, unknown>,
  ctx: CallContext,
  scope: string,
  limit = 100,
  maxResultsKey: string | undefined = 'MaxResults',
): Page<T> {
  const requested = maxResultsKey ? int(input[maxResultsKey], 'maxResults') : undefined
  rangeCheck(requested, 1, limit, 'maxResults')
  let size = requested ?? limit
  if (ctx.pageSizeCap !== undefined) size = Math.min(size, ctx.pageSizeCap)
  const start = decodeToken(input.NextToken, scope)
  const slice = items.slice(start, start + size)
  const next = start + size < items.length ? encodeToken(start + size, scope) : undefined
  return { items: slice, nextToken: next }
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64')
}

function decodeToken(token: unknown, scope: string): number {
  if (token === undefined || token === '') return 0
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as {
      o?: unknown
      s?: unknown
    }
    if (typeof parsed.o === 'number' && parsed.s === scope) return parsed.o
  } catch {
    // fall through to the error below
  }
  throw validationError('Invalid NextToken')
}

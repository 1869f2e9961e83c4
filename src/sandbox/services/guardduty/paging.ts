// NextToken paging for GuardDuty lists: the token is an opaque offset; a token GuardDuty did not issue is
// rejected as invalid input.
import type { CallContext } from '../service.ts'
import { badRequest, INVALID_INPUT } from './errors.ts'

export interface Page<T> {
  items: T[]
  nextToken: string | undefined
}

/** `maxResults` as it arrived (query string or body); GuardDuty's list operations accept 1–50. */
export function pageOf<T>(
  all: T[],
  maxResults: unknown,
  nextToken: unknown,
  ctx: CallContext,
  limits = { max: 50, default: 50 },
): Page<T> {
  let size = limits.default
  if (maxResults !== undefined && maxResults !== null && maxResults !== '') {
    const n = Number(maxResults)
    if (!Number.isInteger(n) || n < 1 || n > limits.max) throw badRequest(INVALID_INPUT)
    size = n
  }
  if (ctx.pageSizeCap !== undefined) size = Math.min(size, ctx.pageSizeCap)
  let start = 0
  if (typeof nextToken === 'string' && nextToken !== '') {
    const text = Buffer.from(nextToken, 'base64url').toString('utf8')
    const decoded = text.startsWith('gd:') ? Number(text.slice(3)) : Number.NaN
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > all.length) throw badRequest(INVALID_INPUT)
    start = decoded
  }
  const end = start + size
  return {
    items: all.slice(start, end),
    nextToken: end < all.length ? Buffer.from(`gd:${end}`).toString('base64url') : undefined,
  }
}

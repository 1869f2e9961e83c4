// NextToken paging for Security Hub lists: an opaque offset; a token Security Hub did not issue, or a
// MaxResults outside the operation's range, is InvalidInputException.
import type { CallContext } from '../service.ts'
import { invalidInput } from './errors.ts'

export function pageOf<T>(
  all: T[],
  maxResults: unknown,
  nextToken: unknown,
  ctx: CallContext,
  limits: { max: number; default: number },
): { items: T[]; nextToken: string | undefined } {
  let size = limits.default
  if (maxResults !== undefined && maxResults !== null && maxResults !== '') {
    const n = Number(maxResults)
    if (!Number.isInteger(n) || n < 1 || n > limits.max) {
      throw invalidInput(`MaxResults must be between 1 and ${limits.max}`)
    }
    size = n
  }
  if (ctx.pageSizeCap !== undefined) size = Math.min(size, ctx.pageSizeCap)
  let start = 0
  if (typeof nextToken === 'string' && nextToken !== '') {
    const text = Buffer.from(nextToken, 'base64url').toString('utf8')
    const decoded = text.startsWith('sh:') ? Number(text.slice(3)) : Number.NaN
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > all.length)
      throw invalidInput('Invalid NextToken')
    start = decoded
  }
  const end = start + size
  return {
    items: all.slice(start, end),
    nextToken: end < all.length ? Buffer.from(`sh:${end}`).toString('base64url') : undefined,
  }
}

// NextToken paging shared by CloudTrail, Config, EventBridge, GuardDuty and Security Hub. Tokens are opaque offsets
// bound to the list they page over; a token the service did not issue for this list is refused with the
// operation's own error.
import type { SandboxError } from '../errors.ts'
import type { CallContext } from './service.ts'

export interface Page<T> {
  items: T[]
  nextToken: string | undefined
}

export function pageOf<T>(
  all: T[],
  token: unknown,
  size: number,
  ctx: CallContext,
  scope: string,
  invalidToken: () => SandboxError,
): Page<T> {
  const capped = ctx.pageSizeCap !== undefined ? Math.min(size, ctx.pageSizeCap) : size
  let start = 0
  if (token !== undefined && token !== null && token !== '') {
    const decoded = decode(String(token))
    if (!decoded || decoded.scope !== scope || decoded.offset > all.length) throw invalidToken()
    start = decoded.offset
  }
  const end = start + capped
  return { items: all.slice(start, end), nextToken: end < all.length ? encode(scope, end) : undefined }
}

function encode(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url')
}

function decode(token: string): { scope: string; offset: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      s?: unknown
      o?: unknown
    }
    if (
      typeof parsed.s !== 'string' ||
      typeof parsed.o !== 'number' ||
      !Number.isInteger(parsed.o) ||
      parsed.o < 0
    ) {
      return undefined
    }
    return { scope: parsed.s, offset: parsed.o }
  } catch {
    return undefined
  }
}

/** MaxResults as it arrived (query string or body), checked against the operation's range. */
export function pageSizeOf(
  maxResults: unknown,
  limits: { max: number; default: number },
  invalid: () => SandboxError,
): number {
  if (maxResults === undefined || maxResults === null || maxResults === '') return limits.default
  const n = Number(maxResults)
  if (!Number.isInteger(n) || n < 1 || n > limits.max) throw invalid()
  return n
}

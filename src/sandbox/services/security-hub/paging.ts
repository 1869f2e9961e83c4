// NextToken paging for Security Hub lists: MaxResults within the operation's range, then the shared opaque
// offsets; a bad MaxResults or a token Security Hub did not issue is InvalidInputException.
import type { CallContext } from '../service.ts'
import { type Page, pageSizeOf, pageOf as tokenPage } from '../token-paging.ts'
import { invalidInput } from './errors.ts'

export function pageOf<T>(
  all: T[],
  maxResults: unknown,
  nextToken: unknown,
  ctx: CallContext,
  limits: { max: number; default: number },
): Page<T> {
  const size = pageSizeOf(maxResults, limits, () =>
    invalidInput(`MaxResults must be between 1 and ${limits.max}`),
  )
  return tokenPage(all, nextToken, size, ctx, 'securityhub', () => invalidInput('Invalid NextToken'))
}

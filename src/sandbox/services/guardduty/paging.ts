// NextToken paging for GuardDuty lists: MaxResults within the operation's range, then the shared opaque
// offsets; a bad MaxResults or a token GuardDuty did not issue is rejected as invalid input.
import type { CallContext } from '../service.ts'
import { type Page, pageSizeOf, pageOf as tokenPage } from '../token-paging.ts'
import { badRequest, INVALID_INPUT } from './errors.ts'

export type { Page }

/** GuardDuty's list operations accept 1–50 unless the operation says otherwise. */
export function pageOf<T>(
  all: T[],
  maxResults: unknown,
  nextToken: unknown,
  ctx: CallContext,
  limits = { max: 50, default: 50 },
): Page<T> {
  const invalid = () => badRequest(INVALID_INPUT)
  return tokenPage(all, nextToken, pageSizeOf(maxResults, limits, invalid), ctx, 'guardduty', invalid)
}

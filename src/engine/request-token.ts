// Idempotency tokens derived from the change: the same change sent again — by the SDK's retry after a
// lost answer, by retryConflicts, or by a rerun of the same plan — carries the same token, so AWS answers
// the first request's outcome instead of acting twice. Any other change gets another token.
// CloudFormation's ClientRequestToken: 1–128 characters, pattern [a-zA-Z0-9][-a-zA-Z0-9]* (botocore
// cloudformation model); GuardDuty's ClientToken: 0–64 characters. 60 characters fit both.
import { createHash } from 'node:crypto'
import type { Change } from './change.ts'

export function requestToken(
  verb: string,
  change: Pick<Change, 'address' | 'action' | 'before' | 'after'>,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([verb, change.address, change.action, change.before, change.after]))
    .digest('hex')
  return `ob-${verb.replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}-${digest.slice(0, 40)}`
}

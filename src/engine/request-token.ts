// Idempotency tokens derived from the change: the same change sent again in this run — by the SDK's
// retry after a lost answer, by retryConflicts — carries the same token, so AWS answers the first request's
// outcome instead of acting twice; the same change applied again after a "not yet" answer (Change.attempt)
// acts anew. Each run adds its own nonce: a later run that plans the same change
// again (the stack deleted out of band, an operation that failed) must act anew, not be answered with the
// old outcome ("Repeating this stack set operation with a new operation ID retries all stack instances
// whose status is OUTDATED", CreateStackInstances API reference).
// CloudFormation's ClientRequestToken: 1–128 characters, [a-zA-Z0-9][-a-zA-Z0-9]* (botocore cloudformation
// model); GuardDuty's ClientToken: 0–64 characters (botocore guardduty model). 52 characters fit both.
import { createHash, randomUUID } from 'node:crypto'
import type { Change } from './change.ts'

const RUN_NONCE = randomUUID()

export function requestToken(
  verb: string,
  change: Pick<Change, 'address' | 'action' | 'before' | 'after' | 'attempt'>,
): string {
  const { address, action, before, after, attempt = 0 } = change
  const digest = createHash('sha256')
    .update(JSON.stringify([RUN_NONCE, verb, address, action, before, after, attempt]))
    .digest('hex')
  return `ob-${verb.replace(/[^a-zA-Z0-9]/g, '').slice(0, 8)}-${digest.slice(0, 40)}`
}

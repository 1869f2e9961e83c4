// A change applied right after one it depends on can reach a service before that service has seen the
// dependency: trusted access and delegated-admin registrations made through Organizations reach the other
// services eventually (AWS: "eventually consistent", no figure). These answers mean "not yet" only when the
// precondition was just made true — by this run, or by an earlier run moments ago (one stopped before its
// dependent changes ran) — so a change whose dependencies are in place is re-applied on them (every module
// re-reads before it writes, so applying again is safe), with backoff, until a deadline.
import { type Clock, pollUntil, REAL_CLOCK } from '../aws/poll.ts'
import { errorName } from '../errors.ts'

/** Each service's answer when trusted access / a delegated administrator is not (yet) in place. */
const NOT_YET: { error: string; message?: RegExp; service: string }[] = [
  { error: 'ServiceAccessNotEnabledException', service: 'IAM (centralized root access)' },
  { error: 'CloudTrailAccessNotEnabledException', service: 'CloudTrail (organization trail)' },
  { error: 'OrganizationAccessDeniedException', service: 'Config (organization aggregator)' },
  {
    error: 'ValidationError',
    message: /organizations access|not a delegated administrator/i,
    service: 'CloudFormation StackSets (service-managed, CallAs DELEGATED_ADMIN)',
  },
  { error: 'BadRequestException', message: /trusted access/i, service: 'GuardDuty (organization admin)' },
  // AWS's wording for these two is not documented (src/sandbox/README.md): the match is kept to denials that
  // name the missing precondition, so a plain permission denial still fails at once.
  {
    error: 'AccessDeniedException',
    message: /trusted access|delegated administrator/i,
    service: 'IAM Access Analyzer (organization analyzers), Account API (alternate contacts)',
  },
]

export function isNotYetVisible(error: unknown): boolean {
  const name = errorName(error) ?? ''
  const message = error instanceof Error ? error.message : String(error)
  if (name === 'StackFailed') return stackFailedNotYet(message)
  return NOT_YET.some((n) => n.error === name && (!n.message || n.message.test(message)))
}

/**
 * A stack whose resource met one of those answers (the organization trail's stack before CloudTrail sees
 * trusted access). CloudFormation quotes the service's answer in the resource's status reason, with its
 * error code in the older handlers' form "(Service: …; Status Code: 400; Error Code: X; …)"; registry
 * handlers quote the message alone, so a message naming trusted access as not enabled counts too.
 */
function stackFailedNotYet(reason: string): boolean {
  return (
    NOT_YET.some(
      (n) => new RegExp(`Error Code: ${n.error}\\b`).test(reason) && (!n.message || n.message.test(reason)),
    ) || /trusted access\b[^.]*\bnot enabled/i.test(reason)
  )
}

/** How long a change waits for a dependency this run applied to reach its service. */
export const SETTLE_WAIT_MS = 3 * 60_000

/** `apply` is given the attempt's number, from 0: a change applied again carries new idempotency tokens. */
export async function applyWhileSettling(
  apply: (attempt: number) => Promise<void>,
  deadline: number | undefined,
  clock: Clock = REAL_CLOCK,
): Promise<void> {
  const until = Math.min(deadline ?? Number.POSITIVE_INFINITY, clock.now() + SETTLE_WAIT_MS)
  let attempts = 0
  const attempt = () =>
    apply(attempts++).then(
      () => undefined,
      (error: unknown) => {
        if (!isNotYetVisible(error)) throw error
        return error
      },
    )
  const { value } = await pollUntil(attempt, (error) => error === undefined, {
    readFirst: true,
    deadline: until,
    clock,
  })
  if (value !== undefined) throw value
}

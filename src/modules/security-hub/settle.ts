// Central configuration and configuration-policy associations are asynchronous: AWS answers the write, then
// the status is PENDING until it settles ENABLED / SUCCESS or FAILED (API reference: OrganizationConfiguration
// .Status with StatusMessage "if the value of Status is equal to FAILED"; GetConfigurationPolicyAssociation
// .AssociationStatus with AssociationStatusMessage). Apply waits for that, within --max-wait, and reports
// FAILED with AWS's reason instead of counting the write as done.
import { pollUntil } from '../../aws/poll.ts'
import type { Context } from '../../engine/module.ts'
import { OrgBaselineError } from '../../errors.ts'

/** AWS documents no duration; minutes is what its console shows for it (the sandbox's is 5–60 s). */
const SETTLE_WAIT_MS = 10 * 60_000

export interface Settling {
  status: string
  message?: string
}

/** Waits for `read` to leave PENDING; throws with AWS's reason on FAILED, or when still PENDING at the deadline. */
export async function waitSettled(ctx: Context, what: string, read: () => Promise<Settling>): Promise<void> {
  const deadline = Math.min(ctx.deadline ?? Number.POSITIVE_INFINITY, Date.now() + SETTLE_WAIT_MS)
  const { value } = await pollUntil(read, (s) => s.status !== 'PENDING', { readFirst: true, deadline })
  if (value.status === 'PENDING') {
    throw new OrgBaselineError(
      'StillPending',
      `${what} is still PENDING at the deadline (--max-wait) — run apply again later to see how it settled`,
    )
  }
  if (value.status === 'FAILED') {
    throw new OrgBaselineError(
      'SettledFailed',
      `${what} settled FAILED: ${value.message ?? 'AWS gave no reason'}`,
    )
  }
}

// Each Security Hub member's enabled standards under local configuration, read in the account itself
// (GetEnabledStandards answers for the calling account only: the administrator has no wider read). One read
// per member account and region, so only when asked (`status --member-standards`), within `--concurrency`.
import type { AwsClients } from '../aws/clients.ts'
import { mapLimit } from '../engine/concurrency.ts'
import { errorName } from '../errors.ts'
import { enabledStandards } from '../modules/security-hub/observe.ts'
import type { SecurityHubMembers } from './security-hub-members.ts'

/** Account → region → the standards ARNs enabled there; a string is the error that read ended in. */
export type MemberStandards = Record<string, Record<string, string[] | string>>

/** The (account, region) pairs to read: every member the administrator lists as Enabled. */
export function memberPairs(members: SecurityHubMembers): { account: string; region: string }[] {
  return Object.entries(members).flatMap(([region, listed]) =>
    typeof listed === 'string'
      ? []
      : Object.entries(listed)
          .filter(([, status]) => status === 'Enabled')
          .map(([account]) => ({ account, region })),
  )
}

export async function readMemberStandards(
  aws: AwsClients,
  pairs: { account: string; region: string }[],
  concurrency: number,
  tick: () => void,
): Promise<MemberStandards> {
  const read = await mapLimit(pairs, concurrency, async ({ account, region }) => {
    try {
      return await enabledStandards(aws.securityhub(region, account))
    } catch (error) {
      return `GetEnabledStandards in the account failed: ${errorName(error) ?? 'Error'}: ${(error as Error).message}`
    } finally {
      tick()
    }
  })
  const out: MemberStandards = {}
  pairs.forEach(({ account, region }, i) => {
    out[account] ??= {}
    out[account][region] = read[i] ?? []
  })
  return out
}

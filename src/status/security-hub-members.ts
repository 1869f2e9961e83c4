// Which accounts are Security Hub members under local configuration, region by region, as the delegated
// administrator lists them (ListMembers, 50 accounts a page, OnlyAssociated=false so that a Removed or
// Resigned member is reported with its status instead of as absent). One listing per region instead of a read
// per account; regions read concurrently within `--concurrency`.
import { paginateListMembers } from '@aws-sdk/client-securityhub'
import type { AwsClients } from '../aws/clients.ts'
import { collect } from '../aws/paginate.ts'
import { mapLimit } from '../engine/concurrency.ts'
import type { Desired } from '../engine/desired.ts'
import { errorName } from '../errors.ts'

/** Region → member account → MemberStatus; a string is the error that region's read ended in. */
export type SecurityHubMembers = Record<string, Record<string, string> | string>

export async function readSecurityHubMembers(
  aws: AwsClients,
  desired: Desired,
  regions: readonly string[],
  concurrency: number,
  tick: () => void,
): Promise<SecurityHubMembers> {
  const admin = desired.securityTooling.id
  const lists = await mapLimit([...regions], concurrency, async (region) => {
    try {
      const members = await collect(
        paginateListMembers(
          { client: aws.securityhub(region, admin), pageSize: 50 },
          { OnlyAssociated: false },
        ),
        (p) => p.Members,
      )
      return Object.fromEntries(members.map((m) => [m.AccountId ?? '', m.MemberStatus ?? '']))
    } catch (error) {
      return `ListMembers failed: ${errorName(error) ?? 'Error'}: ${(error as Error).message}`
    } finally {
      tick()
    }
  })
  return Object.fromEntries(regions.map((r, i) => [r, lists[i] ?? {}]))
}

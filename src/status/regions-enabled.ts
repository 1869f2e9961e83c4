// Which of the targeted opt-in regions each account has enabled, from the Account API (ListRegions with
// AccountId, asked by the management account): AWS has no organization-wide answer, so one read per active
// account — and none at all unless an opt-in region is targeted (the default ones are on everywhere).
// Asked with AccountId for a member; the management account asks about itself without it (Account
// Management reference, ListRegions: "The management account can't specify its own AccountId").
import { type ListRegionsCommandInput, paginateListRegions } from '@aws-sdk/client-account'
import type { AwsClients } from '../aws/clients.ts'
import { collect } from '../aws/paginate.ts'
import { isOptInRegion } from '../config/regions.ts'
import { mapLimit } from '../engine/concurrency.ts'
import type { Desired } from '../engine/desired.ts'
import { errorName } from '../errors.ts'

/** Account → targeted opt-in region → RegionOptStatus (ENABLED, ENABLING, DISABLED, DISABLING); a string
 * is the error the account's read ended in. */
export type RegionsEnabled = Record<string, Record<string, string> | string>

/** The targeted regions that are opt-in: the only ones an account may not have enabled. */
export const optInTargets = (desired: Desired) => desired.regions.filter(isOptInRegion)

export async function readRegionsEnabled(
  aws: AwsClients,
  desired: Desired,
  concurrency: number,
  tick: () => void,
): Promise<RegionsEnabled> {
  const wanted = new Set<string>(optInTargets(desired))
  const accounts = desired.org.accounts.filter((a) => a.status === 'ACTIVE').map((a) => a.id)
  // Without trusted access for account.amazonaws.com every account is refused alike: stop asking.
  let refused: string | undefined
  const read = await mapLimit(accounts, concurrency, async (account) => {
    if (refused) {
      tick()
      return refused
    }
    try {
      const input: ListRegionsCommandInput =
        account === desired.org.managementAccountId ? {} : { AccountId: account }
      const regions = await collect(
        paginateListRegions({ client: aws.account(), pageSize: 50 }, input),
        (p) => p.Regions,
      )
      return Object.fromEntries(
        regions
          .filter((r) => wanted.has(r.RegionName ?? ''))
          .map((r) => [r.RegionName ?? '', r.RegionOptStatus ?? '']),
      )
    } catch (error) {
      const reason = `account:ListRegions failed: ${errorName(error) ?? 'Error'}: ${(error as Error).message}`
      if (errorName(error) === 'AccessDeniedException') refused = reason
      return reason
    } finally {
      tick()
    }
  })
  return Object.fromEntries(accounts.map((a, i) => [a, read[i] ?? {}]))
}

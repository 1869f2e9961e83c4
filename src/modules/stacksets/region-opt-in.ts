// Whether an account has enabled an opt-in region, from the Account API — never from the wording of a
// StackSets status reason (AWS documents none). The management account asks about each member account with
// ListRegions(AccountId), which needs trusted access for account.amazonaws.com (Account Management reference,
// "Enabling trusted access for AWS Account Management"; aws-facts §9): planned by trusted-access whenever a
// target region is opt-in. Only accounts with a failed instance in an opt-in region are asked, one call each.
import { paginateListRegions } from '@aws-sdk/client-account'
import { collect } from '../../aws/paginate.ts'
import { isOptInRegion } from '../../config/regions.ts'
import { mapLimit } from '../../engine/concurrency.ts'
import type { Context } from '../../engine/module.ts'
import { AwsCallError, errorName } from '../../errors.ts'
import { ACCOUNT_PRINCIPAL } from '../trusted-access.ts'
import type { ObservedStackSet } from './observed.ts'

/** `not-enabled`: the account has not enabled the region; `unknown`: the Account API may not be asked yet. */
export type RegionOptIn = 'not-enabled' | 'unknown'

const ENABLED = ['ENABLED', 'ENABLED_BY_DEFAULT']
const CONCURRENCY = 10

/** Failures that may be an opt-in region the account has not enabled: failed, in an opt-in region. */
export const mayBeRegionOff = (p: { kind?: string; region: string }) =>
  (p.kind === undefined || p.kind === 'FAILED') && isOptInRegion(p.region)

/**
 * For each `account/region` of `failures` in an opt-in region: whether the account has not enabled it.
 * Regions it has enabled are left out of the map. Without trusted access every entry is `unknown`.
 */
export async function regionOptIn(
  ctx: Context,
  failures: readonly { account: string; region: string; kind?: string }[],
): Promise<Map<string, RegionOptIn>> {
  const asked = failures.filter(mayBeRegionOff)
  const accounts = [...new Set(asked.map((f) => f.account))].sort()
  const out = new Map<string, RegionOptIn>()
  if (accounts.length === 0) return out
  const enabled = await mapLimit(accounts, CONCURRENCY, (account) => enabledRegions(ctx, account))
  const byAccount = new Map(accounts.map((a, i) => [a, enabled[i]]))
  for (const f of asked) {
    const regions = byAccount.get(f.account)
    if (regions === 'unknown') out.set(`${f.account}/${f.region}`, 'unknown')
    else if (!regions?.has(f.region)) out.set(`${f.account}/${f.region}`, 'not-enabled')
  }
  return out
}

async function enabledRegions(ctx: Context, account: string): Promise<Set<string> | 'unknown'> {
  try {
    const pages = paginateListRegions(
      { client: ctx.aws.account(), pageSize: 50 },
      { AccountId: account, RegionOptStatusContains: ENABLED as ('ENABLED' | 'ENABLED_BY_DEFAULT')[] },
    )
    return new Set((await collect(pages, (p) => p.Regions)).map((r) => r.RegionName ?? ''))
  } catch (error) {
    // Trusted access for account.amazonaws.com not enabled yet (it is planned): the answer is unknown.
    if (errorName(error) === 'AccessDeniedException') {
      ctx.log.warn(
        { account, principal: ACCOUNT_PRINCIPAL },
        'cannot read the account’s opt-in regions: trusted access for account.amazonaws.com is not enabled yet',
      )
      return 'unknown'
    }
    throw new AwsCallError(`account:ListRegions ${account}`, error)
  }
}

/** The stack set with each failed instance in an opt-in region marked with what the Account API says. */
export async function withRegionOptIn(
  ctx: Context,
  observed: ObservedStackSet | null,
): Promise<ObservedStackSet | null> {
  if (!observed) return observed
  const known = await regionOptIn(ctx, observed.problems)
  if (known.size === 0) return observed
  return {
    ...observed,
    problems: observed.problems.map((p) => {
      const state = mayBeRegionOff(p) ? known.get(`${p.account}/${p.region}`) : undefined
      return state ? { ...p, regionOptIn: state } : p
    }),
  }
}

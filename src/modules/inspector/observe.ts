// Reads Inspector's organization setup: every target region in parallel, from the management account (who is
// delegated administrator) and from the configured administrator (organization auto-enable). Per-account
// scan status is read in one region only (targets.ts, checkRegion), 100 accounts per BatchGetAccountStatus:
// at 1,000 accounts × 17 regions that is 10 calls instead of 170. With the module off, one Organizations call
// says whether anything of it is left to remove; only then are the regions read.
import {
  BatchGetAccountStatusCommand,
  DescribeOrganizationConfigurationCommand,
  paginateListDelegatedAdminAccounts,
} from '@aws-sdk/client-inspector2'
import { collect } from '../../aws/paginate.ts'
import { isOptInRegion } from '../../config/regions.ts'
import { INSPECTOR_SCAN_TYPES, type InspectorScanType } from '../../config/schema.ts'
import { mapLimit } from '../../engine/concurrency.ts'
import type { Context } from '../../engine/module.ts'
import { observedAdmins } from '../delegated-registration.ts'
import { adminOptInRegions } from '../guardduty/observe.ts'
import {
  type AccountGap,
  type AutoEnableState,
  type InspectorObserved,
  type MemberCheck,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'
import { AUTO_ENABLE_FIELD, unwantedTypes, wantedTypes } from './settings.ts'
import { checkRegion, targetAccounts } from './targets.ts'

/** BatchGetAccountStatus and Enable/Disable take at most 100 account ids (AccountIdSet). */
export const BATCH = 100

export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

export async function listAdmins(ctx: Context, region: string): Promise<string[]> {
  const pages = paginateListDelegatedAdminAccounts({ client: ctx.aws.inspector2(region), pageSize: 5 }, {})
  const admins = await collect(pages, (p) => p.delegatedAdminAccounts)
  return admins
    .filter((a) => a.status === 'ENABLED')
    .map((a) => a.accountId ?? '')
    .sort()
}

export async function readAutoEnable(ctx: Context, region: string, admin: string): Promise<AutoEnableState> {
  const { autoEnable } = await ctx.aws
    .inspector2(region, admin)
    .send(new DescribeOrganizationConfigurationCommand({}))
  return Object.fromEntries(
    INSPECTOR_SCAN_TYPES.map((t) => [t, autoEnable?.[AUTO_ENABLE_FIELD[t]] === true]),
  ) as AutoEnableState
}

export const registeredAdmins = (ctx: Context) => observedAdmins(ctx, SERVICE_PRINCIPAL)

const RESOURCE_FIELD = AUTO_ENABLE_FIELD

/**
 * Each account's difference from the config in one region, read by the administrator 100 accounts at a
 * time. An account the administrator may not read is not associated with it (failedAccounts).
 */
export async function accountGaps(
  ctx: Context,
  region: string,
  admin: string,
  accounts: readonly string[],
): Promise<AccountGap[]> {
  const wanted = wantedTypes(ctx.desired.config.inspector, region)
  const unwanted = unwantedTypes(ctx.desired.config.inspector, region)
  const client = ctx.aws.inspector2(region, admin)
  const pages = await mapLimit(chunks(accounts, BATCH), 4, (ids) =>
    client.send(new BatchGetAccountStatusCommand({ accountIds: ids })),
  )
  const gaps: AccountGap[] = []
  for (const page of pages) {
    for (const failed of page.failedAccounts ?? [])
      gaps.push({ accountId: failed.accountId ?? '', associated: false, missing: [...wanted], extra: [] })
    for (const account of page.accounts ?? []) {
      const on = (t: InspectorScanType) => account.resourceState?.[RESOURCE_FIELD[t]]?.status === 'ENABLED'
      const missing = wanted.filter((t) => !on(t))
      const extra = unwanted.filter(on)
      if (missing.length > 0 || extra.length > 0)
        gaps.push({ accountId: account.accountId ?? '', associated: true, missing, extra })
    }
  }
  return gaps.sort((a, b) => a.accountId.localeCompare(b.accountId))
}

async function observeRegion(ctx: Context, region: string, adminEnabled: boolean): Promise<RegionObserved> {
  const admin = ctx.desired.securityTooling.id
  const admins = await listAdmins(ctx, region)
  const administers = adminEnabled && admins.includes(admin)
  return {
    region,
    adminRegionEnabled: adminEnabled,
    admins,
    autoEnable: administers ? await readAutoEnable(ctx, region, admin) : null,
  }
}

async function memberCheck(ctx: Context, regions: RegionObserved[]): Promise<MemberCheck | null> {
  const region = checkRegion(ctx.desired)
  const admin = ctx.desired.securityTooling.id
  const r = regions.find((o) => o.region === region)
  if (!region || !r?.autoEnable) return null
  const accounts = targetAccounts(ctx.desired)
  return { region, checked: accounts.length, gaps: await accountGaps(ctx, region, admin, accounts) }
}

export async function observeInspector(ctx: Context): Promise<InspectorObserved> {
  const { desired } = ctx
  const on = desired.config.inspector.enabled
  const [registered, optIn] = await Promise.all([
    registeredAdmins(ctx),
    on ? adminOptInRegions(ctx) : Promise.resolve(undefined),
  ])
  // Off, and never set up here: nothing to read, nothing to remove.
  if (!on && registered.length === 0) return { registered, regions: [], memberCheck: null }
  const optInEnabled = optIn ?? (await adminOptInRegions(ctx))
  const regions = await Promise.all(
    desired.regions.map((region) =>
      observeRegion(ctx, region, !isOptInRegion(region) || optInEnabled.has(region)),
    ),
  )
  const check = desired.config.inspector.enabled ? await memberCheck(ctx, regions) : null
  return { registered, regions, memberCheck: check }
}

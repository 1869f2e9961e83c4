// The Security Hub delegated administrator, designated per region by the management account (aws-facts §4):
// EnableOrganizationAdminAccount, DisableOrganizationAdminAccount, ListOrganizationAdminAccounts.
import type { World } from '../../state.ts'
import { disablingAdmin, startDisabling } from '../admin-disabling.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { closeAutoEnable } from './auto-enable.ts'
import { invalidInput, requireManagementAccount } from './errors.ts'
import { pageOf } from './paging.ts'
import { securityHubState } from './state.ts'

export const SERVICE_PRINCIPAL = 'securityhub.amazonaws.com'
const FEATURES = ['SecurityHub', 'SecurityHubV2']

export function organizationAdmin(world: World): string | undefined {
  for (const admin of securityHubState(world).admins.values()) return admin.accountId
  return undefined
}

/** Designates the admin in one region; trusted access and the Organizations registration follow, as AWS does. */
export function enableAdmin(world: World, region: string, accountId: string): void {
  const now = world.clock.date()
  securityHubState(world).admins.set(region, { accountId, since: now })
  if (!world.trustedAccess.has(SERVICE_PRINCIPAL)) world.trustedAccess.set(SERVICE_PRINCIPAL, now)
  if (accountId !== world.managementAccountId) {
    let admins = world.delegatedAdmins.get(SERVICE_PRINCIPAL)
    if (!admins) {
      admins = new Map()
      world.delegatedAdmins.set(SERVICE_PRINCIPAL, admins)
    }
    if (!admins.has(accountId)) admins.set(accountId, now)
  }
}

export function disableAdmin(world: World, region: string): void {
  const state = securityHubState(world)
  const admin = state.admins.get(region)
  if (!admin) return
  state.admins.delete(region)
  // Its members are no longer its members, and auto-enable under it ends (members.ts derives from both).
  closeAutoEnable(world, region)
  // Removing the administrator opts the organization out of central configuration (aws-facts §4).
  if (state.central?.homeRegion === region) state.central = undefined
  // Once no region has it, the Organizations registration goes too.
  if (![...state.admins.values()].some((a) => a.accountId === admin.accountId)) {
    const registered = world.delegatedAdmins.get(SERVICE_PRINCIPAL)
    registered?.delete(admin.accountId)
    if (registered?.size === 0) world.delegatedAdmins.delete(SERVICE_PRINCIPAL)
  }
}

function readRequest(body: Record<string, unknown>): { accountId: string; feature: string } {
  const accountId = body.AdminAccountId
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))
    throw invalidInput('AdminAccountId must be a 12-digit account id')
  const feature = body.Feature === undefined ? 'SecurityHub' : String(body.Feature)
  if (!FEATURES.includes(feature)) throw invalidInput(`Invalid Feature ${feature}`)
  return { accountId, feature }
}

export function enableOrganizationAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const { world } = ctx
  const { accountId, feature } = readRequest(req.body)
  if (feature === 'SecurityHubV2' && accountId === world.managementAccountId) {
    // The management account may administer CSPM but not the new Security Hub (aws-facts §4).
    throw invalidInput('The management account cannot be the delegated administrator for SecurityHubV2')
  }
  const account = world.accounts.get(accountId)
  if (account?.status !== 'ACTIVE') {
    throw invalidInput(`Account ${accountId} is not an active member of the organization`)
  }
  const current = organizationAdmin(world)
  const registered = [...(world.delegatedAdmins.get(SERVICE_PRINCIPAL)?.keys() ?? [])]
  if ((current && current !== accountId) || registered.some((id) => id !== accountId)) {
    // EnableOrganizationAdminAccount lists no conflict error; another admin is bad input (crafted message).
    throw invalidInput(
      `Account ${current ?? registered[0]} is already the Security Hub delegated administrator for the organization`,
    )
  }
  if (securityHubState(world).admins.get(ctx.region)?.accountId === accountId) {
    throw invalidInput(`Account ${accountId} is already the Security Hub administrator in ${ctx.region}`)
  }
  enableAdmin(world, ctx.region, accountId)
  return { AdminAccountId: accountId, Feature: feature }
}

export function disableOrganizationAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const { accountId } = readRequest(req.body)
  if (securityHubState(ctx.world).admins.get(ctx.region)?.accountId !== accountId) {
    throw invalidInput(`Account ${accountId} is not the Security Hub administrator in ${ctx.region}`)
  }
  disableAdmin(ctx.world, ctx.region)
  startDisabling(ctx.world, 'securityhub', ctx.region, accountId)
  return {}
}

export function listOrganizationAdminAccounts(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const admin = securityHubState(ctx.world).admins.get(ctx.region)
  const all = admin ? [{ AccountId: admin.accountId, Status: 'ENABLED' }] : []
  const leaving = disablingAdmin(ctx.world, 'securityhub', ctx.region)
  if (leaving && leaving !== admin?.accountId) all.push({ AccountId: leaving, Status: 'DISABLE_IN_PROGRESS' })
  // MaxResults 1–10 (API reference, ListOrganizationAdminAccounts).
  const page = pageOf(all, req.query.get('MaxResults') ?? undefined, req.query.get('NextToken'), ctx, {
    max: 10,
    default: 10,
  })
  return {
    AdminAccounts: page.items,
    NextToken: page.nextToken,
    Feature: req.query.get('Feature') ?? 'SecurityHub',
  }
}

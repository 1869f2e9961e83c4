// The organization's GuardDuty delegated administrator, designated per region by the management account
// (aws-facts §3): EnableOrganizationAdminAccount, DisableOrganizationAdminAccount, ListOrganizationAdminAccounts.
import type { World } from '../../state.ts'
import { disablingAdmin, startDisabling } from '../admin-disabling.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { newDetector } from './detectors.ts'
import { badRequest, INVALID_INPUT, requireManagementAccount } from './errors.ts'
import { detectorView } from './membership.ts'
import { pageOf } from './paging.ts'
import { closeAutoEnable, guardDutyState, regionState } from './state.ts'

export const SERVICE_PRINCIPAL = 'guardduty.amazonaws.com'

/** The one account that is GuardDuty administrator in any region, if any. */
export function organizationAdmin(world: World): string | undefined {
  for (const rs of guardDutyState(world).regions.values()) if (rs.admin) return rs.admin.accountId
  return undefined
}

export function enableAdmin(world: World, region: string, adminAccountId: string): void {
  const rs = regionState(world, region)
  rs.admin = { accountId: adminAccountId, since: world.clock.date() }
  // AWS registers the account as the Organizations delegated administrator for GuardDuty; Organizations
  // never registers the management account (CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR).
  if (adminAccountId !== world.managementAccountId) {
    let admins = world.delegatedAdmins.get(SERVICE_PRINCIPAL)
    if (!admins) {
      admins = new Map()
      world.delegatedAdmins.set(SERVICE_PRINCIPAL, admins)
    }
    if (!admins.has(adminAccountId)) admins.set(adminAccountId, world.clock.date())
  }
}

export function disableAdmin(world: World, region: string): void {
  const rs = regionState(world, region)
  closeAutoEnable(rs, world.clock.now())
  rs.admin = undefined
}

function readAdminAccountId(body: Record<string, unknown>): string {
  const id = body.adminAccountId
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) throw badRequest(INVALID_INPUT)
  return id
}

export function enableOrganizationAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const { world } = ctx
  const adminAccountId = readAdminAccountId(req.body)
  if (!world.hasTrustedAccess(SERVICE_PRINCIPAL)) {
    throw badRequest(
      `The request failed because trusted access for ${SERVICE_PRINCIPAL} is not enabled in AWS Organizations.`,
    )
  }
  const account = world.accounts.get(adminAccountId)
  if (account?.status !== 'ACTIVE') {
    throw badRequest(
      'The request is rejected because the given account is not an active member of the organization.',
    )
  }
  const current = organizationAdmin(world)
  const registered = [...(world.delegatedAdmins.get(SERVICE_PRINCIPAL)?.keys() ?? [])]
  if ((current && current !== adminAccountId) || registered.some((id) => id !== adminAccountId)) {
    throw badRequest(
      'The request failed because another account is already enabled as the GuardDuty delegated administrator for the organization.',
    )
  }
  const rs = regionState(world, ctx.region)
  if (rs.admin?.accountId === adminAccountId) {
    throw badRequest(
      'The request failed because the account is already enabled as the GuardDuty delegated administrator.',
    )
  }
  if (!world.isRegionEnabled(adminAccountId, ctx.region)) {
    throw badRequest('The request is rejected because the given account has not enabled this Region.')
  }
  enableAdmin(world, ctx.region, adminAccountId)
  // Designation enables GuardDuty for the administrator in this region only (aws-facts §3).
  if (!detectorView(world, rs, ctx.region, adminAccountId)) {
    rs.detectors.set(adminAccountId, newDetector(ctx, adminAccountId))
  }
  return {}
}

export function disableOrganizationAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const adminAccountId = readAdminAccountId(req.body)
  const rs = regionState(ctx.world, ctx.region)
  if (rs.admin?.accountId !== adminAccountId) {
    throw badRequest(
      'The request is rejected because the given account is not the GuardDuty delegated administrator.',
    )
  }
  // The Organizations registration stays: AWS's procedure ends with a separate, global
  // organizations:DeregisterDelegatedAdministrator call (aws-facts §3, "Changing the DA").
  disableAdmin(ctx.world, ctx.region)
  startDisabling(ctx.world, 'guardduty', ctx.region, adminAccountId)
  return {}
}

export function listOrganizationAdminAccounts(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const admin = regionState(ctx.world, ctx.region).admin
  const all = admin ? [{ adminAccountId: admin.accountId, adminStatus: 'ENABLED' }] : []
  const leaving = disablingAdmin(ctx.world, 'guardduty', ctx.region)
  if (leaving && leaving !== admin?.accountId)
    all.push({ adminAccountId: leaving, adminStatus: 'DISABLE_IN_PROGRESS' })
  const page = pageOf(all, req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), ctx)
  return { adminAccounts: page.items, nextToken: page.nextToken }
}

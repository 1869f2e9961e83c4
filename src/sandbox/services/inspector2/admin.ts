// The organization's Inspector delegated administrator, designated per region by the management account
// (Inspector user guide, "Designating a delegated administrator": one administrator per organization, the same
// account in every region; Organizations must have all features). Designating it enables trusted access and
// registers the account in Organizations itself — the caller needs organizations:EnableAWSServiceAccess and
// RegisterDelegatedAdministrator for that (same page, "Permissions required"), which authz checks.
import type { World } from '../../state.ts'
import { disablingAdmin, startDisabling } from '../admin-disabling.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { pageOf } from '../token-paging.ts'
import { conflict, notFound, requireManagementAccount, validation } from './errors.ts'
import { allRegionStates, regionState, setAutoEnable } from './state.ts'

export const SERVICE_PRINCIPAL = 'inspector2.amazonaws.com'

/** The one account that is Inspector administrator in any region, if any. */
function organizationAdmin(world: World): string | undefined {
  for (const rs of allRegionStates(world).values()) if (rs.admin) return rs.admin.accountId
  return undefined
}

export function enableAdmin(world: World, region: string, adminAccountId: string): void {
  regionState(world, region).admin = { accountId: adminAccountId, since: world.clock.date() }
  if (!world.trustedAccess.has(SERVICE_PRINCIPAL))
    world.trustedAccess.set(SERVICE_PRINCIPAL, world.clock.date())
  let admins = world.delegatedAdmins.get(SERVICE_PRINCIPAL)
  if (!admins) {
    admins = new Map()
    world.delegatedAdmins.set(SERVICE_PRINCIPAL, admins)
  }
  if (!admins.has(adminAccountId)) admins.set(adminAccountId, world.clock.date())
}

const accountIdOf = (body: Record<string, unknown>) => String(body.delegatedAdminAccountId ?? '')

export function enableDelegatedAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const { world } = ctx
  const id = accountIdOf(req.body)
  if (world.featureSet !== 'ALL') throw validation('The organization must have all features enabled.')
  if (id === world.managementAccountId)
    throw validation('The management account cannot be the delegated administrator.')
  if (world.accounts.get(id)?.status !== 'ACTIVE')
    throw validation(`Account ${id} is not an active member of the organization.`)
  const current = organizationAdmin(world)
  const registered = [...(world.delegatedAdmins.get(SERVICE_PRINCIPAL)?.keys() ?? [])]
  if ((current && current !== id) || registered.some((other) => other !== id))
    throw conflict(
      'Another account is already the Amazon Inspector delegated administrator for the organization.',
    )
  const rs = regionState(world, ctx.region)
  if (rs.admin?.accountId === id) throw conflict(`Account ${id} is already the delegated administrator.`)
  if (!world.isRegionEnabled(id, ctx.region)) throw validation(`Account ${id} has not enabled ${ctx.region}.`)
  enableAdmin(world, ctx.region, id)
  return { delegatedAdminAccountId: id }
}

export function disableDelegatedAdminAccount(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const id = accountIdOf(req.body)
  const rs = regionState(ctx.world, ctx.region)
  if (rs.admin?.accountId !== id) throw notFound(`Account ${id} is not the delegated administrator.`)
  // Members become standalone and keep their scan settings (user guide, "Removing the delegated
  // administrator"); auto-enable ends with the administrator. The Organizations registration stays, as for
  // GuardDuty: deregistering is a separate organizations call (crafted: AWS's page does not say).
  setAutoEnable(rs, id, new Set(), ctx.world.clock.now())
  for (const [accountId, record] of rs.accounts)
    if (record.admin === id && accountId !== id) record.admin = undefined
  rs.admin = undefined
  startDisabling(ctx.world, 'inspector2', ctx.region, id)
  return { delegatedAdminAccountId: id }
}

export function getDelegatedAdminAccount(_req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const admin = regionState(ctx.world, ctx.region).admin
  return admin ? { delegatedAdmin: { accountId: admin.accountId, relationshipStatus: 'ENABLED' } } : {}
}

export function listDelegatedAdminAccounts(req: RestRequest, ctx: CallContext) {
  requireManagementAccount(ctx)
  const admin = regionState(ctx.world, ctx.region).admin
  const all = admin ? [{ accountId: admin.accountId, status: 'ENABLED' }] : []
  const leaving = disablingAdmin(ctx.world, 'inspector2', ctx.region)
  if (leaving && leaving !== admin?.accountId) all.push({ accountId: leaving, status: 'DISABLE_IN_PROGRESS' })
  const size = typeof req.body.maxResults === 'number' ? req.body.maxResults : 5
  const page = pageOf(all, req.body.nextToken, size, ctx, 'inspector2-admins', () =>
    validation('The nextToken is not valid.'),
  )
  return { delegatedAdminAccounts: page.items, nextToken: page.nextToken }
}

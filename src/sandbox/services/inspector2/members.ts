// Members of the delegated administrator, per region. After designation the administrator associates the
// organization's existing accounts itself (user guide, "Removing the delegated administrator": "After you
// assign an Amazon Inspector delegated administrator, the Amazon Inspector delegated administrator must
// associate member accounts manually"); accounts that join while auto-enable is on are associated for it
// (accounts.ts). AssociateMember takes one account per call.
import type { CallContext, RestRequest } from '../service.ts'
import { pageOf } from '../token-paging.ts'
import { accountRecord, writableRecord } from './accounts.ts'
import { accessDenied, notFound, validation } from './errors.ts'
import { type RegionState, regionState } from './state.ts'

function asAdmin(ctx: CallContext): RegionState {
  const rs = regionState(ctx.world, ctx.region)
  if (rs.admin?.accountId !== ctx.account)
    throw accessDenied('Invoking account is not the Amazon Inspector delegated administrator.')
  return rs
}

const accountIdOf = (req: RestRequest) => String(req.body.accountId ?? '')

function memberOf(ctx: CallContext, rs: RegionState, id: string) {
  const record = accountRecord(ctx.world, rs, ctx.region, id)
  return {
    accountId: id,
    relationshipStatus: record.admin === ctx.account ? 'ENABLED' : 'CREATED',
    delegatedAdminAccountId: ctx.account,
    updatedAt: record.updatedAt.getTime() / 1000,
  }
}

export function associateMember(req: RestRequest, ctx: CallContext) {
  const rs = asAdmin(ctx)
  const id = accountIdOf(req)
  if (id === ctx.account) throw validation('The delegated administrator cannot be its own member.')
  if (ctx.world.accounts.get(id)?.status !== 'ACTIVE')
    throw validation(`Account ${id} is not an active member of the organization.`)
  const record = writableRecord(ctx.world, rs, ctx.region, id)
  record.admin = ctx.account
  record.updatedAt = ctx.world.clock.date()
  return { accountId: id }
}

export function disassociateMember(req: RestRequest, ctx: CallContext) {
  const rs = asAdmin(ctx)
  const id = accountIdOf(req)
  if (accountRecord(ctx.world, rs, ctx.region, id).admin !== ctx.account)
    throw validation(`Account ${id} is not associated with the delegated administrator.`)
  // The account becomes standalone and keeps its scan types (user guide, as for removing the administrator).
  const record = writableRecord(ctx.world, rs, ctx.region, id)
  record.admin = undefined
  record.updatedAt = ctx.world.clock.date()
  return { accountId: id }
}

export function getMember(req: RestRequest, ctx: CallContext) {
  const rs = asAdmin(ctx)
  const id = accountIdOf(req)
  if (!ctx.world.accounts.has(id)) throw notFound(`Account ${id} is not in the organization.`)
  return { member: memberOf(ctx, rs, id) }
}

/** onlyAssociated (default true): associated members only; false: every account of the organization. */
export function listMembers(req: RestRequest, ctx: CallContext) {
  const rs = asAdmin(ctx)
  const onlyAssociated = req.body.onlyAssociated !== false
  const all = [...ctx.world.accounts.keys()]
    .filter((id) => id !== ctx.account)
    .sort()
    .map((id) => memberOf(ctx, rs, id))
    .filter((m) => !onlyAssociated || m.relationshipStatus === 'ENABLED')
  const size = typeof req.body.maxResults === 'number' ? req.body.maxResults : 50
  const page = pageOf(all, req.body.nextToken, size, ctx, 'inspector2-members', () =>
    validation('The nextToken is not valid.'),
  )
  return { members: page.items, nextToken: page.nextToken }
}

// The administrator's member accounts: CreateMembers, ListMembers, GetMembers, DisassociateMembers,
// DeleteMembers. Members implied by auto-enable are derived (membership.ts); only explicit changes are stored.
import type { CallContext, RestRequest } from '../service.ts'
import { newDetector } from './detectors.ts'
import { badRequest, INVALID_INPUT } from './errors.ts'
import {
  allMembers,
  detectorView,
  featuresFromOrganization,
  type MemberView,
  memberView,
} from './membership.ts'
import { requireAdministrator } from './organization-configuration.ts'
import { pageOf } from './paging.ts'
import type { RegionState } from './state.ts'

const NOT_A_MEMBER =
  'The request is rejected because the given account ID is not a member of the current account.'

interface Unprocessed {
  accountId: string
  result: string
}

function toWire(ctx: CallContext, rs: RegionState, m: MemberView) {
  return {
    accountId: m.accountId,
    detectorId: detectorView(ctx.world, rs, ctx.region, m.accountId)?.id,
    masterId: m.admin,
    administratorId: m.admin,
    email: m.email,
    relationshipStatus: m.relationship,
    invitedAt: m.invitedAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  }
}

/** `accountIds` of GetMembers / DisassociateMembers / DeleteMembers: 1–50 account ids. */
function readAccountIds(body: Record<string, unknown>): string[] {
  const ids = body.accountIds
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 50) throw badRequest(INVALID_INPUT)
  return ids.map((id) => String(id))
}

export function createMembers(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const details = req.body.accountDetails
  if (!Array.isArray(details) || details.length < 1 || details.length > 50) throw badRequest(INVALID_INPUT)
  const { world } = ctx
  const at = world.clock.date()
  const unprocessedAccounts: Unprocessed[] = []
  for (const raw of details as Array<Record<string, unknown>>) {
    const accountId = String(raw?.accountId ?? '')
    const email = raw?.email
    const skip = (result: string) => unprocessedAccounts.push({ accountId, result })
    if (!/^\d{12}$/.test(accountId) || typeof email !== 'string' || email === '') {
      skip('The request is rejected because the given account ID is not an AWS account ID.')
      continue
    }
    const account = world.accounts.get(accountId)
    if (accountId === ctx.account) {
      skip('The request is rejected because the given account ID is the current account.')
      continue
    }
    if (account?.status !== 'ACTIVE') {
      // Invitation-based (non-organization) members are not modelled.
      skip('The request is rejected because the given account is not an active account of the organization.')
      continue
    }
    if (memberView(world, rs, ctx.region, accountId)?.relationship === 'Enabled') {
      skip(
        'The request is rejected because the current account has already invited or is already the GuardDuty master of the given member account ID.',
      )
      continue
    }
    if (!world.isRegionEnabled(accountId, ctx.region)) {
      skip('The request is rejected because the given account has not enabled this Region.')
      continue
    }
    rs.members.set(accountId, {
      kind: 'member',
      admin: ctx.account,
      email,
      relationship: 'Enabled',
      invitedAt: at,
      updatedAt: at,
    })
    // Adding a member enables GuardDuty there with the organization's feature settings (API reference,
    // CreateMembers).
    const existing = detectorView(world, rs, ctx.region, accountId)
    if (!existing) {
      const detector = newDetector(ctx, accountId)
      detector.features = featuresFromOrganization(rs, at)
      rs.detectors.set(accountId, detector)
    } else if (existing.status !== 'ENABLED') {
      rs.detectors.set(accountId, { ...existing, status: 'ENABLED', updatedAt: at })
    }
  }
  return { unprocessedAccounts }
}

export function listMembers(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const onlyAssociated = req.query.get('onlyAssociated') ?? 'true'
  if (onlyAssociated !== 'true' && onlyAssociated !== 'false') throw badRequest(INVALID_INPUT)
  const members = allMembers(ctx.world, rs, ctx.region).filter(
    (m) => onlyAssociated === 'false' || m.relationship === 'Enabled',
  )
  const page = pageOf(members, req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), ctx)
  return { members: page.items.map((m) => toWire(ctx, rs, m)), nextToken: page.nextToken }
}

export function getMembers(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const members: ReturnType<typeof toWire>[] = []
  const unprocessedAccounts: Unprocessed[] = []
  for (const accountId of readAccountIds(req.body)) {
    const m = memberView(ctx.world, rs, ctx.region, accountId)
    if (m) members.push(toWire(ctx, rs, m))
    else unprocessedAccounts.push({ accountId, result: NOT_A_MEMBER })
  }
  return { members, unprocessedAccounts }
}

export function disassociateMembers(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const at = ctx.world.clock.date()
  const unprocessedAccounts: Unprocessed[] = []
  for (const accountId of readAccountIds(req.body)) {
    const m = memberView(ctx.world, rs, ctx.region, accountId)
    if (!m) {
      unprocessedAccounts.push({ accountId, result: NOT_A_MEMBER })
      continue
    }
    rs.members.set(accountId, { kind: 'member', ...m, relationship: 'Removed', updatedAt: at })
  }
  return { unprocessedAccounts }
}

export function deleteMembers(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const unprocessedAccounts: Unprocessed[] = []
  for (const accountId of readAccountIds(req.body)) {
    const m = memberView(ctx.world, rs, ctx.region, accountId)
    if (!m) {
      unprocessedAccounts.push({ accountId, result: NOT_A_MEMBER })
      continue
    }
    // Organization members are disassociated before they are deleted (GuardDuty user guide, "Changing the
    // delegated administrator": disassociate, then delete).
    if (m.relationship === 'Enabled') {
      unprocessedAccounts.push({
        accountId,
        result:
          'The request is rejected because the given account is still associated. Disassociate it first.',
      })
      continue
    }
    rs.members.set(accountId, { kind: 'deleted', admin: ctx.account })
  }
  return { unprocessedAccounts }
}

// Enable, Disable and BatchGetAccountStatus: scan types per account. Without accountIds a call is about the
// caller's own account; the delegated administrator may name itself and its associated members (API
// reference, Enable/Disable: "accountIds — a list of account IDs you want to enable/disable"). Accounts it may
// not manage come back in failedAccounts (errorCode ACCESS_DENIED; message crafted). Changes take effect at
// once here; AWS answers ENABLING/DISABLING first (crafted simplification: the final state is reported).
import type { CallContext, RestRequest } from '../service.ts'
import { accountRecord, accountStatus, isManagedBy, resourceStatus, writableRecord } from './accounts.ts'
import { validation } from './errors.ts'
import { isOffered } from './regional-features.ts'
import { regionState, SCAN_TYPES, type ScanType } from './state.ts'

interface Failed {
  accountId: string
  errorCode: string
  errorMessage: string
}

const idsOf = (req: RestRequest, ctx: CallContext): string[] => {
  const ids = Array.isArray(req.body.accountIds) ? (req.body.accountIds as string[]) : []
  return ids.length > 0 ? [...new Set(ids)] : [ctx.account]
}

const typesOf = (req: RestRequest): ScanType[] =>
  Array.isArray(req.body.resourceTypes) ? (req.body.resourceTypes as ScanType[]) : []

/** Accounts the caller may manage here: itself, and its members when it is the region's administrator. */
function split(ctx: CallContext, ids: string[]) {
  const { world, region } = ctx
  const rs = regionState(world, region)
  const admin = rs.admin?.accountId === ctx.account ? ctx.account : undefined
  const allowed: string[] = []
  const failed: Failed[] = []
  for (const id of ids) {
    if (id === ctx.account || (admin && isManagedBy(world, rs, region, id, admin))) allowed.push(id)
    else
      failed.push({
        accountId: id,
        errorCode: 'ACCESS_DENIED',
        errorMessage: `Account ${id} is not associated with the calling account.`,
      })
  }
  return { rs, allowed, failed }
}

function answer(ctx: CallContext, rs: ReturnType<typeof regionState>, ids: string[], failed: Failed[]) {
  return {
    accounts: ids.map((id) => {
      const record = accountRecord(ctx.world, rs, ctx.region, id)
      return { accountId: id, status: accountStatus(record), resourceStatus: resourceStatus(record) }
    }),
    failedAccounts: failed,
  }
}

export function enable(req: RestRequest, ctx: CallContext) {
  const types = typesOf(req)
  for (const t of types)
    if (!isOffered(t, ctx.region)) throw validation(`Scan type ${t} is not supported in ${ctx.region}.`)
  const { rs, allowed, failed } = split(ctx, idsOf(req, ctx))
  const done: string[] = []
  for (const id of allowed) {
    const record = writableRecord(ctx.world, rs, ctx.region, id)
    const after = new Set([...record.enabled, ...types])
    record.enabled = after
    record.updatedAt = ctx.world.clock.date()
    done.push(id)
  }
  return answer(ctx, rs, done, failed)
}

export function disable(req: RestRequest, ctx: CallContext) {
  const listed = typesOf(req)
  // No resource types: Inspector is turned off for the account entirely (API reference, Disable).
  const types: readonly ScanType[] = listed.length > 0 ? listed : SCAN_TYPES
  const { rs, allowed, failed } = split(ctx, idsOf(req, ctx))
  const done: string[] = []
  for (const id of allowed) {
    // The administrator cannot turn itself off while it has members (ErrorCode DISASSOCIATE_ALL_MEMBERS).
    if (listed.length === 0 && rs.admin?.accountId === id && hasMembers(ctx, rs, id)) {
      failed.push({
        accountId: id,
        errorCode: 'DISASSOCIATE_ALL_MEMBERS',
        errorMessage: 'Disassociate all members before disabling Amazon Inspector for the administrator.',
      })
      continue
    }
    const record = writableRecord(ctx.world, rs, ctx.region, id)
    for (const t of types) record.enabled.delete(t)
    record.updatedAt = ctx.world.clock.date()
    done.push(id)
  }
  return answer(ctx, rs, done, failed)
}

function hasMembers(ctx: CallContext, rs: ReturnType<typeof regionState>, admin: string): boolean {
  for (const id of ctx.world.accounts.keys())
    if (id !== admin && accountRecord(ctx.world, rs, ctx.region, id).admin === admin) return true
  return false
}

export function batchGetAccountStatus(req: RestRequest, ctx: CallContext) {
  const { rs, allowed, failed } = split(ctx, idsOf(req, ctx))
  return {
    accounts: allowed.map((id) => {
      const record = accountRecord(ctx.world, rs, ctx.region, id)
      return {
        accountId: id,
        state: { status: accountStatus(record) },
        resourceState: Object.fromEntries(
          Object.entries(resourceStatus(record)).map(([field, status]) => [field, { status }]),
        ),
      }
    }),
    failedAccounts: failed,
  }
}

// The organization's auto-enable settings, per region, read and written by the delegated administrator only
// (a non-administrator is refused with AWS's own sentence, errors.ts). Auto-enable applies to accounts that
// join later; existing members are enabled with Enable (API reference, UpdateOrganizationConfiguration).
import type { CallContext, RestRequest } from '../service.ts'
import { accessDenied, NOT_ADMIN_DESCRIBE, validation } from './errors.ts'
import { isOffered } from './regional-features.ts'
import { FIELD_OF, type RegionState, regionState, SCAN_TYPES, type ScanType, setAutoEnable } from './state.ts'

function administered(ctx: CallContext, message: string): RegionState {
  const rs = regionState(ctx.world, ctx.region)
  if (rs.admin?.accountId !== ctx.account) throw accessDenied(message)
  return rs
}

const autoEnableOf = (rs: RegionState) =>
  Object.fromEntries(SCAN_TYPES.map((t) => [FIELD_OF[t], rs.autoEnable.has(t)]))

export function describeOrganizationConfiguration(_req: RestRequest, ctx: CallContext) {
  const rs = administered(ctx, NOT_ADMIN_DESCRIBE)
  return { autoEnable: autoEnableOf(rs), maxAccountLimitReached: false }
}

export function updateOrganizationConfiguration(req: RestRequest, ctx: CallContext) {
  const rs = administered(
    ctx,
    'Invoking account does not have access to update the organization configuration.',
  )
  const wanted = (req.body.autoEnable ?? {}) as Record<string, unknown>
  const types = new Set<ScanType>(SCAN_TYPES.filter((t) => wanted[FIELD_OF[t]] === true))
  // Lambda code scanning needs Lambda standard scanning (user guide, "Scanning AWS Lambda functions").
  if (types.has('LAMBDA_CODE') && !types.has('LAMBDA'))
    throw validation('Lambda code scanning cannot be enabled without Lambda standard scanning.')
  for (const t of types)
    if (!isOffered(t, ctx.region)) throw validation(`Scan type ${t} is not supported in ${ctx.region}.`)
  setAutoEnable(rs, ctx.account, types, ctx.world.clock.now())
  return { autoEnable: autoEnableOf(rs) }
}

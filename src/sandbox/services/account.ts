// AWS Account Management (restJson1, signing name `account`): ListRegions, GetRegionOptStatus and
// EnableRegion / DisableRegion; alternate contacts in alternate-contacts.ts. Enabling takes simulated minutes (ENABLING → ENABLED, computed lazily by
// World); another account's regions only from the management account with trusted access for
// `account.amazonaws.com` (aws-facts §9).
import { SandboxError } from '../errors.ts'
import { DEFAULT_REGIONS, OPT_IN_REGIONS, type World } from '../state.ts'
import { deleteAlternateContact, getAlternateContact, putAlternateContact } from './alternate-contacts.ts'
import type { CallContext, RestRoute, SimulatedService } from './service.ts'

/** Simulated time an opt-in region takes to enable (AWS: "minutes", can be hours). */
export const ENABLE_REGION_MS = 10 * 60_000
const STATUSES = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT']

// `reason` is one of the model's ValidationExceptionReason values.
const validation = (message: string, reason = 'fieldValidationFailed') =>
  new SandboxError('ValidationException', message, 400, { reason })

/** The account a call acts on: the caller's own, or another one the management account may manage. */
function targetAccount(ctx: CallContext, body: Record<string, unknown>): string {
  const requested = body.AccountId
  if (requested === undefined || requested === null || requested === ctx.account) return ctx.account
  if (typeof requested !== 'string' || !/^\d{12}$/.test(requested)) {
    throw validation(
      "1 validation error detected: Value at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$",
    )
  }
  const { world } = ctx
  const allowed =
    world.hasTrustedAccess('account.amazonaws.com') &&
    (ctx.account === world.managementAccountId ||
      world.isDelegatedAdmin(ctx.account, 'account.amazonaws.com'))
  if (!allowed) {
    throw new SandboxError(
      'AccessDeniedException',
      `User: ${ctx.principalArn} is not authorized to perform: account:ListRegions on resource: arn:aws:account::${ctx.account}:account/${world.organizationId}/${requested}`,
      403,
    )
  }
  // ListRegions / GetRegionOptStatus / EnableRegion / DisableRegion list no not-found error: an account outside
  // the organization is one the caller may not manage (crafted message).
  if (!world.accounts.has(requested)) {
    throw new SandboxError(
      'AccessDeniedException',
      `User: ${ctx.principalArn} is not authorized to perform this operation on account ${requested}: it is not a member of the organization`,
      403,
    )
  }
  return requested
}

export function regionStatus(world: World, accountId: string, region: string): string {
  if ((DEFAULT_REGIONS as readonly string[]).includes(region)) return 'ENABLED_BY_DEFAULT'
  if (world.isRegionEnabled(accountId, region)) return 'ENABLED'
  return world.regionEnablements.has(`${accountId}/${region}`) ? 'ENABLING' : 'DISABLED'
}

function regionName(body: Record<string, unknown>): string {
  const region = body.RegionName
  if (typeof region !== 'string' || region === '') {
    throw validation(
      "1 validation error detected: Value null at 'regionName' failed to satisfy constraint: Member must not be null",
    )
  }
  if (
    !(DEFAULT_REGIONS as readonly string[]).includes(region) &&
    !(OPT_IN_REGIONS as readonly string[]).includes(region)
  ) {
    throw validation(`The region ${region} is not a valid region.`)
  }
  return region
}

const listRegions: RestRoute['handler'] = ({ body }, ctx) => {
  const accountId = targetAccount(ctx, body)
  const filter = body.RegionOptStatusContains
  if (filter !== undefined && (!Array.isArray(filter) || filter.some((s) => !STATUSES.includes(String(s))))) {
    throw validation('Invalid value for RegionOptStatusContains.')
  }
  const max = body.MaxResults === undefined ? 50 : Number(body.MaxResults)
  if (!Number.isInteger(max) || max < 1 || max > 50) {
    throw validation(
      `1 validation error detected: Value '${body.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50`,
    )
  }
  const limit = ctx.pageSizeCap === undefined ? max : Math.min(max, ctx.pageSizeCap)
  const regions = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS]
    .map((RegionName) => ({ RegionName, RegionOptStatus: regionStatus(ctx.world, accountId, RegionName) }))
    .filter((r) => !filter || (filter as string[]).includes(r.RegionOptStatus))
  const key = `${accountId}:${filter ? (filter as string[]).join(',') : ''}`
  let start = 0
  if (body.NextToken !== undefined && body.NextToken !== null) {
    const decoded = Buffer.from(String(body.NextToken), 'base64url').toString('utf8')
    const [offset, tokenKey] = [Number(decoded.split('|')[0]), decoded.split('|').slice(1).join('|')]
    if (!Number.isInteger(offset) || tokenKey !== key) throw validation('The NextToken is invalid.')
    start = offset
  }
  const end = start + limit
  const NextToken = end < regions.length ? Buffer.from(`${end}|${key}`).toString('base64url') : undefined
  return { Regions: regions.slice(start, end), NextToken }
}

const getRegionOptStatus: RestRoute['handler'] = ({ body }, ctx) => {
  const accountId = targetAccount(ctx, body)
  const region = regionName(body)
  return { RegionName: region, RegionOptStatus: regionStatus(ctx.world, accountId, region) }
}

const enableRegion: RestRoute['handler'] = ({ body }, ctx) => {
  const accountId = targetAccount(ctx, body)
  const region = regionName(body)
  const status = regionStatus(ctx.world, accountId, region)
  if (status === 'ENABLED_BY_DEFAULT')
    throw validation(
      `The region ${region} is enabled by default and cannot be enabled or disabled.`,
      'invalidRegionOptTarget',
    )
  if (status === 'ENABLING' || status === 'DISABLING') {
    throw new SandboxError(
      'ConflictException',
      `The region ${region} is currently ${status.toLowerCase()}. Try again after it completes.`,
      409,
      { errorType: 'ConflictException' },
    )
  }
  if (status === 'DISABLED')
    ctx.world.regionEnablements.set(`${accountId}/${region}`, ctx.world.clock.now() + ENABLE_REGION_MS)
  return {}
}

const disableRegion: RestRoute['handler'] = ({ body }, ctx) => {
  const accountId = targetAccount(ctx, body)
  const region = regionName(body)
  const status = regionStatus(ctx.world, accountId, region)
  if (status === 'ENABLED_BY_DEFAULT')
    throw validation(
      `The region ${region} is enabled by default and cannot be enabled or disabled.`,
      'invalidRegionOptTarget',
    )
  if (status === 'ENABLING') {
    throw new SandboxError(
      'ConflictException',
      `The region ${region} is currently enabling. Try again after it completes.`,
      409,
    )
  }
  // Disabling is modelled as immediate: the sandbox has nothing in the region to tear down.
  ctx.world.accounts.get(accountId)?.optInRegions.delete(region)
  return {}
}

export const account: SimulatedService = {
  spec: {
    signingName: 'account',
    protocol: 'restJson1',
    routes: [
      { operation: 'ListRegions', method: 'POST', path: '/listRegions', handler: listRegions },
      {
        operation: 'GetRegionOptStatus',
        method: 'POST',
        path: '/getRegionOptStatus',
        handler: getRegionOptStatus,
      },
      { operation: 'EnableRegion', method: 'POST', path: '/enableRegion', handler: enableRegion },
      { operation: 'DisableRegion', method: 'POST', path: '/disableRegion', handler: disableRegion },
      {
        operation: 'GetAlternateContact',
        method: 'POST',
        path: '/getAlternateContact',
        handler: getAlternateContact,
      },
      {
        operation: 'PutAlternateContact',
        method: 'POST',
        path: '/putAlternateContact',
        handler: putAlternateContact,
      },
      {
        operation: 'DeleteAlternateContact',
        method: 'POST',
        path: '/deleteAlternateContact',
        handler: deleteAlternateContact,
      },
    ],
  },
}

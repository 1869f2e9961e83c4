// The administrator's member accounts: CreateMembers and ListMembers. Members are stored where CreateMembers
// made them and derived for the rest: an account that joined the organization while LOCAL auto-enable was on
// (API reference, UpdateOrganizationConfiguration: "automatically enable Security Hub in new member accounts
// when they join the organization" — existing accounts are not reached), and, under central configuration, an
// account a settled policy gives a hub (hub.ts). The management account is never enabled automatically
// (API reference, CreateMembers); opt-in regions an account has not enabled are never reached (as GuardDuty).
import type { Account, World } from '../../state.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { invalidInput } from './errors.ts'
import { governingPolicy, hubView, newHub, requireHub } from './hub.ts'
import { requireAdministrator } from './organization-configuration.ts'
import { pageOf } from './paging.ts'
import { hubKey, securityHubState } from './state.ts'

export interface MemberView {
  accountId: string
  email: string
  admin: string
  status: 'Enabled'
  invitedAt: Date
  updatedAt: Date
}

function autoEnabled(world: World, region: string, admin: string, account: Account): MemberView | undefined {
  if (account.status !== 'ACTIVE' || account.id === world.managementAccountId || account.id === admin)
    return undefined
  if (!world.isRegionEnabled(account.id, region)) return undefined
  const joined = account.joinedAt.getTime()
  const epoch = securityHubState(world)
    .autoEnableHistory.get(region)
    ?.find((e) => e.admin === admin && joined >= e.from && joined <= (e.to ?? Number.POSITIVE_INFINITY))
  if (!epoch) return undefined
  return {
    accountId: account.id,
    email: account.email,
    admin,
    status: 'Enabled',
    invitedAt: account.joinedAt,
    updatedAt: account.joinedAt,
  }
}

/** The account's membership under `admin` in a region: stored, governed by a policy, or auto-enabled. */
export function memberView(
  world: World,
  region: string,
  admin: string,
  account: Account,
): MemberView | undefined {
  const stored = securityHubState(world).members.get(hubKey(account.id, region))
  if (stored?.admin === admin) return { accountId: account.id, ...stored }
  if (
    account.id !== admin &&
    governingPolicy(world, account.id, region) &&
    hubView(world, account.id, region)
  ) {
    const since = new Date(account.joinedAt)
    return {
      accountId: account.id,
      email: account.email,
      admin,
      status: 'Enabled',
      invitedAt: since,
      updatedAt: since,
    }
  }
  return autoEnabled(world, region, admin, account)
}

/** Every member of the region's administrator, in account id order. */
function membersOf(world: World, region: string, admin: string): MemberView[] {
  if (securityHubState(world).admins.get(region)?.accountId !== admin) return []
  return [...world.accounts.values()]
    .map((a) => memberView(world, region, admin, a))
    .filter((m): m is MemberView => m !== undefined)
    .sort((a, b) => a.accountId.localeCompare(b.accountId))
}

const toWire = (m: MemberView) => ({
  AccountId: m.accountId,
  Email: m.email,
  MasterId: m.admin,
  AdministratorId: m.admin,
  MemberStatus: m.status,
  InvitedAt: m.invitedAt.toISOString(),
  UpdatedAt: m.updatedAt.toISOString(),
})

export function listMembers(req: RestRequest, ctx: CallContext) {
  // Only an account with a hub has members to list (API reference: "not subscribed" otherwise).
  requireHub(ctx)
  const only = req.query.get('OnlyAssociated') ?? 'true'
  if (only !== 'true' && only !== 'false') throw invalidInput(`Invalid OnlyAssociated ${only}`)
  // Members here are all Enabled (invitations and disassociation are not modelled), so the filter keeps them all.
  const all = membersOf(ctx.world, ctx.region, ctx.account)
  // MaxResults 1–50 (service model: CrossAccountMaxResults); the default is not published — the maximum.
  const page = pageOf(all, req.query.get('MaxResults') ?? undefined, req.query.get('NextToken'), ctx, {
    max: 50,
    default: 50,
  })
  return { Members: page.items.map(toWire), NextToken: page.nextToken }
}

export function createMembers(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  requireAdministrator(ctx)
  const details = req.body.AccountDetails
  // AccountDetails: 1–50 entries (service model: AccountDetailsList).
  if (!Array.isArray(details) || details.length < 1 || details.length > 50)
    throw invalidInput('AccountDetails must contain between 1 and 50 items')
  const { world } = ctx
  const state = securityHubState(world)
  const at = world.clock.date()
  const UnprocessedAccounts: { AccountId: string; ProcessingResult: string }[] = []
  for (const raw of details as Array<Record<string, unknown>>) {
    const accountId = String(raw?.AccountId ?? '')
    const skip = (result: string) =>
      UnprocessedAccounts.push({ AccountId: accountId, ProcessingResult: result })
    const account = world.accounts.get(accountId)
    // Results crafted: AWS documents only that unprocessed accounts come back with a reason.
    if (accountId === ctx.account) skip('The account is the administrator account itself')
    else if (!account)
      skip('Invitation-based members are not supported here: the account is not in the organization')
    else if (account.status !== 'ACTIVE') skip('AccountSuspended')
    else if (!world.isRegionEnabled(accountId, ctx.region)) skip(`The account has not enabled ${ctx.region}`)
    else if (memberView(world, ctx.region, ctx.account, account)) skip('The account is already a member')
    else if (accountId === world.managementAccountId && !hubView(world, accountId, ctx.region))
      // API reference, CreateMembers: the management account must enable Security Hub before it is added.
      skip('Security Hub cannot be enabled automatically for the organization management account')
    else {
      state.members.set(hubKey(accountId, ctx.region), {
        admin: ctx.account,
        email: typeof raw.Email === 'string' ? raw.Email : account.email,
        status: 'Enabled',
        invitedAt: at,
        updatedAt: at,
      })
      // API reference, CreateMembers: an organization account without a hub gets one with the default
      // standards; one that has a hub keeps its standards and controls.
      if (!hubView(world, accountId, ctx.region))
        state.hubs.set(hubKey(accountId, ctx.region), newHub(world, accountId, ctx.region, true))
    }
  }
  return { UnprocessedAccounts }
}

// Accounts: ListAccounts, ListAccountsForParent, DescribeAccount, CreateAccount (asynchronous:
// IN_PROGRESS → SUCCEEDED over simulated time) with DescribeCreateAccountStatus, MoveAccount.
import { SandboxError } from '../../errors.ts'
import type { Account, World } from '../../state.ts'
import type { Operation } from '../service.ts'
import {
  ACCOUNT_ID,
  checkId,
  invalidInput,
  PARENT_ID,
  paginate,
  requiredString,
  requireManagement,
  requireReader,
} from './common.ts'
import {
  CREATE_ACCOUNT_MS,
  type CreateAccountRequest,
  DEFAULT_ACCESS_ROLE,
  isParent,
  moveAccount,
  newSuffix,
  nextAccountId,
  orgState,
} from './model.ts'
import { parentNotFound } from './structure.ts'
import { parseTags } from './tags.ts'

export function accountShape(world: World, account: Account) {
  return {
    Id: account.id,
    Arn: account.arn,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    // `State` supersedes the deprecated `Status`; for the statuses modelled here the values coincide.
    State: account.status,
    Paths: [`${world.organizationId}/${[...world.ancestors(account.id)].reverse().join('/')}/${account.id}/`],
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedAt,
  }
}

export const accountNotFound = () =>
  new SandboxError('AccountNotFoundException', 'You specified an account that doesn’t exist.', 404)

const listAccounts: Operation = (input, ctx) => {
  requireReader(ctx)
  const page = paginate(ctx, input, [...ctx.world.accounts.values()], 'ListAccounts')
  return { Accounts: page.items.map((a) => accountShape(ctx.world, a)), NextToken: page.nextToken }
}

const listAccountsForParent: Operation = (input, ctx) => {
  requireReader(ctx)
  const parentId = checkId(requiredString(input, 'ParentId'), PARENT_ID, 'ParentId')
  if (!isParent(ctx.world, parentId)) throw parentNotFound()
  const accounts = ctx.world.accountsUnder(parentId, false)
  const page = paginate(ctx, input, accounts, `ListAccountsForParent:${parentId}`)
  return { Accounts: page.items.map((a) => accountShape(ctx.world, a)), NextToken: page.nextToken }
}

const describeAccount: Operation = (input, ctx) => {
  requireReader(ctx)
  const id = checkId(requiredString(input, 'AccountId'), ACCOUNT_ID, 'AccountId')
  const account = ctx.world.accounts.get(id)
  if (!account) throw accountNotFound()
  return { Account: accountShape(ctx.world, account) }
}

function createStatusShape(request: CreateAccountRequest) {
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: request.state,
    RequestedTimestamp: new Date(request.requestedAt),
    CompletedTimestamp: request.state === 'IN_PROGRESS' ? undefined : new Date(request.completesAt),
    AccountId: request.state === 'SUCCEEDED' ? request.accountId : undefined,
    FailureReason: request.failureReason,
  }
}

const createAccount: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const email = requiredString(input, 'Email')
  const accountName = requiredString(input, 'AccountName')
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 64) {
    throw invalidInput('INVALID_EMAIL_ADDRESS_TARGET', 'You specified an invalid email address.')
  }
  if (accountName.length > 50)
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a value that is too long for AccountName.')
  const tags = new Map(parseTags(input.Tags))
  const state = orgState(world)
  const now = world.clock.now()
  const duplicate =
    [...world.accounts.values()].some((a) => a.email.toLowerCase() === email.toLowerCase()) ||
    [...state.createRequests.values()].some((r) => r.email.toLowerCase() === email.toLowerCase())
  const request: CreateAccountRequest = {
    id: `car-${newSuffix(world, 32)}`,
    accountName,
    email,
    roleName: typeof input.RoleName === 'string' && input.RoleName ? input.RoleName : DEFAULT_ACCESS_ROLE,
    tags,
    requestedAt: now,
    completesAt: now + CREATE_ACCOUNT_MS,
    accountId: nextAccountId(world),
    state: 'IN_PROGRESS',
  }
  // AWS accepts the request and reports the duplicate through the status, not as an error.
  if (duplicate) {
    request.state = 'FAILED'
    request.failureReason = 'EMAIL_ALREADY_EXISTS'
    request.completesAt = now
  }
  state.createRequests.set(request.id, request)
  return { CreateAccountStatus: createStatusShape(request) }
}

const describeCreateAccountStatus: Operation = (input, ctx) => {
  requireReader(ctx)
  const id = requiredString(input, 'CreateAccountRequestId')
  if (!/^car-[a-z0-9]{8,32}$/.test(id))
    throw invalidInput('INVALID_PATTERN', 'You provided a value that does not match the required pattern.')
  const request = orgState(ctx.world).createRequests.get(id)
  if (!request) {
    throw new SandboxError(
      'CreateAccountStatusNotFoundException',
      'We can’t find a create account request with the CreateAccountRequestId that you specified.',
      404,
    )
  }
  return { CreateAccountStatus: createStatusShape(request) }
}

const listCreateAccountStatus: Operation = (input, ctx) => {
  requireReader(ctx)
  const states = Array.isArray(input.States) ? (input.States as string[]) : undefined
  const requests = [...orgState(ctx.world).createRequests.values()].filter(
    (r) => !states || states.includes(r.state),
  )
  const page = paginate(ctx, input, requests, `ListCreateAccountStatus:${states?.join(',') ?? ''}`)
  return { CreateAccountStatuses: page.items.map(createStatusShape), NextToken: page.nextToken }
}

const moveAccountOp: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const accountId = checkId(requiredString(input, 'AccountId'), ACCOUNT_ID, 'AccountId')
  const source = checkId(requiredString(input, 'SourceParentId'), PARENT_ID, 'SourceParentId')
  const destination = checkId(requiredString(input, 'DestinationParentId'), PARENT_ID, 'DestinationParentId')
  const account = world.accounts.get(accountId)
  if (!account) throw accountNotFound()
  if (!isParent(world, source)) {
    throw new SandboxError(
      'SourceParentNotFoundException',
      'We can’t find a source root or OU with the ParentId that you specified.',
      404,
    )
  }
  if (!isParent(world, destination)) {
    throw new SandboxError(
      'DestinationParentNotFoundException',
      'We can’t find a destination root or OU with the ParentId that you specified.',
      404,
    )
  }
  if (account.parentId !== source) {
    throw new SandboxError(
      'SourceParentNotFoundException',
      'We can’t find a source root or OU with the ParentId that you specified.',
      404,
    )
  }
  if (source === destination) {
    throw new SandboxError(
      'DuplicateAccountException',
      'That account is already present in the specified destination.',
      409,
    )
  }
  moveAccount(world, accountId, destination)
  return {}
}

export const accountOperations: Record<string, Operation> = {
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  DescribeAccount: describeAccount,
  CreateAccount: createAccount,
  DescribeCreateAccountStatus: describeCreateAccountStatus,
  ListCreateAccountStatus: listCreateAccountStatus,
  MoveAccount: moveAccountOp,
}

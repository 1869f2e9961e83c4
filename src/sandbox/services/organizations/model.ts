// Organizations' identifiers, ARNs and the state changes every path shares (API handlers, seed, generator
// and controls all create accounts, OUs and attachments through here, so FullAWSAccess and the events
// other services react to are never forgotten).
import { SandboxError } from '../../errors.ts'
import type { Account, OrganizationalUnit, Policy, RootCredentials, World } from '../../state.ts'

export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess'
export const SCP = 'SERVICE_CONTROL_POLICY'
export const RCP = 'RESOURCE_CONTROL_POLICY'
export const DECLARATIVE_EC2 = 'DECLARATIVE_POLICY_EC2'
/** The AWS-managed RCP attached everywhere while RCPs are enabled (Organizations user guide, "RCP syntax"). */
export const RCP_FULL_AWS_ACCESS_ID = 'p-RCPFullAWSAccess'
export const DEFAULT_ACCESS_ROLE = 'OrganizationAccountAccessRole'

/** Organizations' own state beyond World: tags and CreateAccount requests. */
export interface OrganizationsState {
  /** Resource id (account, OU, root, policy) → tags. Policy tags live on the Policy itself. */
  tags: Map<string, Map<string, string>>
  createRequests: Map<string, CreateAccountRequest>
  managementEmail: string
}

export interface CreateAccountRequest {
  id: string
  accountName: string
  email: string
  roleName: string
  tags: Map<string, string>
  requestedAt: number
  completesAt: number
  accountId: string
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED'
  failureReason?: string
}

/** Simulated time CreateAccount takes (AWS: "a few minutes"); evaluated lazily. */
export const CREATE_ACCOUNT_MS = 2 * 60_000

export function orgState(world: World): OrganizationsState {
  return world.slice<OrganizationsState>('organizations', () => ({
    tags: new Map(),
    createRequests: new Map(),
    managementEmail: 'management@example.com',
  }))
}

export const rootArn = (world: World) =>
  `arn:aws:organizations::${world.managementAccountId}:root/${world.organizationId}/${world.rootId}`
export const ouArn = (world: World, id: string) =>
  `arn:aws:organizations::${world.managementAccountId}:ou/${world.organizationId}/${id}`
export const accountArn = (world: World, id: string) =>
  `arn:aws:organizations::${world.managementAccountId}:account/${world.organizationId}/${id}`
export const policyArn = (world: World, id: string, type = SCP) =>
  id === FULL_AWS_ACCESS_ID || id === RCP_FULL_AWS_ACCESS_ID
    ? `arn:aws:organizations::aws:policy/${type.toLowerCase()}/${id}`
    : `arn:aws:organizations::${world.managementAccountId}:policy/${world.organizationId}/${type.toLowerCase()}/${id}`

/** Deterministic lowercase-alphanumeric suffix of the given length. */
export function newSuffix(world: World, length: number): string {
  return world.nextId(length).toLowerCase()
}

export function newOuId(world: World): string {
  return `ou-${world.rootId.slice(2)}-${newSuffix(world, 8)}`
}

/** The AWS-managed FullAWSAccess SCP, created with the organization. */
export function ensureFullAwsAccess(world: World): Policy {
  let policy = world.policies.get(FULL_AWS_ACCESS_ID)
  if (!policy) {
    policy = {
      id: FULL_AWS_ACCESS_ID,
      arn: policyArn(world, FULL_AWS_ACCESS_ID),
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      type: SCP,
      content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      awsManaged: true,
      tags: new Map(),
      targets: new Set([world.rootId]),
    }
    world.policies.set(policy.id, policy)
    world.enabledPolicyTypes.add(SCP)
  }
  return policy
}

/**
 * The AWS-managed RCPFullAWSAccess, made when RCPs are first enabled: "automatically attached to the
 * organization root, every OU, and every account in your organization, when you enable resource control
 * policies (RCPs). You cannot detach this policy." (Organizations user guide, "RCP syntax").
 */
export function ensureRcpFullAwsAccess(world: World): Policy {
  let policy = world.policies.get(RCP_FULL_AWS_ACCESS_ID)
  if (!policy) {
    policy = {
      id: RCP_FULL_AWS_ACCESS_ID,
      arn: policyArn(world, RCP_FULL_AWS_ACCESS_ID, RCP),
      name: 'RCPFullAWSAccess',
      description: 'Allows access to every operation',
      type: RCP,
      content:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      awsManaged: true,
      tags: new Map(),
      targets: new Set(),
    }
    world.policies.set(policy.id, policy)
  }
  return policy
}

/** AWS attaches FullAWSAccess (and RCPFullAWSAccess) to every new OU and account while the type is enabled. */
function attachDefaultPolicies(world: World, targetId: string): void {
  if (world.enabledPolicyTypes.has(SCP)) world.policies.get(FULL_AWS_ACCESS_ID)?.targets.add(targetId)
  if (world.enabledPolicyTypes.has(RCP)) world.policies.get(RCP_FULL_AWS_ACCESS_ID)?.targets.add(targetId)
}

export function addOu(world: World, parentId: string, name: string, id = newOuId(world)): OrganizationalUnit {
  const ou: OrganizationalUnit = { id, arn: ouArn(world, id), name, parentId }
  world.ous.set(id, ou)
  attachDefaultPolicies(world, id)
  return ou
}

export interface NewAccount {
  id: string
  name: string
  email?: string
  parentId: string
  status?: Account['status']
  joinedAt?: Date
  joinedMethod?: Account['joinedMethod']
  optInRegions?: Iterable<string>
  accessRoles?: Iterable<string>
  root?: Partial<RootCredentials>
}

/** Adds an account and announces it (`account-placed`), as joining the organization does. */
export function addAccount(world: World, spec: NewAccount, announce = true): Account {
  const account: Account = {
    id: spec.id,
    arn: accountArn(world, spec.id),
    name: spec.name,
    email: spec.email ?? `${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`,
    status: spec.status ?? 'ACTIVE',
    parentId: spec.parentId,
    joinedAt: spec.joinedAt ?? world.clock.date(),
    joinedMethod: spec.joinedMethod ?? 'CREATED',
    optInRegions: new Set(spec.optInRegions ?? []),
    accessRoles: new Set(spec.accessRoles ?? [DEFAULT_ACCESS_ROLE]),
    root: { mfa: false, password: false, accessKeys: false, ...spec.root },
  }
  world.accounts.set(account.id, account)
  attachDefaultPolicies(world, account.id)
  if (announce)
    world.events.emit('account-placed', {
      accountId: account.id,
      fromParentId: undefined,
      toParentId: spec.parentId,
    })
  return account
}

export function moveAccount(world: World, accountId: string, destinationParentId: string): void {
  const account = world.accounts.get(accountId)
  if (!account) throw new SandboxError('AccountNotFoundException', `Account ${accountId} not found.`, 404)
  if (!isParent(world, destinationParentId)) {
    throw new SandboxError(
      'DestinationParentNotFoundException',
      'We can’t find a root or OU with the DestinationParentId that you specified.',
      404,
    )
  }
  const from = account.parentId
  account.parentId = destinationParentId
  world.events.emit('account-placed', { accountId, fromParentId: from, toParentId: destinationParentId })
}

export function setAccountStatus(world: World, accountId: string, status: Account['status']): void {
  const account = world.accounts.get(accountId)
  if (!account) throw new SandboxError('AccountNotFoundException', `Account ${accountId} not found.`, 404)
  account.status = status
  world.events.emit('account-status', { accountId, status })
}

export const isParent = (world: World, id: string) => id === world.rootId || world.ous.has(id)

/** Accounts created by CreateAccount become members when their simulated creation time has passed. */
export function settleCreations(world: World): void {
  const state = orgState(world)
  if (state.createRequests.size === 0) return
  const now = world.clock.now()
  for (const request of state.createRequests.values()) {
    if (request.state !== 'IN_PROGRESS' || request.completesAt > now) continue
    request.state = 'SUCCEEDED'
    addAccount(world, {
      id: request.accountId,
      name: request.accountName,
      email: request.email,
      parentId: world.rootId,
      joinedAt: new Date(request.completesAt),
      accessRoles: [request.roleName],
      // Accounts created through Organizations start with no root password, MFA or keys (aws-facts §2).
      root: {},
    })
    if (request.tags.size > 0) state.tags.set(request.accountId, new Map(request.tags))
  }
}

/** The next unused 12-digit account id, deterministic. */
export function nextAccountId(world: World): string {
  let candidate = 100_000_000_000 + world.accounts.size * 7919 + 1
  while (
    world.accounts.has(String(candidate)) ||
    [...orgState(world).createRequests.values()].some((r) => r.accountId === String(candidate))
  ) {
    candidate += 1
  }
  return String(candidate)
}

/** OU depth below the root: a top-level OU is 1. */
export function ouDepth(world: World, ouId: string): number {
  return world.ancestors(ouId).length
}

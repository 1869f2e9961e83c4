// The IAM role store: per account, roles with their trust policy, inline and attached managed policies,
// permissions boundary, tags and max session duration, plus each account's customer managed policies.
// Role names are unique per account regardless of case (IAM User Guide, "IAM identifiers": "names must be
// unique within the account… not distinguished by case").
//
// An account's `accessRoles` (seed, CreateAccount's RoleName, tests) stays the source of the organization
// access roles: each name there is a role here, created on first look as AWS creates it — trusting the
// management account, AdministratorAccess attached (Organizations User Guide, "Accessing a member account
// that has a management account access role"). Removing the name removes the role; deleting the role with
// IAM removes the name.
import type { NamedPolicy, PolicyDocument } from '../../../policy/types.ts'
import type { World } from '../../state.ts'
import { ADMINISTRATOR_ACCESS, AWS_MANAGED_POLICIES, type ManagedPolicy } from './managed-policies.ts'

export interface Role {
  account: string
  path: string
  name: string
  arn: string
  id: string
  createdAt: Date
  /** The trust policy as submitted (IAM returns it URL-encoded). */
  trustPolicy: string
  description?: string
  maxSessionDuration: number
  /** Inline policies: name → document text as submitted. */
  inline: Map<string, string>
  /** Attached managed policy ARNs, in attachment order. */
  attached: string[]
  boundary?: string
  tags: Map<string, string>
  /** Service-linked roles cannot be changed through the role APIs (UnmodifiableEntity). */
  serviceLinked: boolean
  /** Created from the account's `accessRoles`. */
  accessRole: boolean
}

export interface CustomerPolicy extends ManagedPolicy {
  account: string
  id: string
  document: PolicyDocument
  createdAt: Date
}

interface RoleStore {
  /** account → lower-cased role name → role */
  roles: Map<string, Map<string, Role>>
  /** ARN → customer managed policy */
  policies: Map<string, CustomerPolicy>
}

const store = (world: World) =>
  world.slice<RoleStore>('iam.roles', () => ({ roles: new Map(), policies: new Map() }))

/** IAM's default for MaxSessionDuration (CreateRole API reference: "the default value of one hour"). */
export const DEFAULT_MAX_SESSION_SECONDS = 3600

/** A stable, readable role id per account and role name: `AROA` + 17 characters, as IAM's are. */
export function roleIdFor(accountId: string, roleName: string): string {
  let hash = 0
  for (const char of `${accountId}/${roleName}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0
  return `AROASANDBOX${hash.toString(36).toUpperCase().padStart(10, '0')}`.slice(-21)
}

export const roleArn = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:role${path}${name}`

/** The trust policy of a role the given account may assume (its root: any principal its policies allow). */
export const trustAccount = (accountId: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' },
    ],
  })

export interface NewRole {
  account: string
  name: string
  path?: string
  trustPolicy: string
  description?: string
  maxSessionDuration?: number
  inline?: Record<string, string>
  attached?: string[]
  boundary?: string
  tags?: Record<string, string>
  serviceLinked?: boolean
  accessRole?: boolean
}

function accountRoles(world: World, account: string): Map<string, Role> {
  const all = store(world).roles
  let roles = all.get(account)
  if (!roles) {
    roles = new Map()
    all.set(account, roles)
  }
  syncAccessRoles(world, account, roles)
  return roles
}

function syncAccessRoles(world: World, account: string, roles: Map<string, Role>): void {
  const names = world.accounts.get(account)?.accessRoles
  if (!names) return
  for (const name of names) {
    if (roles.has(name.toLowerCase())) continue
    roles.set(
      name.toLowerCase(),
      makeRole(world, {
        account,
        name,
        trustPolicy: trustAccount(world.managementAccountId),
        attached: [ADMINISTRATOR_ACCESS],
        accessRole: true,
      }),
    )
  }
  for (const [key, role] of roles) if (role.accessRole && !names.has(role.name)) roles.delete(key)
}

function makeRole(world: World, spec: NewRole): Role {
  const path = spec.path ?? '/'
  return {
    account: spec.account,
    path,
    name: spec.name,
    arn: roleArn(spec.account, path, spec.name),
    id: roleIdFor(spec.account, spec.name),
    createdAt: world.clock.date(),
    trustPolicy: spec.trustPolicy,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    maxSessionDuration: spec.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
    inline: new Map(Object.entries(spec.inline ?? {})),
    attached: [...(spec.attached ?? [])],
    ...(spec.boundary !== undefined ? { boundary: spec.boundary } : {}),
    tags: new Map(Object.entries(spec.tags ?? {})),
    serviceLinked: spec.serviceLinked ?? false,
    accessRole: spec.accessRole ?? false,
  }
}

export function rolesOf(world: World, account: string): Role[] {
  return [...accountRoles(world, account).values()]
}

export function findRole(world: World, account: string, name: string): Role | undefined {
  return accountRoles(world, account).get(name.toLowerCase())
}

/** The role an ARN names (path included), or undefined. */
export function roleByArn(world: World, arn: string): Role | undefined {
  const match = /^arn:aws:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(arn)
  if (!match) return undefined
  const role = findRole(world, match[1] ?? '', match[3] ?? '')
  return role && role.path === match[2] ? role : undefined
}

/** Creates a role, or replaces one of that name (controls and seeds; the API refuses duplicates itself). */
export function putRole(world: World, spec: NewRole): Role {
  const roles = accountRoles(world, spec.account)
  // A replaced organization access role stays one: removing the account's access role still removes it.
  const accessRole = spec.accessRole ?? roles.get(spec.name.toLowerCase())?.accessRole ?? false
  const role = makeRole(world, { ...spec, accessRole })
  roles.set(spec.name.toLowerCase(), role)
  return role
}

export function removeRole(world: World, role: Role): void {
  accountRoles(world, role.account).delete(role.name.toLowerCase())
  if (role.accessRole) world.accounts.get(role.account)?.accessRoles.delete(role.name)
}

/** An AWS-managed policy, or a customer managed policy of the given account, by ARN. */
export function managedPolicy(world: World, arn: string): ManagedPolicy | undefined {
  return AWS_MANAGED_POLICIES.get(arn) ?? store(world).policies.get(arn)
}

export function customerPolicies(world: World): Map<string, CustomerPolicy> {
  return store(world).policies
}

const named = (name: string, document: string | PolicyDocument | undefined): NamedPolicy[] =>
  document === undefined ? [] : [{ name, document }]

/** The role's identity policies: inline ones, then attached managed ones (by ARN). */
export function identityPolicies(world: World, role: Role): NamedPolicy[] {
  return [
    ...[...role.inline].flatMap(([name, document]) => named(name, document)),
    ...role.attached.flatMap((arn) => named(arn, managedPolicy(world, arn)?.document)),
  ]
}

export function boundaryPolicies(world: World, role: Role): NamedPolicy[] | undefined {
  return role.boundary === undefined
    ? undefined
    : named(role.boundary, managedPolicy(world, role.boundary)?.document)
}

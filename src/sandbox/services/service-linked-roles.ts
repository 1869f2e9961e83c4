// Service-linked roles the services here depend on (AWSServiceRoleForCloudTrail, AWSServiceRoleForConfig).
// A small store of its own until IAM keeps roles: a role exists when something created it (IAM's
// CreateServiceLinkedRole, a service that creates its own, a test) or when AWS creates it with trusted
// access (the Organizations guide's "service-linked roles created when you enable integration"), and it
// has not been deleted since.
import type { World } from '../state.ts'

export const CLOUDTRAIL_SLR = 'AWSServiceRoleForCloudTrail'
export const CONFIG_SLR = 'AWSServiceRoleForConfig'

/** The service principal each role trusts, which also names its IAM path. */
const SERVICE_OF: Record<string, string> = {
  [CLOUDTRAIL_SLR]: 'cloudtrail.amazonaws.com',
  [CONFIG_SLR]: 'config.amazonaws.com',
}

interface RoleStore {
  created: Set<string>
  deleted: Set<string>
}

const store = (world: World) =>
  world.slice<RoleStore>('service-linked-roles', () => ({ created: new Set(), deleted: new Set() }))

const key = (account: string, name: string) => `${account}/${name}`

/**
 * Roles AWS makes when trusted access is enabled (Organizations user guide, services-that-can-integrate-*):
 * CloudTrail's in the management account, Config's in the organization's accounts.
 */
function createdWithTrustedAccess(world: World, account: string, name: string): boolean {
  const member = world.accounts.get(account)
  if (member?.status !== 'ACTIVE') return false
  if (name === CLOUDTRAIL_SLR)
    return account === world.managementAccountId && world.trustedAccess.has(SERVICE_OF[name] ?? '')
  if (name === CONFIG_SLR) return world.trustedAccess.has(SERVICE_OF[name] ?? '')
  return false
}

export function hasServiceLinkedRole(world: World, account: string, name: string): boolean {
  const roles = store(world)
  const k = key(account, name)
  if (roles.deleted.has(k)) return false
  return roles.created.has(k) || createdWithTrustedAccess(world, account, name)
}

/** Creates the role if it is missing (what CreateServiceLinkedRole, or a service creating its own, does). */
export function ensureServiceLinkedRole(world: World, account: string, name: string): void {
  const roles = store(world)
  roles.deleted.delete(key(account, name))
  roles.created.add(key(account, name))
}

export function deleteServiceLinkedRole(world: World, account: string, name: string): void {
  const roles = store(world)
  roles.created.delete(key(account, name))
  roles.deleted.add(key(account, name))
}

/** `arn:aws:iam::<account>:role/aws-service-role/<service>/<name>`, the IAM path of every service-linked role. */
export function serviceLinkedRoleArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:role/aws-service-role/${SERVICE_OF[name] ?? 'unknown'}/${name}`
}

/** The role a service-linked role ARN names, if it is one this store knows. */
export function serviceLinkedRoleName(arn: string): { account: string; name: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/aws-service-role\/([^/]+)\/([^/]+)$/.exec(arn)
  if (!match) return undefined
  const [, account = '', service, name = ''] = match
  return SERVICE_OF[name] === service ? { account, name } : undefined
}

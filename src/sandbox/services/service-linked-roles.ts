// Service-linked roles the services here depend on (AWSServiceRoleForCloudTrail, AWSServiceRoleForConfig),
// held in IAM's role store (iam-roles/). A role exists when something created it (IAM's
// CreateServiceLinkedRole, a service that creates its own, a test), or when AWS creates it with trusted
// access (the Organizations guide's "service-linked roles created when you enable integration") and it has not
// been deleted since.
import type { World } from '../state.ts'
import { putServiceLinkedRole, serviceLinkedRoleNamed } from './iam-roles/service-linked.ts'
import { findRole, removeRole } from './iam-roles/store.ts'

export const CLOUDTRAIL_SLR = 'AWSServiceRoleForCloudTrail'
export const CONFIG_SLR = 'AWSServiceRoleForConfig'

/** Roles deleted after trusted access would have created them (`<account>/<name>`). */
const deletedImplicit = (world: World) => world.slice('service-linked-roles.deleted', () => new Set<string>())

const key = (account: string, name: string) => `${account}/${name}`

/**
 * Roles AWS makes when trusted access is enabled (Organizations user guide, services-that-can-integrate-*):
 * CloudTrail's in the management account, Config's in the organization's accounts.
 */
function createdWithTrustedAccess(world: World, account: string, name: string): boolean {
  const member = world.accounts.get(account)
  const principal = serviceLinkedRoleNamed(name)?.principal ?? ''
  if (member?.status !== 'ACTIVE') return false
  if (name === CLOUDTRAIL_SLR)
    return account === world.managementAccountId && world.trustedAccess.has(principal)
  if (name === CONFIG_SLR) return world.trustedAccess.has(principal)
  return false
}

export function hasServiceLinkedRole(world: World, account: string, name: string): boolean {
  if (findRole(world, account, name)) return true
  return !deletedImplicit(world).has(key(account, name)) && createdWithTrustedAccess(world, account, name)
}

/** Creates the role if it is missing (what CreateServiceLinkedRole, or a service creating its own, does). */
export function ensureServiceLinkedRole(world: World, account: string, name: string): void {
  deletedImplicit(world).delete(key(account, name))
  const spec = serviceLinkedRoleNamed(name)
  if (spec && !findRole(world, account, name)) putServiceLinkedRole(world, account, spec)
}

export function deleteServiceLinkedRole(world: World, account: string, name: string): void {
  const role = findRole(world, account, name)
  if (role) removeRole(world, role)
  deletedImplicit(world).add(key(account, name))
}

export function serviceLinkedRoleArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:role/aws-service-role/${serviceLinkedRoleNamed(name)?.principal ?? 'unknown'}/${name}`
}

/** The role a service-linked role ARN names, if it is one this store knows. */
export function serviceLinkedRoleName(arn: string): { account: string; name: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/aws-service-role\/([^/]+)\/([^/]+)$/.exec(arn)
  if (!match) return undefined
  const [, account = '', service, name = ''] = match
  return serviceLinkedRoleNamed(name)?.principal === service ? { account, name } : undefined
}

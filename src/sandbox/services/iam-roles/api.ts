// IAM role operations (awsQuery 2010-05-08). Errors, statuses and constraints per operation from the IAM
// model (botocore iam/2010-05-08/service-2.json); messages AWS's where public reports show them, else crafted
// (src/sandbox/README.md, "IAM roles and identity policies"). Every operation validates its input before it
// looks anything up.
import { SandboxError } from '../../errors.ts'
import type { CallContext, Operation } from '../service.ts'
import { checkDocument, urlEncoded } from './documents.ts'
import { putServiceLinkedRole, serviceLinkedRoleFor } from './service-linked.ts'
import { findRole, managedPolicy, putRole, type Role, removeRole, rolesOf } from './store.ts'
import { integer, optional, RULES, required, type Tag, tags, validationError } from './validate.ts'

/** IAM quotas (IAM User Guide, "IAM and AWS STS quotas"; GetAccountSummary's defaults). */
export const QUOTAS = {
  rolesPerAccount: 1000,
  trustPolicySize: 2048,
  inlinePolicySizePerRole: 10_240,
  managedPoliciesPerRole: 10,
  tagsPerRole: 50,
}

const noSuchRole = (name: string) =>
  new SandboxError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404)
const limitExceeded = (message: string) => new SandboxError('LimitExceeded', message, 409)
const invalidInput = (message: string) => new SandboxError('InvalidInput', message, 400)

function roleNamed(ctx: CallContext, name: string): Role {
  const role = findRole(ctx.world, ctx.account, name)
  if (!role) throw noSuchRole(name)
  return role
}

/** Service-linked roles change only through their service (IAM User Guide, "Using service-linked roles"). */
function modifiable(role: Role): Role {
  if (role.serviceLinked) {
    throw new SandboxError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`,
      400,
    )
  }
  return role
}

function checkTrustSize(text: string): void {
  // Whitespace does not count toward IAM's policy size quotas (IAM User Guide, "IAM and AWS STS quotas").
  if (text.replace(/\s/g, '').length > QUOTAS.trustPolicySize)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${QUOTAS.trustPolicySize}`)
}

function checkArn(arn: string): void {
  if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`)
}

function applyTags(role: Role, list: Tag[]): void {
  const merged = new Map(role.tags)
  for (const tag of list) merged.set(tag.Key, tag.Value)
  if (merged.size > QUOTAS.tagsPerRole)
    throw limitExceeded(`Cannot exceed quota for TagsPerRole: ${QUOTAS.tagsPerRole}`)
  role.tags = merged
}

const tagList = (role: Role) => [...role.tags].map(([Key, Value]) => ({ Key, Value }))

/** The Role structure; ListRoles leaves out boundary, tags and last use (ListRoles API reference). */
function roleShape(role: Role, full: boolean) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: urlEncoded(role.trustPolicy),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
    ...(full && role.boundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.boundary } }
      : {}),
    ...(full && role.tags.size > 0 ? { Tags: tagList(role) } : {}),
    ...(full ? { RoleLastUsed: {} } : {}),
  }
}

/** Marker paging: the marker is the index of the next item (opaque to callers). */
function page<T>(
  items: T[],
  input: Record<string, unknown>,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = integer(input, 'MaxItems', 1, 1000) ?? 100
  const marker = optional(input, 'Marker', RULES.marker)
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString())
  if (!Number.isInteger(start) || start < 0 || start > items.length)
    // Crafted: an undecodable marker (no error of the model fits; model validation's code is used).
    throw new SandboxError('ValidationError', 'Invalid Marker.', 400)
  const slice = items.slice(start, start + max)
  const next = start + slice.length
  return next < items.length
    ? { items: slice, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64url') }
    : { items: slice, IsTruncated: false }
}

function boundaryOf(ctx: CallContext, arn: string): string {
  checkArn(arn)
  const policy = managedPolicy(ctx.world, arn)
  if (!policy?.attachable || (!policy.awsManaged && !arn.includes(`::${ctx.account}:`)))
    throw new SandboxError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`, 404)
  return arn
}

const createRole: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const trust = required(input, 'AssumeRolePolicyDocument', RULES.policyDocument)
  const path = optional(input, 'Path', RULES.path) ?? '/'
  const description = optional(input, 'Description', RULES.description)
  const maxSessionDuration = integer(input, 'MaxSessionDuration', 3600, 43_200)
  const boundary = optional(input, 'PermissionsBoundary', RULES.arn)
  const tagged = tags(input)
  checkTrustSize(trust)
  checkDocument(trust, 'trust')
  if (findRole(ctx.world, ctx.account, name))
    throw new SandboxError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409)
  if (rolesOf(ctx.world, ctx.account).length >= QUOTAS.rolesPerAccount)
    throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${QUOTAS.rolesPerAccount}`)
  const role = putRole(ctx.world, {
    account: ctx.account,
    name,
    path,
    trustPolicy: trust,
    ...(description !== undefined ? { description } : {}),
    ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
    ...(boundary !== undefined ? { boundary: boundaryOf(ctx, boundary) } : {}),
    ...(tagged ? { tags: Object.fromEntries(tagged.map((t) => [t.Key, t.Value])) } : {}),
  })
  return { Role: roleShape(role, true) }
}

const getRole: Operation = (input, ctx) => ({
  Role: roleShape(roleNamed(ctx, required(input, 'RoleName', RULES.roleName)), true),
})

const deleteRole: Operation = (input, ctx) => {
  const role = modifiable(roleNamed(ctx, required(input, 'RoleName', RULES.roleName)))
  // DeleteRole API reference: inline policies, attached managed policies (and instance profiles) go first.
  if (role.attached.length > 0)
    throw new SandboxError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409)
  if (role.inline.size > 0)
    throw new SandboxError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409)
  removeRole(ctx.world, role)
  return undefined
}

const listRoles: Operation = (input, ctx) => {
  const prefix = optional(input, 'PathPrefix', RULES.pathPrefix) ?? '/'
  const roles = rolesOf(ctx.world, ctx.account)
    .filter((r) => r.path.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
  const { items, ...rest } = page(roles, input)
  return { Roles: items.map((r) => roleShape(r, false)), ...rest }
}

const updateAssumeRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const document = required(input, 'PolicyDocument', RULES.policyDocument)
  checkTrustSize(document)
  checkDocument(document, 'trust')
  modifiable(roleNamed(ctx, name)).trustPolicy = document
  return undefined
}

const updateRole: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const description = optional(input, 'Description', RULES.description)
  const maxSessionDuration = integer(input, 'MaxSessionDuration', 3600, 43_200)
  const role = modifiable(roleNamed(ctx, name))
  if (description !== undefined) role.description = description
  if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration
  return {}
}

const updateRoleDescription: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const description = required(input, 'Description', RULES.description)
  const role = modifiable(roleNamed(ctx, name))
  role.description = description
  return { Role: roleShape(role, true) }
}

const putRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const policyName = required(input, 'PolicyName', RULES.policyName)
  const document = required(input, 'PolicyDocument', RULES.policyDocument)
  checkDocument(document, 'identity')
  const role = modifiable(roleNamed(ctx, name))
  const sizes = [...role.inline].filter(([n]) => n !== policyName).map(([, d]) => d)
  const total = [...sizes, document].reduce((sum, d) => sum + d.replace(/\s/g, '').length, 0)
  if (total > QUOTAS.inlinePolicySizePerRole)
    throw limitExceeded(
      `Maximum policy size of ${QUOTAS.inlinePolicySizePerRole} bytes exceeded for role ${role.name}`,
    )
  role.inline.set(policyName, document)
  return undefined
}

function inlineNamed(role: Role, policyName: string): string {
  const document = role.inline.get(policyName)
  if (document === undefined)
    throw new SandboxError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404)
  return document
}

const getRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const policyName = required(input, 'PolicyName', RULES.policyName)
  const role = roleNamed(ctx, name)
  return {
    RoleName: role.name,
    PolicyName: policyName,
    PolicyDocument: urlEncoded(inlineNamed(role, policyName)),
  }
}

const deleteRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const policyName = required(input, 'PolicyName', RULES.policyName)
  const role = modifiable(roleNamed(ctx, name))
  inlineNamed(role, policyName)
  role.inline.delete(policyName)
  return undefined
}

const listRolePolicies: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const role = roleNamed(ctx, name)
  const { items, ...rest } = page([...role.inline.keys()].sort(), input)
  return { PolicyNames: items, ...rest }
}

const attachRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const arn = required(input, 'PolicyArn', RULES.arn)
  checkArn(arn)
  const role = modifiable(roleNamed(ctx, name))
  const policy = managedPolicy(ctx.world, arn)
  if (!policy || (!policy.awsManaged && !arn.includes(`::${ctx.account}:`)))
    throw new SandboxError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404)
  if (!policy.attachable)
    throw new SandboxError(
      'PolicyNotAttachable',
      'Cannot attach a Service Role Policy to a Customer Role.',
      400,
    )
  if (role.attached.includes(arn)) return undefined
  if (role.attached.length >= QUOTAS.managedPoliciesPerRole)
    throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${QUOTAS.managedPoliciesPerRole}`)
  role.attached.push(arn)
  return undefined
}

const detachRolePolicy: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const arn = required(input, 'PolicyArn', RULES.arn)
  checkArn(arn)
  const role = modifiable(roleNamed(ctx, name))
  if (!role.attached.includes(arn))
    throw new SandboxError('NoSuchEntity', `Policy ${arn} was not found.`, 404)
  role.attached = role.attached.filter((a) => a !== arn)
  return undefined
}

const listAttachedRolePolicies: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const prefix = optional(input, 'PathPrefix', RULES.policyPath) ?? '/'
  const role = roleNamed(ctx, name)
  const attached = role.attached
    .map((arn) => ({ arn, policy: managedPolicy(ctx.world, arn) }))
    .filter(({ policy }) => (policy?.path ?? '/').startsWith(prefix))
    .map(({ arn, policy }) => ({ PolicyName: policy?.name ?? arn.split('/').pop(), PolicyArn: arn }))
  const { items, ...rest } = page(attached, input)
  return { AttachedPolicies: items, ...rest }
}

const putRolePermissionsBoundary: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const arn = required(input, 'PermissionsBoundary', RULES.arn)
  checkArn(arn)
  const role = modifiable(roleNamed(ctx, name))
  role.boundary = boundaryOf(ctx, arn)
  return undefined
}

const deleteRolePermissionsBoundary: Operation = (input, ctx) => {
  const role = modifiable(roleNamed(ctx, required(input, 'RoleName', RULES.roleName)))
  delete role.boundary
  return undefined
}

const tagRole: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const list = tags(input)
  if (list === undefined)
    throw validationError("Value null at 'tags' failed to satisfy constraint: Member must not be null")
  applyTags(roleNamed(ctx, name), list)
  return undefined
}

const untagRole: Operation = (input, ctx) => {
  const name = required(input, 'RoleName', RULES.roleName)
  const raw = input.TagKeys
  if (!Array.isArray(raw))
    throw validationError("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
  if (raw.length > 50)
    throw validationError(
      "Value '[…]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50",
    )
  const keys = raw.map((k) => required({ TagKey: k }, 'TagKey', RULES.tagKey))
  const role = roleNamed(ctx, name)
  for (const key of keys) role.tags.delete(key)
  return undefined
}

const createServiceLinkedRole: Operation = (input, ctx) => {
  const service = required(input, 'AWSServiceName', RULES.serviceName)
  const description = optional(input, 'Description', RULES.description)
  const suffix = optional(input, 'CustomSuffix', RULES.customSuffix)
  const spec = serviceLinkedRoleFor(service)
  // Crafted: AWS's text for a principal without service-linked roles was not found.
  if (!spec) throw invalidInput(`Service ${service} does not support service-linked roles.`)
  // AWS's text, as public reports quote it (README).
  if (suffix !== undefined) throw invalidInput(`Custom suffix is not allowed for ${service}`)
  if (findRole(ctx.world, ctx.account, spec.roleName))
    throw invalidInput(
      `Service role name ${spec.roleName} has been taken in this account, please try a different suffix.`,
    )
  const role = putServiceLinkedRole(ctx.world, ctx.account, spec, description)
  return { Role: roleShape(role, true) }
}

export const roleOperations: Record<string, Operation> = {
  CreateRole: createRole,
  GetRole: getRole,
  DeleteRole: deleteRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
  TagRole: tagRole,
  UntagRole: untagRole,
  CreateServiceLinkedRole: createServiceLinkedRole,
}

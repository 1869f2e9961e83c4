// CloudFormation resource providers for the IAM types, so that roles and policies a template makes exist in
// the role store (and govern the sessions of those roles). Properties and return values per the CloudFormation
// template reference: AWS::IAM::Role (Ref = role name; Arn, RoleId), AWS::IAM::ManagedPolicy (Ref = ARN;
// PolicyArn), AWS::IAM::Policy (inline policy on Roles), AWS::IAM::ServiceLinkedRole (Ref = role name).
// Errors are IAM's (a provider's SandboxError fails the resource and rolls the stack back).

import type { PolicyDocument } from '../../../policy/types.ts'
import { SandboxError } from '../../errors.ts'
import { cfnList, cfnNumber, cfnString, generatedName } from '../cloudformation/resource-props.ts'
import { type ResourceProvider, registerResourceProvider } from '../cloudformation/resource-providers.ts'
import { checkDocument } from './documents.ts'
import { serviceLinkedRoleFor } from './service-linked.ts'
import { customerPolicies, findRole, putRole, type Role, removeRole, rolesOf } from './store.ts'

type Props = Record<string, unknown>

const documentText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? null)

function checked(value: unknown, kind: 'trust' | 'identity'): string {
  const text = documentText(value)
  checkDocument(text, kind)
  return text
}

function roleNamed(
  account: string,
  world: Parameters<ResourceProvider['create']>[1]['world'],
  name: string,
): Role {
  const role = findRole(world, account, name)
  if (!role) throw new SandboxError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404)
  return role
}

function inlinePolicies(props: Props): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of cfnList<Props>(props.Policies) ?? []) {
    const name = cfnString(entry.PolicyName)
    if (!name) throw new SandboxError('ValidationError', 'Policies: PolicyName is required', 400)
    out[name] = checked(entry.PolicyDocument, 'identity')
  }
  return out
}

function tagsOf(props: Props): Record<string, string> {
  return Object.fromEntries(
    (cfnList<Props>(props.Tags) ?? []).map((t) => [String(t.Key ?? ''), String(t.Value ?? '')]),
  )
}

const roleProvider: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.RoleName) ?? generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 64)
    if (findRole(ctx.world, ctx.account, name))
      throw new SandboxError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409)
    const role = putRole(ctx.world, {
      account: ctx.account,
      name,
      ...(cfnString(props.Path) ? { path: cfnString(props.Path) } : {}),
      trustPolicy: checked(props.AssumeRolePolicyDocument, 'trust'),
      ...(cfnString(props.Description) !== undefined ? { description: cfnString(props.Description) } : {}),
      ...(cfnNumber(props.MaxSessionDuration) !== undefined
        ? { maxSessionDuration: cfnNumber(props.MaxSessionDuration) }
        : {}),
      inline: inlinePolicies(props),
      attached: (cfnList<string>(props.ManagedPolicyArns) ?? []).map(String),
      ...(cfnString(props.PermissionsBoundary) ? { boundary: cfnString(props.PermissionsBoundary) } : {}),
      tags: tagsOf(props),
    })
    return { physicalId: role.name, attributes: { Arn: role.arn, RoleId: role.id } }
  },
  update(physicalId, props, ctx) {
    const old = roleNamed(ctx.account, ctx.world, physicalId)
    const role = putRole(ctx.world, {
      account: ctx.account,
      name: old.name,
      path: old.path,
      trustPolicy: checked(props.AssumeRolePolicyDocument, 'trust'),
      ...(cfnString(props.Description) !== undefined ? { description: cfnString(props.Description) } : {}),
      ...(cfnNumber(props.MaxSessionDuration) !== undefined
        ? { maxSessionDuration: cfnNumber(props.MaxSessionDuration) }
        : {}),
      inline: inlinePolicies(props),
      attached: (cfnList<string>(props.ManagedPolicyArns) ?? []).map(String),
      ...(cfnString(props.PermissionsBoundary) ? { boundary: cfnString(props.PermissionsBoundary) } : {}),
      tags: tagsOf(props),
    })
    return { attributes: { Arn: role.arn, RoleId: role.id } }
  },
  delete(physicalId, ctx) {
    const role = findRole(ctx.world, ctx.account, physicalId)
    if (role) removeRole(ctx.world, role)
  },
}

const managedPolicyProvider: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.ManagedPolicyName) ??
      generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 128)
    const path = cfnString(props.Path) ?? '/'
    const arn = `arn:aws:iam::${ctx.account}:policy${path}${name}`
    if (customerPolicies(ctx.world).has(arn))
      throw new SandboxError(
        'EntityAlreadyExists',
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
        409,
      )
    customerPolicies(ctx.world).set(arn, {
      arn,
      name,
      path,
      document: JSON.parse(checked(props.PolicyDocument, 'identity')) as PolicyDocument,
      attachable: true,
      awsManaged: false,
      account: ctx.account,
      id: `ANPASANDBOX${ctx.world.nextId(10).toUpperCase()}`,
      createdAt: ctx.world.clock.date(),
    })
    attachTo(ctx, arn, props)
    return { physicalId: arn, attributes: { PolicyArn: arn } }
  },
  update(physicalId, props, ctx) {
    const policy = customerPolicies(ctx.world).get(physicalId)
    if (!policy) throw new SandboxError('NoSuchEntity', `Policy ${physicalId} was not found.`, 404)
    policy.document = JSON.parse(checked(props.PolicyDocument, 'identity')) as PolicyDocument
    detachEverywhere(ctx, physicalId)
    attachTo(ctx, physicalId, props)
  },
  delete(physicalId, ctx) {
    detachEverywhere(ctx, physicalId)
    customerPolicies(ctx.world).delete(physicalId)
  },
}

function attachTo(ctx: Parameters<ResourceProvider['create']>[1], arn: string, props: Props): void {
  for (const name of cfnList<string>(props.Roles) ?? []) {
    const role = roleNamed(ctx.account, ctx.world, String(name))
    if (!role.attached.includes(arn)) role.attached.push(arn)
  }
}

function detachEverywhere(ctx: Parameters<ResourceProvider['create']>[1], arn: string): void {
  for (const role of rolesOf(ctx.world, ctx.account)) role.attached = role.attached.filter((a) => a !== arn)
}

/** What each AWS::IAM::Policy put where (physical id → policy name and roles), so update and delete undo it. */
const inlineByStack = (world: Parameters<ResourceProvider['create']>[1]['world']) =>
  world.slice(
    'iam.cfn-inline-policies',
    () => new Map<string, { account: string; name: string; roles: string[] }>(),
  )

/** AWS::IAM::Policy: an inline policy put on each role in Roles (physical id: a generated id). */
const policyProvider: ResourceProvider = {
  create(props, ctx) {
    const id = generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 128)
    putInline(ctx, id, props)
    return { physicalId: id }
  },
  update(physicalId, props, ctx) {
    removeInline(ctx, physicalId)
    putInline(ctx, physicalId, props)
  },
  delete(physicalId, ctx) {
    removeInline(ctx, physicalId)
  },
}

function putInline(ctx: Parameters<ResourceProvider['create']>[1], id: string, props: Props): void {
  const name = cfnString(props.PolicyName)
  if (!name) throw new SandboxError('ValidationError', 'PolicyName is required', 400)
  const document = checked(props.PolicyDocument, 'identity')
  const roles = (cfnList<string>(props.Roles) ?? []).map(String)
  for (const roleName of roles) roleNamed(ctx.account, ctx.world, roleName).inline.set(name, document)
  inlineByStack(ctx.world).set(id, { account: ctx.account, name, roles })
}

function removeInline(ctx: Parameters<ResourceProvider['create']>[1], id: string): void {
  const put = inlineByStack(ctx.world).get(id)
  if (!put) return
  for (const roleName of put.roles) findRole(ctx.world, put.account, roleName)?.inline.delete(put.name)
  inlineByStack(ctx.world).delete(id)
}

const serviceLinkedRoleProvider: ResourceProvider = {
  create(props, ctx) {
    const service = cfnString(props.AWSServiceName) ?? ''
    const spec = serviceLinkedRoleFor(service)
    if (!spec)
      throw new SandboxError('InvalidInput', `Service ${service} does not support service-linked roles.`, 400)
    if (cfnString(props.CustomSuffix) !== undefined)
      throw new SandboxError('InvalidInput', `Custom suffix is not allowed for ${service}`, 400)
    if (findRole(ctx.world, ctx.account, spec.roleName)) {
      throw new SandboxError(
        'InvalidInput',
        `Service role name ${spec.roleName} has been taken in this account, please try a different suffix.`,
        400,
      )
    }
    putRole(ctx.world, {
      account: ctx.account,
      name: spec.roleName,
      path: `/aws-service-role/${service}/`,
      trustPolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
      attached: [spec.policyArn],
      serviceLinked: true,
    })
    return { physicalId: spec.roleName }
  },
  delete(physicalId, ctx) {
    const role = findRole(ctx.world, ctx.account, physicalId)
    if (role) removeRole(ctx.world, role)
  },
}

registerResourceProvider('AWS::IAM::Role', roleProvider)
registerResourceProvider('AWS::IAM::ManagedPolicy', managedPolicyProvider)
registerResourceProvider('AWS::IAM::Policy', policyProvider)
registerResourceProvider('AWS::IAM::ServiceLinkedRole', serviceLinkedRoleProvider)

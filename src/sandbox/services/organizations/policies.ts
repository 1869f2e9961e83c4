// Policies: policy types on the root, CreatePolicy / UpdatePolicy / DeletePolicy with AWS's size and syntax
// checks, AttachPolicy / DetachPolicy with the per-target limits, and the listings.
import { EVENTUAL } from '../../consistency.ts'
import { SandboxError } from '../../errors.ts'
import type { Policy, World } from '../../state.ts'
import type { CallContext, Operation } from '../service.ts'
import {
  checkId,
  constraintViolation,
  invalidInput,
  optionalString,
  POLICY_ID,
  paginate,
  ROOT_ID,
  requiredString,
  requireManagement,
  requireReader,
  TARGET_ID,
} from './common.ts'
import {
  ensureRcpFullAwsAccess,
  FULL_AWS_ACCESS_ID,
  newSuffix,
  policyArn,
  RCP,
  RCP_FULL_AWS_ACCESS_ID,
  SCP,
} from './model.ts'
import { checkPolicyDocument } from './policy-content.ts'
import { rootShape } from './structure.ts'
import { applyTags } from './tags.ts'

/** PolicyType enum (API model, 2026). */
const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
]

/** Maximum document size in characters, per type (aws-facts §1 "SCP limits"). */
function contentLimit(type: string): number {
  if (type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY') return 5120
  if (type === 'AISERVICES_OPT_OUT_POLICY') return 2500
  return 10_000
}

/** Policies attached per target, per type (aws-facts §1: 5). */
const MAX_ATTACHMENTS_PER_TYPE = 5
/** Policies per organization: the lowest published figure (aws-facts §1 lists 1,000 to 10,000). */
const MAX_POLICIES_PER_TYPE = 1000

export function policySummary(policy: Policy) {
  return {
    Id: policy.id,
    Arn: policy.arn,
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  }
}

function policyShape(policy: Policy) {
  return { PolicySummary: policySummary(policy), Content: policy.content }
}

function policyType(input: Record<string, unknown>, name: string): string {
  const type = requiredString(input, name)
  if (!POLICY_TYPES.includes(type))
    throw invalidInput('INVALID_ENUM', `You specified an invalid value for ${name}.`)
  return type
}

const policyNotFound = () =>
  new SandboxError(
    'PolicyNotFoundException',
    'We can’t find a policy with the PolicyId that you specified.',
    404,
  )
const targetNotFound = () =>
  new SandboxError(
    'TargetNotFoundException',
    'We can’t find a root, OU, account, or policy with the TargetId that you specified.',
    404,
  )

function findPolicy(world: World, input: Record<string, unknown>): Policy {
  const id = checkId(requiredString(input, 'PolicyId'), POLICY_ID, 'PolicyId')
  const policy = world.policies.get(id)
  if (!policy) throw policyNotFound()
  return policy
}

function findTarget(world: World, input: Record<string, unknown>): string {
  const id = checkId(requiredString(input, 'TargetId'), TARGET_ID, 'TargetId')
  if (id !== world.rootId && !world.ous.has(id) && !world.accounts.has(id)) throw targetNotFound()
  return id
}

function targetType(world: World, id: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' {
  if (id === world.rootId) return 'ROOT'
  return world.ous.has(id) ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT'
}

/** The size limit first, then the type's syntax (policy-content.ts). */
function checkContent(content: string, type: string): void {
  if (content.length > contentLimit(type)) {
    throw constraintViolation(
      'POLICY_CONTENT_LIMIT_EXCEEDED',
      'You attempted to create a policy larger than the maximum size.',
    )
  }
  checkPolicyDocument(content, type)
}

function ensureEnabledForAttach(world: World, type: string): void {
  if (world.pendingPolicyTypes.has(type)) world.consistency.note('policy-type-pending')
  if (!world.enabledPolicyTypes.has(type)) {
    throw new SandboxError(
      'PolicyTypeNotEnabledException',
      'This operation can be performed only for enabled policy types.',
      409,
    )
  }
}

const enablePolicyType: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const rootId = checkId(requiredString(input, 'RootId'), ROOT_ID, 'RootId')
  if (rootId !== world.rootId)
    throw new SandboxError(
      'RootNotFoundException',
      'We can’t find a root with the RootId that you specified.',
      404,
    )
  const type = policyType(input, 'PolicyType')
  // Enabling again while the first enable is still PENDING_ENABLE: the enable in flight is "another attempt
  // to modify the same entity" (README, "Eventual consistency": AWS's answer seen in the field).
  if (world.pendingPolicyTypes.has(type)) {
    throw new SandboxError(
      'ConcurrentModificationException',
      'AWS Organizations can’t complete your request because it conflicts with another attempt to modify the same entity. Try again later.',
      409,
    )
  }
  if (world.enabledPolicyTypes.has(type)) {
    throw new SandboxError(
      'PolicyTypeAlreadyEnabledException',
      'The specified policy type is already enabled.',
      409,
    )
  }
  // "An asynchronous request that AWS performs in the background": in eventual mode the type is
  // PENDING_ENABLE in ListRoots for a while, and attaching a policy of it is refused meanwhile.
  const pending = world.consistency.delay(EVENTUAL.policyTypePending)
  if (pending > 0) world.pendingPolicyTypes.set(type, world.clock.now() + pending)
  else world.enabledPolicyTypes.add(type)
  // Re-enabling SCPs resets every entity to FullAWSAccess only (aws-facts §1 "SCP semantics").
  const everywhere = () => new Set([world.rootId, ...world.ous.keys(), ...world.accounts.keys()])
  if (type === SCP) {
    const full = world.policies.get(FULL_AWS_ACCESS_ID)
    if (full) full.targets = everywhere()
  }
  // RCPFullAWSAccess is attached to the root, every OU and every account as RCPs are enabled (README).
  if (type === RCP) ensureRcpFullAwsAccess(world).targets = everywhere()
  return { Root: rootShape(world) }
}

const disablePolicyType: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const rootId = checkId(requiredString(input, 'RootId'), ROOT_ID, 'RootId')
  if (rootId !== world.rootId)
    throw new SandboxError(
      'RootNotFoundException',
      'We can’t find a root with the RootId that you specified.',
      404,
    )
  const type = policyType(input, 'PolicyType')
  if (!world.enabledPolicyTypes.has(type)) {
    throw new SandboxError(
      'PolicyTypeNotEnabledException',
      'This operation can be performed only for enabled policy types.',
      409,
    )
  }
  world.enabledPolicyTypes.delete(type)
  for (const policy of world.policies.values()) if (policy.type === type) policy.targets.clear()
  return { Root: rootShape(world) }
}

const listPolicies: Operation = (input, ctx) => {
  requireReader(ctx)
  const type = policyType(input, 'Filter')
  const policies = [...ctx.world.policies.values()].filter((p) => p.type === type)
  const page = paginate(ctx, input, policies, `ListPolicies:${type}`)
  return { Policies: page.items.map(policySummary), NextToken: page.nextToken }
}

const listPoliciesForTarget: Operation = (input, ctx) => {
  requireReader(ctx)
  const targetId = findTarget(ctx.world, input)
  const type = policyType(input, 'Filter')
  const policies = [...ctx.world.policies.values()].filter((p) => p.type === type && p.targets.has(targetId))
  const page = paginate(ctx, input, policies, `ListPoliciesForTarget:${targetId}:${type}`)
  return { Policies: page.items.map(policySummary), NextToken: page.nextToken }
}

function targetSummary(world: World, id: string) {
  const type = targetType(world, id)
  if (type === 'ROOT') return { TargetId: id, Arn: rootShape(world).Arn, Name: 'Root', Type: type }
  const entity = type === 'ACCOUNT' ? world.accounts.get(id) : world.ous.get(id)
  return { TargetId: id, Arn: entity?.arn, Name: entity?.name, Type: type }
}

const listTargetsForPolicy: Operation = (input, ctx) => {
  requireReader(ctx)
  const policy = findPolicy(ctx.world, input)
  const page = paginate(ctx, input, [...policy.targets], `ListTargetsForPolicy:${policy.id}`)
  return { Targets: page.items.map((id) => targetSummary(ctx.world, id)), NextToken: page.nextToken }
}

const describePolicy: Operation = (input, ctx) => {
  requireReader(ctx)
  return { Policy: policyShape(findPolicy(ctx.world, input)) }
}

function checkName(ctx: CallContext, name: string, type: string, exceptId?: string): void {
  if (name.length > 128)
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a value that is too long for Name.')
  const taken = [...ctx.world.policies.values()].some(
    (p) => p.type === type && p.name === name && p.id !== exceptId,
  )
  if (taken)
    throw new SandboxError('DuplicatePolicyException', 'A policy with the same name already exists.', 409)
}

const createPolicy: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const content = requiredString(input, 'Content')
  const description = requiredString(input, 'Description')
  const name = requiredString(input, 'Name')
  const type = policyType(input, 'Type')
  if (description.length > 512)
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a value that is too long for Description.')
  checkName(ctx, name, type)
  checkContent(content, type)
  if ([...world.policies.values()].filter((p) => p.type === type).length >= MAX_POLICIES_PER_TYPE) {
    throw constraintViolation(
      'POLICY_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the number of policies that you can have in an organization.',
    )
  }
  const id = `p-${newSuffix(world, 8)}`
  const policy: Policy = {
    id,
    arn: policyArn(world, id, type),
    name,
    description,
    type,
    content,
    awsManaged: false,
    tags: new Map(),
    targets: new Set(),
  }
  world.policies.set(id, policy)
  try {
    applyTags(world, id, input.Tags)
  } catch (error) {
    world.policies.delete(id)
    throw error
  }
  return { Policy: policyShape(policy) }
}

function refuseAwsManaged(policy: Policy): void {
  if (policy.awsManaged) {
    throw new SandboxError('AccessDeniedException', 'You can’t modify or delete an AWS managed policy.', 403)
  }
}

const updatePolicy: Operation = (input, ctx) => {
  requireManagement(ctx)
  const policy = findPolicy(ctx.world, input)
  refuseAwsManaged(policy)
  const name = optionalString(input, 'Name')
  const description = optionalString(input, 'Description')
  const content = optionalString(input, 'Content')
  if (name !== undefined) checkName(ctx, name, policy.type, policy.id)
  if (content !== undefined) checkContent(content, policy.type)
  if (description !== undefined && description.length > 512) {
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a value that is too long for Description.')
  }
  if (name !== undefined) policy.name = name
  if (description !== undefined) policy.description = description
  if (content !== undefined) policy.content = content
  return { Policy: policyShape(policy) }
}

const deletePolicy: Operation = (input, ctx) => {
  requireManagement(ctx)
  const policy = findPolicy(ctx.world, input)
  refuseAwsManaged(policy)
  if (policy.targets.size > 0) {
    throw new SandboxError(
      'PolicyInUseException',
      'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
      409,
    )
  }
  ctx.world.policies.delete(policy.id)
  return {}
}

const attachPolicy: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const policy = findPolicy(world, input)
  const targetId = findTarget(world, input)
  ensureEnabledForAttach(world, policy.type)
  if (policy.targets.has(targetId)) {
    throw new SandboxError(
      'DuplicatePolicyAttachmentException',
      'The selected policy is already attached to the specified target.',
      409,
    )
  }
  const attached = [...world.policies.values()].filter(
    (p) => p.type === policy.type && p.targets.has(targetId),
  ).length
  if (attached >= MAX_ATTACHMENTS_PER_TYPE) {
    throw constraintViolation(
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      'You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.',
    )
  }
  policy.targets.add(targetId)
  return {}
}

export function detachPolicyFrom(world: World, policy: Policy, targetId: string): void {
  if (!policy.targets.has(targetId)) {
    throw new SandboxError(
      'PolicyNotAttachedException',
      'The policy isn’t attached to the specified target in the specified root.',
      409,
    )
  }
  const remaining = [...world.policies.values()].filter(
    (p) => p.type === policy.type && p.targets.has(targetId),
  ).length
  // Every entity must keep at least one SCP (aws-facts §1); RCPFullAWSAccess "cannot [be] detach[ed]"
  // (user guide, "RCP syntax"; the error is crafted as the same minimum-attachment violation).
  if ((policy.type === SCP && remaining <= 1) || policy.id === RCP_FULL_AWS_ACCESS_ID) {
    throw constraintViolation(
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.',
    )
  }
  policy.targets.delete(targetId)
}

const detachPolicy: Operation = (input, ctx) => {
  requireManagement(ctx)
  const policy = findPolicy(ctx.world, input)
  const targetId = findTarget(ctx.world, input)
  ensureEnabledForAttach(ctx.world, policy.type)
  detachPolicyFrom(ctx.world, policy, targetId)
  return {}
}

export const policyOperations: Record<string, Operation> = {
  EnablePolicyType: enablePolicyType,
  DisablePolicyType: disablePolicyType,
  ListPolicies: listPolicies,
  ListPoliciesForTarget: listPoliciesForTarget,
  ListTargetsForPolicy: listTargetsForPolicy,
  DescribePolicy: describePolicy,
  CreatePolicy: createPolicy,
  UpdatePolicy: updatePolicy,
  DeletePolicy: deletePolicy,
  AttachPolicy: attachPolicy,
  DetachPolicy: detachPolicy,
}

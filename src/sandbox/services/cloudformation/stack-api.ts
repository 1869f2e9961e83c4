// Stack operations (awsQuery handlers): CreateStack, UpdateStack, DeleteStack, DescribeStacks, ListStacks,
// DescribeStackEvents, ListStackResources, DescribeStackResources, GetTemplate, ValidateTemplate.
import { callerActor, type StackActor } from '../../authz/resource-authorization.ts'
import { SandboxError } from '../../errors.ts'
import type { CallContext, Operation } from '../service.ts'
import { sessions } from '../sts.ts'
import { bool, enumValue, parameters, requiredStr, str, strList, tags, validationError } from './input.ts'
import { page } from './paging.ts'
import { remember, replay } from './request-tokens.ts'
import { createStack, deleteStack, updateStack } from './stack-engine.ts'
import { isDeleted, isInProgress, type Stack, statusAt } from './stack-model.ts'
import { findStack, getStack, registerStack, stacksIn } from './stack-store.ts'
import { cfnState } from './state.ts'
import { checkTemplate } from './template-check.ts'
import { isNoEcho } from './template-parameters.ts'
import { parseTemplateBody, requiredCapabilities } from './template-parse.ts'
import { validateTemplate } from './template-validate/index.ts'

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/

function checkStackName(name: string): void {
  if (!STACK_NAME.test(name) || name.length > 128) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*',
    )
  }
}

/**
 * Without a service role (the sandbox has no RoleARN), CloudFormation makes the resource calls with the
 * caller's own credentials (CloudFormation user guide, "CloudFormation service role": "If you don't specify a
 * service role, CloudFormation uses a temporary session that it generates from your user credentials").
 */
function actorOf(ctx: CallContext): StackActor | undefined {
  const session = sessions(ctx.world).get(ctx.accessKeyId)
  return session ? callerActor(session) : undefined
}

function templateUrlUnsupported(input: Record<string, unknown>): void {
  if (str(input, 'TemplateURL')) {
    throw validationError('TemplateURL is not supported by the sandbox (no S3); pass TemplateBody')
  }
}

export const createStackOp: Operation = (input, ctx) => {
  const name = requiredStr(input, 'StackName')
  checkStackName(name)
  templateUrlUnsupported(input)
  const now = ctx.world.clock.now()
  const token = str(input, 'ClientRequestToken')
  const repeated = replay(ctx.world, ctx, 'CreateStack', token, name)
  if (repeated) return repeated
  if (findStack(ctx.world, ctx.account, ctx.region, name)) {
    throw new SandboxError('AlreadyExistsException', `Stack [${name}] already exists`, 400)
  }
  const capabilities = strList(input, 'Capabilities')
  const body = str(input, 'TemplateBody')
  const checked = checkTemplate(body, parameters(input.Parameters), capabilities)
  const onFailure = enumValue(
    str(input, 'OnFailure'),
    ['DO_NOTHING', 'ROLLBACK', 'DELETE'] as const,
    'onFailure',
  )
  const disableRollback = bool(input.DisableRollback)
  if (onFailure !== undefined && disableRollback !== undefined) {
    throw validationError('You cannot specify both DisableRollback and OnFailure.')
  }
  const stack = createStack({
    world: ctx.world,
    account: ctx.account,
    region: ctx.region,
    name,
    templateBody: body ?? '',
    template: checked.template,
    parameters: checked.parameters,
    tags: tags(input.Tags),
    capabilities,
    at: now,
    durationMs: cfnState(ctx.world).durations.stackMs,
    ...(disableRollback !== undefined ? { disableRollback } : {}),
    ...(onFailure ? { onFailure } : {}),
    actor: actorOf(ctx),
  })
  registerStack(ctx.world, stack)
  remember(ctx.world, ctx, 'CreateStack', token, stack)
  return { StackId: stack.stackId }
}

export const updateStackOp: Operation = (input, ctx) => {
  const name = requiredStr(input, 'StackName')
  templateUrlUnsupported(input)
  const token = str(input, 'ClientRequestToken')
  const repeated = replay(ctx.world, ctx, 'UpdateStack', token, name)
  if (repeated) return repeated
  const stack = getStack(ctx.world, ctx.account, ctx.region, name)
  const now = ctx.world.clock.now()
  checkUpdatable(stack, now)
  const usePrevious = bool(input.UsePreviousTemplate) ?? false
  const body = usePrevious ? stack.templateBody : str(input, 'TemplateBody')
  if (usePrevious && str(input, 'TemplateBody')) {
    throw validationError('You cannot specify both usePreviousTemplate and Template Body')
  }
  const capabilities = input.Capabilities === undefined ? stack.capabilities : strList(input, 'Capabilities')
  const checked = checkTemplate(body, parameters(input.Parameters), capabilities, stack.parameters.values)
  const newTags = input.Tags === undefined ? stack.tags : tags(input.Tags)
  const unchanged =
    body === stack.templateBody &&
    JSON.stringify(checked.parameters.values) === JSON.stringify(stack.parameters.values) &&
    JSON.stringify(newTags) === JSON.stringify(stack.tags)
  if (unchanged) throw validationError('No updates are to be performed.')
  updateStack(stack, {
    world: ctx.world,
    templateBody: body ?? '',
    template: checked.template,
    parameters: checked.parameters,
    tags: newTags,
    capabilities,
    at: now,
    durationMs: cfnState(ctx.world).durations.stackMs,
    actor: actorOf(ctx),
  })
  remember(ctx.world, ctx, 'UpdateStack', token, stack)
  return { StackId: stack.stackId }
}

function checkUpdatable(stack: Stack, now: number): void {
  const status = statusAt(stack, now).status
  const ok = [
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE',
  ]
  if (!ok.includes(status)) {
    throw validationError(`Stack:${stack.stackId} is in ${status} state and can not be updated.`)
  }
}

export const deleteStackOp: Operation = (input, ctx) => {
  const name = requiredStr(input, 'StackName')
  const token = str(input, 'ClientRequestToken')
  if (replay(ctx.world, ctx, 'DeleteStack', token, name)) return {}
  const stack = findStack(ctx.world, ctx.account, ctx.region, name)
  const now = ctx.world.clock.now()
  // Deleting a stack that does not exist succeeds silently, as in AWS.
  if (!stack || isDeleted(stack, now)) return {}
  const status = statusAt(stack, now).status
  if (status === 'DELETE_IN_PROGRESS') return {}
  if (isInProgress(stack, now)) {
    throw validationError(`Stack [${stack.name}] cannot be deleted while in status ${status}`)
  }
  if (stack.stackSetId) {
    // Deleting a stack set's stack directly is allowed in AWS; the instance then fails on its next operation.
  }
  const retain = strList(input, 'RetainResources')
  if (retain.length > 0 && status !== 'DELETE_FAILED') {
    throw validationError(
      'Invalid operation on stack with status ' +
        status +
        '. RetainResources can only be specified when the stack is in DELETE_FAILED state',
    )
  }
  const actor = actorOf(ctx)
  if (actor) stack.actor = actor
  deleteStack(ctx.world, stack, now, cfnState(ctx.world).durations.stackMs, retain)
  remember(ctx.world, ctx, 'DeleteStack', token, stack)
  return {}
}

export function describeStack(stack: Stack, now: number): Record<string, unknown> {
  const status = statusAt(stack, now)
  return {
    StackId: stack.stackId,
    StackName: stack.name,
    ...(stack.template.Description ? { Description: stack.template.Description } : {}),
    Parameters: Object.entries(stack.parameters.values).map(([key, value]) => ({
      ParameterKey: key,
      ParameterValue: isNoEcho(stack.template, key) ? '****' : value,
    })),
    CreationTime: new Date(stack.createdAt),
    ...(stack.updatedAt !== undefined && stack.updatedAt <= now
      ? { LastUpdatedTime: new Date(stack.updatedAt) }
      : {}),
    ...(stack.deletedAt !== undefined && stack.deletedAt <= now
      ? { DeletionTime: new Date(stack.deletedAt) }
      : {}),
    StackStatus: status.status,
    ...(status.reason ? { StackStatusReason: status.reason } : {}),
    DisableRollback: stack.disableRollback,
    NotificationARNs: [],
    Capabilities: stack.capabilities,
    ...(statusAt(stack, now).status.endsWith('_COMPLETE') && stack.outputs.length > 0
      ? { Outputs: stack.outputs }
      : {}),
    Tags: stack.tags,
    EnableTerminationProtection: false,
    DriftInformation: {
      StackDriftStatus: stack.drift?.status ?? 'NOT_CHECKED',
      ...(stack.drift ? { LastCheckTimestamp: new Date(stack.drift.checkedAt) } : {}),
    },
  }
}

export const describeStacksOp: Operation = (input, ctx) => {
  const now = ctx.world.clock.now()
  const name = str(input, 'StackName')
  if (name) return { Stacks: [describeStack(getStack(ctx.world, ctx.account, ctx.region, name), now)] }
  const live = stacksIn(ctx.world, ctx.account, ctx.region).filter((s) => !isDeleted(s, now))
  const { items, nextToken } = page(live, input, ctx, 'DescribeStacks', 100, undefined)
  return { Stacks: items.map((s) => describeStack(s, now)), ...(nextToken ? { NextToken: nextToken } : {}) }
}

export const listStacksOp: Operation = (input, ctx) => {
  const now = ctx.world.clock.now()
  const filter = strList(input, 'StackStatusFilter')
  const all = stacksIn(ctx.world, ctx.account, ctx.region).filter(
    (s) => filter.length === 0 || filter.includes(statusAt(s, now).status),
  )
  const { items, nextToken } = page(all, input, ctx, 'ListStacks', 100, undefined)
  return {
    StackSummaries: items.map((s) => {
      const status = statusAt(s, now)
      return {
        StackId: s.stackId,
        StackName: s.name,
        ...(s.template.Description ? { TemplateDescription: s.template.Description } : {}),
        CreationTime: new Date(s.createdAt),
        ...(s.deletedAt !== undefined && s.deletedAt <= now ? { DeletionTime: new Date(s.deletedAt) } : {}),
        StackStatus: status.status,
        ...(status.reason ? { StackStatusReason: status.reason } : {}),
        DriftInformation: { StackDriftStatus: s.drift?.status ?? 'NOT_CHECKED' },
      }
    }),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

export const describeStackEventsOp: Operation = (input, ctx) => {
  const stack = getStack(ctx.world, ctx.account, ctx.region, requiredStr(input, 'StackName'))
  const now = ctx.world.clock.now()
  const events = stack.events.filter((e) => e.at <= now).reverse()
  const { items, nextToken } = page(events, input, ctx, `Events:${stack.stackId}`, 100, undefined)
  return {
    StackEvents: items.map((e) => ({
      StackId: stack.stackId,
      // AWS's resource event ids read `<LogicalId>-<STATUS>-<timestamp>`; the stack's own events use this form too here.
      EventId: `${e.logicalId}-${e.status}-${new Date(e.at).toISOString()}`,
      StackName: stack.name,
      LogicalResourceId: e.logicalId,
      PhysicalResourceId: e.physicalId,
      ResourceType: e.type,
      Timestamp: new Date(e.at),
      ResourceStatus: e.status,
      ...(e.reason ? { ResourceStatusReason: e.reason } : {}),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

/** Resources as of now: while a create is in progress only those whose events have happened show. */
function visibleResources(stack: Stack, now: number) {
  return [...stack.resources.values()].filter((r) => r.updatedAt <= now || !isInProgress(stack, now))
}

export const listStackResourcesOp: Operation = (input, ctx) => {
  const stack = getStack(ctx.world, ctx.account, ctx.region, requiredStr(input, 'StackName'))
  const now = ctx.world.clock.now()
  const { items, nextToken } = page(
    visibleResources(stack, now),
    input,
    ctx,
    `Resources:${stack.stackId}`,
    100,
    undefined,
  )
  return {
    StackResourceSummaries: items.map((r) => ({
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      LastUpdatedTimestamp: new Date(r.updatedAt),
      ResourceStatus: r.status,
      DriftInformation: resourceDrift(stack, r.logicalId),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}

function resourceDrift(stack: Stack, logicalId: string): Record<string, unknown> {
  const last = stack.detections.at(-1)
  const result = last?.results.find((d) => d.logicalId === logicalId)
  return result
    ? { StackResourceDriftStatus: result.status, LastCheckTimestamp: new Date(result.at) }
    : { StackResourceDriftStatus: 'NOT_CHECKED' }
}

export const describeStackResourcesOp: Operation = (input, ctx) => {
  const name = str(input, 'StackName')
  if (!name) throw validationError('StackName must be specified')
  const stack = getStack(ctx.world, ctx.account, ctx.region, name)
  const now = ctx.world.clock.now()
  const logicalId = str(input, 'LogicalResourceId')
  return {
    StackResources: visibleResources(stack, now)
      .filter((r) => !logicalId || r.logicalId === logicalId)
      .map((r) => ({
        StackName: stack.name,
        StackId: stack.stackId,
        LogicalResourceId: r.logicalId,
        PhysicalResourceId: r.physicalId,
        ResourceType: r.type,
        Timestamp: new Date(r.updatedAt),
        ResourceStatus: r.status,
      })),
  }
}

export const getTemplateOp: Operation = (input, ctx) => {
  const stack = getStack(ctx.world, ctx.account, ctx.region, requiredStr(input, 'StackName'))
  return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] }
}

// ValidateTemplate runs the same template validation as CreateStack (no parameter values, no capability
// check: it reports the capabilities instead). Output members from the API reference: Parameters,
// Description, Capabilities, CapabilitiesReason, DeclaredTransforms.
export const validateTemplateOp: Operation = (input, _ctx: CallContext) => {
  templateUrlUnsupported(input)
  const body = str(input, 'TemplateBody')
  if (!body) throw validationError('Either Template URL or Template Body must be specified.')
  const template = parseTemplateBody(body)
  validateTemplate(template)
  const capabilities = requiredCapabilities(template)
  const iamTypes = [...new Set(Object.values(template.Resources).map((r) => r.Type))].filter((t) =>
    t.startsWith('AWS::IAM::'),
  )
  const transforms = declaredTransforms(template)
  return {
    Parameters: Object.entries(template.Parameters).map(([key, decl]) => ({
      ParameterKey: key,
      ...(decl.Default !== undefined ? { DefaultValue: String(decl.Default) } : {}),
      NoEcho: decl.NoEcho === true || decl.NoEcho === 'true',
      ...(decl.Description ? { Description: decl.Description } : {}),
    })),
    ...(template.Description ? { Description: template.Description } : {}),
    Capabilities: capabilities,
    ...(iamTypes.length > 0
      ? { CapabilitiesReason: `The following resource(s) require capabilities: [${iamTypes.join(', ')}]` }
      : {}),
    ...(transforms.length > 0 ? { DeclaredTransforms: transforms } : {}),
  }
}

function declaredTransforms(template: { Transform?: unknown }): string[] {
  const t = template.Transform
  if (t === undefined) return []
  const list = Array.isArray(t) ? t : [t]
  return list.map((x) => (typeof x === 'string' ? x : String((x as { Name?: unknown })?.Name ?? '')))
}

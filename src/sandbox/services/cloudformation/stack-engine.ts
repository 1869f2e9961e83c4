// The stack engine: creates, updates and deletes a stack's resources in dependency order through the
// resource providers (other services' real state), records events, and lays the status out on the
// simulated timeline. A provider's SandboxError fails the resource and rolls the stack back, as AWS does.
import { randomUUID } from 'node:crypto'
import { authorizeResourceChange, type StackActor } from '../../authz/resource-authorization.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { flat, genericAttributes, genericPhysicalId } from './generic-resources.ts'
import {
  type EvalScope,
  evaluate,
  evaluateConditions,
  NO_VALUE,
  type ResolvedResource,
} from './intrinsics.ts'
import { type ResourceContext, resourceProvider } from './resource-providers.ts'
import { type EventClock, eventClock, finish, pushEvent } from './stack-events.ts'
import type { Stack, StackResource } from './stack-model.ts'
import { creationOrder } from './template-graph.ts'
import type { BoundParameters } from './template-parameters.ts'
import type { Template } from './template-parse.ts'

export interface StackSpec {
  templateBody: string
  template: Template
  parameters: BoundParameters
  tags: { Key: string; Value: string }[]
  capabilities: string[]
}

export interface CreateStackArgs extends StackSpec {
  world: World
  account: string
  region: string
  name: string
  /** Simulated start time and how long the stack takes to settle. */
  at: number
  durationMs: number
  disableRollback?: boolean
  onFailure?: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING'
  stackSetId?: string
  /** The principal CloudFormation acts as (authz/resource-authorization.ts); undefined = not authorized. */
  actor?: StackActor
}

/** Builds a stack and creates its resources. Returns the stack (its final status may be a failure). */
export function createStack(args: CreateStackArgs): Stack {
  const stack: Stack = {
    stackId: flat(
      'arn:aws:cloudformation:',
      args.region,
      ':',
      args.account,
      ':stack/',
      args.name,
      '/',
      randomUUID(),
    ),
    name: args.name,
    account: args.account,
    region: args.region,
    createdAt: args.at,
    transitions: [{ at: args.at, status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' }],
    templateBody: args.templateBody,
    template: args.template,
    parameters: args.parameters,
    tags: args.tags,
    capabilities: args.capabilities,
    disableRollback: args.disableRollback ?? false,
    outputs: [],
    resources: new Map(),
    events: [],
    detections: [],
    stackSetId: args.stackSetId,
    ...(args.actor ? { actor: args.actor } : {}),
  }
  const clock = eventClock(args.at, args.durationMs)
  pushEvent(
    stack,
    clock.next(),
    stack.name,
    stack.stackId,
    'AWS::CloudFormation::Stack',
    'CREATE_IN_PROGRESS',
    'User Initiated',
  )
  const failure = applyResources(
    args.world,
    stack,
    args.template,
    args.parameters,
    new Map(),
    clock,
    'CREATE',
  )
  const end = args.at + args.durationMs
  if (!failure) {
    stack.outputs = evaluateOutputs(stack, args.template, args.parameters)
    finish(stack, end, 'CREATE_COMPLETE')
    return stack
  }
  const onFailure = args.disableRollback ? 'DO_NOTHING' : (args.onFailure ?? 'ROLLBACK')
  if (onFailure === 'DO_NOTHING') {
    finish(stack, end, 'CREATE_FAILED', failure)
    return stack
  }
  const reason = `The following resource(s) failed to create: [${failure.logicalIds.join(', ')}]. Rollback requested by user.`
  const rollbackAt = clock.next()
  stack.transitions.push({ at: rollbackAt, status: 'ROLLBACK_IN_PROGRESS', reason })
  pushEvent(
    stack,
    rollbackAt,
    stack.name,
    stack.stackId,
    'AWS::CloudFormation::Stack',
    'ROLLBACK_IN_PROGRESS',
    reason,
  )
  deleteResources(args.world, stack, clock)
  if (onFailure === 'DELETE') {
    finish(stack, end, 'DELETE_COMPLETE')
    stack.deletedAt = end
  } else finish(stack, end, 'ROLLBACK_COMPLETE')
  return stack
}

export interface UpdateStackArgs extends StackSpec {
  world: World
  at: number
  durationMs: number
  /** Who updates the stack, when that changes who CloudFormation acts as (a plain stack's updater). */
  actor?: StackActor
}

/** Applies a new template / parameters / tags: creates, updates and removes resources. */
export function updateStack(stack: Stack, args: UpdateStackArgs): void {
  if (args.actor) stack.actor = args.actor
  const clock = eventClock(args.at, args.durationMs)
  stack.transitions.push({ at: args.at, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' })
  pushEvent(
    stack,
    clock.next(),
    stack.name,
    stack.stackId,
    'AWS::CloudFormation::Stack',
    'UPDATE_IN_PROGRESS',
    'User Initiated',
  )
  const previous = {
    templateBody: stack.templateBody,
    template: stack.template,
    parameters: stack.parameters,
    tags: stack.tags,
    capabilities: stack.capabilities,
  }
  const before = new Map(stack.resources)
  const active = new Set<string>()
  const failure = applyResources(
    args.world,
    stack,
    args.template,
    args.parameters,
    before,
    clock,
    'UPDATE',
    active,
  )
  const end = args.at + args.durationMs
  stack.updatedAt = args.at
  if (!failure) {
    // Resources no longer in the template are removed in the cleanup phase.
    const cleanupAt = clock.next()
    stack.transitions.push({ at: cleanupAt, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' })
    for (const [logicalId, resource] of before) {
      if (active.has(logicalId)) continue
      deleteOne(args.world, stack, resource, clock)
      stack.resources.delete(logicalId)
    }
    Object.assign(stack, {
      templateBody: args.templateBody,
      template: args.template,
      parameters: args.parameters,
    })
    stack.tags = args.tags
    stack.capabilities = args.capabilities
    stack.outputs = evaluateOutputs(stack, args.template, args.parameters)
    finish(stack, end, 'UPDATE_COMPLETE')
    return
  }
  const reason = `The following resource(s) failed to update: [${failure.logicalIds.join(', ')}]. `
  const rollbackAt = clock.next()
  stack.transitions.push({ at: rollbackAt, status: 'UPDATE_ROLLBACK_IN_PROGRESS', reason })
  pushEvent(
    stack,
    rollbackAt,
    stack.name,
    stack.stackId,
    'AWS::CloudFormation::Stack',
    'UPDATE_ROLLBACK_IN_PROGRESS',
    reason,
  )
  // Best effort: remove what this update created, restore what it changed.
  for (const [logicalId, resource] of stack.resources) {
    const old = before.get(logicalId)
    if (old === resource) continue
    if (!old) {
      deleteOne(args.world, stack, resource, clock)
      stack.resources.delete(logicalId)
    } else {
      const provider = resourceProvider(old.type)
      if (provider?.update && old.physicalId === resource.physicalId) {
        try {
          provider.update(old.physicalId, old.expected, context(args.world, stack, logicalId))
        } catch {
          // a failed rollback of one resource leaves it as it is, like UPDATE_ROLLBACK_FAILED would
        }
      }
      stack.resources.set(logicalId, old)
    }
  }
  Object.assign(stack, previous)
  finish(stack, end, 'UPDATE_ROLLBACK_COMPLETE')
}

/** Deletes the stack's resources (in reverse dependency order) and marks it DELETE_COMPLETE. */
export function deleteStack(
  world: World,
  stack: Stack,
  at: number,
  durationMs: number,
  retain: string[] = [],
): void {
  const clock = eventClock(at, durationMs)
  stack.transitions.push({ at, status: 'DELETE_IN_PROGRESS', reason: 'User Initiated' })
  pushEvent(
    stack,
    clock.next(),
    stack.name,
    stack.stackId,
    'AWS::CloudFormation::Stack',
    'DELETE_IN_PROGRESS',
    'User Initiated',
  )
  const failed = deleteResources(world, stack, clock, new Set(retain))
  if (failed.length > 0) {
    // AWS: "The following resource(s) failed to delete: [X]. " — the stack stays, DELETE_FAILED.
    finish(stack, at + durationMs, 'DELETE_FAILED', {
      reason: `The following resource(s) failed to delete: [${failed.join(', ')}]. `,
    })
    return
  }
  finish(stack, at + durationMs, 'DELETE_COMPLETE')
  stack.deletedAt = at + durationMs
}

interface Failure {
  logicalIds: string[]
  reason: string
}

function applyResources(
  world: World,
  stack: Stack,
  template: Template,
  parameters: BoundParameters,
  existing: Map<string, StackResource>,
  clock: EventClock,
  mode: 'CREATE' | 'UPDATE',
  active = new Set<string>(),
): Failure | undefined {
  const scope = evalScope(stack, template, parameters)
  for (const logicalId of creationOrder(template)) {
    const decl = template.Resources[logicalId]
    if (!decl) continue
    if (decl.Condition !== undefined && !scope.conditions.get(decl.Condition)) continue
    active.add(logicalId)
    const props = evaluate(decl.Properties ?? {}, scope)
    const expected = (props === NO_VALUE ? {} : props) as Record<string, unknown>
    const old = existing.get(logicalId)
    const ctx = context(world, stack, logicalId)
    const provider = resourceProvider(decl.Type)
    try {
      if (old && old.type === decl.Type) {
        if (JSON.stringify(old.expected) === JSON.stringify(expected)) {
          scope.resources.set(logicalId, { physicalId: old.physicalId, attributes: old.attributes })
          continue
        }
        pushEvent(stack, clock.next(), logicalId, old.physicalId, decl.Type, 'UPDATE_IN_PROGRESS')
        authorize(world, stack, decl.Type, 'update', expected, old.physicalId)
        let attributes = old.attributes
        let physicalId = old.physicalId
        if (provider?.update) {
          const result = provider.update(old.physicalId, expected, ctx)
          if (result?.attributes) attributes = { ...attributes, ...result.attributes }
        } else if (provider) {
          // No in-place update: CloudFormation replaces the resource.
          const created = provider.create(expected, ctx)
          provider.delete(old.physicalId, ctx)
          physicalId = created.physicalId
          attributes = created.attributes ?? {}
        }
        const updated: StackResource = {
          ...old,
          physicalId,
          attributes,
          expected,
          status: 'UPDATE_COMPLETE',
          updatedAt: clock.current(),
        }
        updated.manualDrift = undefined
        stack.resources.set(logicalId, updated)
        scope.resources.set(logicalId, { physicalId, attributes })
        pushEvent(stack, clock.next(), logicalId, physicalId, decl.Type, 'UPDATE_COMPLETE')
        continue
      }
      pushEvent(stack, clock.next(), logicalId, '', decl.Type, 'CREATE_IN_PROGRESS')
      authorize(world, stack, decl.Type, 'create', expected)
      let resolved: ResolvedResource
      if (provider) {
        const created = provider.create(expected, ctx)
        resolved = { physicalId: created.physicalId, attributes: created.attributes ?? {} }
      } else {
        const generated = genericPhysicalId(decl.Type, expected, stack.name, logicalId)
        const generic = genericAttributes(decl.Type, generated, stack.account, stack.region)
        resolved = { physicalId: generic.ref, attributes: generic.attributes }
      }
      if (old) {
        // The type changed: the old resource goes in cleanup.
        deleteOne(world, stack, old, clock)
      }
      stack.resources.set(logicalId, {
        logicalId,
        type: decl.Type,
        physicalId: resolved.physicalId,
        attributes: resolved.attributes,
        expected,
        status: 'CREATE_COMPLETE',
        updatedAt: clock.current(),
      })
      scope.resources.set(logicalId, resolved)
      pushEvent(stack, clock.next(), logicalId, resolved.physicalId, decl.Type, 'CREATE_COMPLETE')
    } catch (error) {
      if (!(error instanceof SandboxError) && !(error instanceof Error)) throw error
      const reason =
        error instanceof SandboxError
          ? `${error.message} (Service: ${serviceOf(decl.Type)}, Status Code: ${error.status}, Error Code: ${error.code})`
          : error.message
      const status = `${mode}_FAILED`
      pushEvent(stack, clock.next(), logicalId, old?.physicalId ?? '', decl.Type, status, reason)
      return { logicalIds: [logicalId], reason }
    }
  }
  return undefined
}

/** Throws the service's AccessDenied when the stack's principal may not make this change. */
function authorize(
  world: World,
  stack: Stack,
  type: string,
  mode: 'create' | 'update' | 'delete',
  props: Record<string, unknown>,
  physicalId?: string,
): void {
  const denied = authorizeResourceChange(world, stack.actor, type, mode, {
    account: stack.account,
    region: stack.region,
    props,
    ...(physicalId ? { physicalId } : {}),
  })
  if (denied) throw denied
}

function serviceOf(type: string): string {
  return type.split('::')[1] ?? 'Unknown'
}

function deleteResources(
  world: World,
  stack: Stack,
  clock: EventClock,
  retain = new Set<string>(),
): string[] {
  const failed: string[] = []
  const order = [...stack.resources.keys()].reverse()
  for (const logicalId of order) {
    const resource = stack.resources.get(logicalId)
    if (!resource) continue
    if (retain.has(logicalId) || stack.template.Resources[logicalId]?.DeletionPolicy === 'Retain') {
      pushEvent(stack, clock.next(), logicalId, resource.physicalId, resource.type, 'DELETE_SKIPPED')
    } else if (!deleteOne(world, stack, resource, clock)) {
      failed.push(logicalId)
      continue
    }
    stack.resources.delete(logicalId)
  }
  return failed
}

/** Deletes one resource; false when the stack's principal may not (the resource stays, DELETE_FAILED). */
function deleteOne(world: World, stack: Stack, resource: StackResource, clock: EventClock): boolean {
  pushEvent(stack, clock.next(), resource.logicalId, resource.physicalId, resource.type, 'DELETE_IN_PROGRESS')
  const provider = resourceProvider(resource.type)
  try {
    authorize(world, stack, resource.type, 'delete', resource.expected, resource.physicalId)
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error
    const reason = `${error.message} (Service: ${serviceOf(resource.type)}, Status Code: ${error.status}, Error Code: ${error.code})`
    pushEvent(
      stack,
      clock.next(),
      resource.logicalId,
      resource.physicalId,
      resource.type,
      'DELETE_FAILED',
      reason,
    )
    return false
  }
  try {
    if (provider && !resource.manualDrift?.deleted)
      provider.delete(resource.physicalId, context(world, stack, resource.logicalId))
  } catch {
    // Already gone (deleted out of band): CloudFormation treats a missing resource as deleted.
  }
  pushEvent(stack, clock.next(), resource.logicalId, resource.physicalId, resource.type, 'DELETE_COMPLETE')
  return true
}

export function context(world: World, stack: Stack, logicalId: string): ResourceContext {
  return { world, account: stack.account, region: stack.region, stackName: stack.name, logicalId }
}

function evalScope(stack: Stack, template: Template, parameters: BoundParameters): EvalScope {
  const scope: EvalScope = {
    template,
    parameters: parameters.typed,
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    stackId: stack.stackId,
    resources: new Map(),
    conditions: new Map(),
  }
  evaluateConditions(scope)
  return scope
}

function evaluateOutputs(stack: Stack, template: Template, parameters: BoundParameters): Stack['outputs'] {
  const scope = evalScope(stack, template, parameters)
  for (const r of stack.resources.values())
    scope.resources.set(r.logicalId, { physicalId: r.physicalId, attributes: r.attributes })
  const outputs: Stack['outputs'] = []
  for (const [key, decl] of Object.entries(template.Outputs)) {
    if (decl.Condition !== undefined && !scope.conditions.get(decl.Condition)) continue
    let value: unknown
    try {
      value = evaluate(decl.Value, scope)
    } catch {
      continue // an output that cannot be resolved is left out rather than failing a created stack
    }
    outputs.push({
      OutputKey: key,
      OutputValue: Array.isArray(value) ? value.join(',') : String(value),
      ...(decl.Description ? { Description: decl.Description } : {}),
    })
  }
  return outputs
}

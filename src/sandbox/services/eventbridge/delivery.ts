// Events on a default bus, matched against its enabled rules and delivered to their targets (EventBridge
// user guide, "Events" and "Targets"). SNS targets are delivered through the topic's policy
// (EventBridge user guide, "Permissions for Amazon SNS": the topic policy must allow events.amazonaws.com
// sns:Publish, conditioned on aws:SourceArn = the rule when it says so; an encrypted topic's key must let
// EventBridge use it). A delivery AWS refuses is a failed invocation (the rule's FailedInvocations metric),
// not a publish. Other target types are recorded as not modelled.
import { randomUUID } from 'node:crypto'
import type { World } from '../../state.ts'
import { publishAsService } from '../sns-publish.ts'
import { transformInput } from './input-transformer.ts'
import { matchesPattern } from './pattern-match.ts'
import { defaultBus, type Rule, type Target } from './rules.ts'

export const EVENTS_SERVICE = 'events.amazonaws.com'

export interface EventEntry {
  source: string
  detailType: string
  detail: Record<string, unknown>
  resources?: string[]
  time?: Date
}

export interface Invocation {
  at: string
  eventId: string
  ruleArn: string
  targetId: string
  targetArn: string
  outcome: 'delivered' | 'failed' | 'not-modelled'
  reason?: string
}

export function invocations(world: World): Invocation[] {
  return world.slice('eventbridge-invocations', () => [] as Invocation[])
}

/** The event as EventBridge hands it to targets (the envelope of every event). */
function envelope(world: World, account: string, region: string, id: string, entry: EventEntry) {
  return {
    version: '0',
    id,
    'detail-type': entry.detailType,
    source: entry.source,
    account,
    time: (entry.time ?? world.clock.date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: entry.resources ?? [],
    detail: entry.detail,
  }
}

function parsePattern(rule: Rule): unknown {
  try {
    return rule.eventPattern ? JSON.parse(rule.eventPattern) : undefined
  } catch {
    return undefined
  }
}

/** What a target receives: its constant Input, its InputTransformer's text, or the whole event (InputPath is not modelled). */
function payload(target: Target, event: unknown): string {
  if (typeof target.Input === 'string') return target.Input
  const transformer = target.InputTransformer as
    | { InputPathsMap?: Record<string, string>; InputTemplate: string }
    | undefined
  if (transformer && typeof transformer.InputTemplate === 'string') return transformInput(transformer, event)
  return JSON.stringify(event)
}

function invoke(
  world: World,
  account: string,
  rule: Rule,
  target: Target,
  event: { id: string },
): Invocation {
  const base = {
    at: world.clock.date().toISOString(),
    eventId: event.id,
    ruleArn: rule.arn,
    targetId: target.Id,
    targetArn: target.Arn,
  }
  if (!target.Arn.startsWith('arn:aws:sns:')) return { ...base, outcome: 'not-modelled' }
  const outcome = publishAsService(
    world,
    target.Arn,
    EVENTS_SERVICE,
    { arn: rule.arn, account },
    payload(target, event),
  )
  return outcome.published
    ? { ...base, outcome: 'delivered' }
    : { ...base, outcome: 'failed', reason: outcome.reason }
}

/** Puts one event on the default bus of `account` / `region`; returns its id and what each matching target got. */
export function putEvent(
  world: World,
  account: string,
  region: string,
  entry: EventEntry,
): { eventId: string; invocations: Invocation[] } {
  const eventId = randomUUID()
  const event = envelope(world, account, region, eventId, entry)
  const done: Invocation[] = []
  for (const rule of defaultBus(world, account, region).rules.values()) {
    if (rule.state === 'DISABLED' || !matchesPattern(parsePattern(rule), event)) continue
    for (const target of rule.targets.values()) done.push(invoke(world, account, rule, target, event))
  }
  invocations(world).push(...done)
  return { eventId, invocations: done }
}

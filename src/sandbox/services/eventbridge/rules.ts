// EventBridge rules and their targets on each account and region's default event bus. A rule with targets
// cannot be deleted; a rule holds at most 5 targets; PutTargets takes 1–10 at a time (EventBridge API model
// and quotas). Custom event buses are not modelled.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { validateEventPattern } from './event-pattern.ts'

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'

export interface Target extends Record<string, unknown> {
  Id: string
  Arn: string
}

export interface Rule {
  name: string
  arn: string
  eventPattern?: string
  scheduleExpression?: string
  state: RuleState
  description?: string
  roleArn?: string
  targets: Map<string, Target>
  tags: Map<string, string>
  createdBy: string
}

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/
const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/
const STATES: RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS']
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/
const MAX_RULES_PER_BUS = 300
export const MAX_TARGETS_PER_RULE = 5
const MAX_TARGETS_PER_CALL = 10
const MAX_TAGS = 50

export const validation = (message: string) => new SandboxError('ValidationException', message)

export interface Bus {
  rules: Map<string, Rule>
}

export function defaultBus(world: World, account: string, region: string): Bus {
  const buses = world.slice('eventbridge', () => new Map<string, Bus>())
  const key = `${account}/${region}`
  let bus = buses.get(key)
  if (!bus) {
    bus = { rules: new Map() }
    buses.set(key, bus)
  }
  return bus
}

/** Only the default bus exists: by name `default` or by its ARN. */
export function checkBus(name: unknown, account: string, region: string): void {
  if (name === undefined || name === null || name === 'default') return
  if (name === `arn:aws:events:${region}:${account}:event-bus/default`) return
  throw new SandboxError('ResourceNotFoundException', `Event bus ${String(name)} does not exist.`)
}

export function findRule(bus: Bus, name: unknown): Rule {
  const rule = bus.rules.get(String(name))
  if (!rule)
    throw new SandboxError(
      'ResourceNotFoundException',
      `Rule ${String(name)} does not exist on EventBus default.`,
    )
  return rule
}

export function parseTags(value: unknown): Map<string, string> {
  const list = Array.isArray(value) ? (value as Array<{ Key?: unknown; Value?: unknown }>) : []
  if (list.length > MAX_TAGS) throw validation(`A resource can have at most ${MAX_TAGS} tags.`)
  const tags = new Map<string, string>()
  for (const tag of list) {
    if (typeof tag.Key !== 'string' || tag.Key.length === 0 || tag.Key.length > 128) {
      throw validation(`Tag key '${String(tag.Key)}' is not valid.`)
    }
    if (typeof tag.Value !== 'string') throw validation(`Tag value for '${tag.Key}' must be a string.`)
    tags.set(tag.Key, tag.Value)
  }
  return tags
}

/** PutRule's effect: creates the rule or replaces it with exactly what was given (tags only at creation). */
export function putRule(world: World, account: string, region: string, input: Record<string, unknown>): Rule {
  const name = input.Name
  if (typeof name !== 'string' || !RULE_NAME.test(name)) {
    throw validation(
      `1 validation error detected: Value '${String(name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    )
  }
  checkBus(input.EventBusName, account, region)
  const pattern = typeof input.EventPattern === 'string' ? input.EventPattern : undefined
  const schedule = typeof input.ScheduleExpression === 'string' ? input.ScheduleExpression : undefined
  if (pattern === undefined && schedule === undefined) {
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.')
  }
  if (pattern !== undefined) validateEventPattern(pattern)
  if (schedule !== undefined && !SCHEDULE.test(schedule))
    throw validation('Parameter ScheduleExpression is not valid.')
  const state = (input.State ?? 'ENABLED') as RuleState
  if (!STATES.includes(state)) {
    throw validation(
      `1 validation error detected: Value '${String(state)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${STATES.join(', ')}]`,
    )
  }
  const bus = defaultBus(world, account, region)
  const existing = bus.rules.get(name)
  if (!existing && bus.rules.size >= MAX_RULES_PER_BUS) {
    throw new SandboxError(
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    )
  }
  const rule: Rule = {
    name,
    arn: `arn:aws:events:${region}:${account}:rule/${name}`,
    ...(pattern !== undefined && { eventPattern: pattern }),
    ...(schedule !== undefined && { scheduleExpression: schedule }),
    state,
    ...(typeof input.Description === 'string' && { description: input.Description }),
    ...(typeof input.RoleArn === 'string' && { roleArn: input.RoleArn }),
    targets: existing?.targets ?? new Map(),
    tags: existing?.tags ?? parseTags(input.Tags),
    createdBy: existing?.createdBy ?? account,
  }
  bus.rules.set(name, rule)
  return rule
}

/** DeleteRule's effect: refused while the rule has targets; deleting a missing rule succeeds (idempotent). */
export function deleteRule(world: World, account: string, region: string, name: string): void {
  const bus = defaultBus(world, account, region)
  const rule = bus.rules.get(name)
  if (!rule) return
  if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.")
  bus.rules.delete(name)
}

export function putTargets(rule: Rule, targets: unknown): void {
  if (!Array.isArray(targets) || targets.length < 1 || targets.length > MAX_TARGETS_PER_CALL) {
    throw validation(
      `1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and ${MAX_TARGETS_PER_CALL}`,
    )
  }
  const parsed = (targets as Array<Record<string, unknown>>).map((raw) => {
    if (typeof raw.Id !== 'string' || !TARGET_ID.test(raw.Id))
      throw validation(`Target Id '${String(raw.Id)}' is not valid.`)
    if (typeof raw.Arn !== 'string' || !raw.Arn.startsWith('arn:')) {
      throw validation(
        `Parameter ${String(raw.Arn)} is not valid. Reason: Provided Arn is not in correct format.`,
      )
    }
    if (raw.Input !== undefined) {
      try {
        JSON.parse(String(raw.Input))
      } catch {
        throw validation('Parameter Input is not valid. Reason: Input must be valid JSON.')
      }
    }
    return raw as Target
  })
  const ids = new Set([...rule.targets.keys(), ...parsed.map((t) => t.Id)])
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new SandboxError(
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    )
  }
  for (const target of parsed) rule.targets.set(target.Id, target)
}

export function ruleOutput(rule: Rule, withCreatedBy: boolean): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: 'default',
    ...(withCreatedBy && { CreatedBy: rule.createdBy }),
  }
}

// EventBridge's API operations over the rules of each account and region's default bus.
import { SandboxError } from '../../errors.ts'
import type { CallContext, Operation } from '../service.ts'
import { pageOf } from '../token-paging.ts'
import { putEventsOperation } from './put-events.ts'
import {
  type Bus,
  checkBus,
  defaultBus,
  deleteRule,
  findRule,
  parseTags,
  putRule,
  putTargets,
  type Rule,
  ruleOutput,
  validation,
} from './rules.ts'

const MAX_LIMIT = 100
const MAX_TAGS = 50

function busFor(input: Record<string, unknown>, ctx: CallContext): Bus {
  checkBus(input.EventBusName, ctx.account, ctx.region)
  return defaultBus(ctx.world, ctx.account, ctx.region)
}

function limit(value: unknown): number {
  if (value === undefined || value === null) return MAX_LIMIT
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_LIMIT) {
    throw validation(
      `1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIMIT}`,
    )
  }
  return value as number
}

const invalidToken = () => validation('The NextToken provided is not valid.')

/** A rule by ARN, for the tagging operations. */
function ruleByArn(ctx: CallContext, arn: unknown): Rule {
  const prefix = `arn:aws:events:${ctx.region}:${ctx.account}:rule/`
  const text = String(arn ?? '')
  const rule = text.startsWith(prefix)
    ? defaultBus(ctx.world, ctx.account, ctx.region).rules.get(text.slice(prefix.length))
    : undefined
  if (!rule)
    throw new SandboxError(
      'ResourceNotFoundException',
      `Rule ${text.split('/').pop()} does not exist on EventBus default.`,
    )
  return rule
}

export const eventBridgeOperations: Record<string, Operation> = {
  PutEvents: putEventsOperation,

  PutRule(input, ctx) {
    return { RuleArn: putRule(ctx.world, ctx.account, ctx.region, input).arn }
  },

  DescribeRule(input, ctx) {
    return ruleOutput(findRule(busFor(input, ctx), input.Name), true)
  },

  ListRules(input, ctx) {
    const bus = busFor(input, ctx)
    const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : ''
    const rules = [...bus.rules.values()]
      .filter((r) => r.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
    const page = pageOf(rules, input.NextToken, limit(input.Limit), ctx, `rules:${prefix}`, invalidToken)
    return { Rules: page.items.map((r) => ruleOutput(r, false)), NextToken: page.nextToken }
  },

  DeleteRule(input, ctx) {
    busFor(input, ctx)
    deleteRule(ctx.world, ctx.account, ctx.region, String(input.Name ?? ''))
    return {}
  },

  EnableRule(input, ctx) {
    findRule(busFor(input, ctx), input.Name).state = 'ENABLED'
    return {}
  },

  DisableRule(input, ctx) {
    findRule(busFor(input, ctx), input.Name).state = 'DISABLED'
    return {}
  },

  PutTargets(input, ctx) {
    putTargets(findRule(busFor(input, ctx), input.Rule), input.Targets)
    return { FailedEntryCount: 0, FailedEntries: [] }
  },

  RemoveTargets(input, ctx) {
    const rule = findRule(busFor(input, ctx), input.Rule)
    const ids = Array.isArray(input.Ids) ? (input.Ids as unknown[]) : []
    if (ids.length < 1 || ids.length > MAX_LIMIT) {
      throw validation(
        `1 validation error detected: Value at 'ids' failed to satisfy constraint: Member must have length between 1 and ${MAX_LIMIT}`,
      )
    }
    for (const id of ids) rule.targets.delete(String(id))
    return { FailedEntryCount: 0, FailedEntries: [] }
  },

  ListTargetsByRule(input, ctx) {
    const rule = findRule(busFor(input, ctx), input.Rule)
    const scope = `targets:${rule.name}`
    const page = pageOf(
      [...rule.targets.values()],
      input.NextToken,
      limit(input.Limit),
      ctx,
      scope,
      invalidToken,
    )
    return { Targets: page.items, NextToken: page.nextToken }
  },

  TagResource(input, ctx) {
    const rule = ruleByArn(ctx, input.ResourceARN)
    const merged = new Map([...rule.tags, ...parseTags(input.Tags)])
    if (merged.size > MAX_TAGS) {
      throw new SandboxError(
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      )
    }
    rule.tags = merged
    return {}
  },

  UntagResource(input, ctx) {
    const rule = ruleByArn(ctx, input.ResourceARN)
    for (const key of Array.isArray(input.TagKeys) ? input.TagKeys : []) rule.tags.delete(String(key))
    return {}
  },

  ListTagsForResource(input, ctx) {
    const rule = ruleByArn(ctx, input.ResourceARN)
    return { Tags: [...rule.tags].map(([Key, Value]) => ({ Key, Value })) }
  },
}

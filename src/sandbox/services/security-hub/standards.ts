// Standards: DescribeStandards (the catalogue), GetEnabledStandards, BatchEnableStandards,
// BatchDisableStandards. A new subscription is PENDING, then READY a simulated minute later.
import type { CallContext, RestRequest } from '../service.ts'
import { isKnownStandard, standardsIn, subscriptionArn } from './catalogue.ts'
import { accessDenied, invalidInput } from './errors.ts'
import { CENTRALLY_MANAGED, requireHub } from './hub.ts'
import { pageOf } from './paging.ts'
import { DURATIONS, type StandardsSubscription } from './state.ts'

function toWire(ctx: CallContext, s: StandardsSubscription, status?: string) {
  const ready = ctx.world.clock.now() >= s.requestedAt + DURATIONS.standardsReadyMs
  return {
    StandardsSubscriptionArn: s.subscriptionArn,
    StandardsArn: s.standardsArn,
    StandardsInput: s.input,
    StandardsStatus: status ?? (ready ? 'READY' : 'PENDING'),
    StandardsControlsUpdatable: ready ? 'READY_FOR_UPDATES' : 'NOT_READY_FOR_UPDATES',
  }
}

/** 1–25 entries, as the API reference limits both batch operations. */
function readBatch(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 25) {
    throw invalidInput(`${name} must contain between 1 and 25 items`)
  }
  return value
}

export function describeStandards(req: RestRequest, ctx: CallContext) {
  const all = standardsIn(ctx.region).map((s) => ({
    StandardsArn: s.arn,
    Name: s.name,
    Description: s.description,
    EnabledByDefault: s.enabledByDefault,
    StandardsManagedBy: { Company: 'AWS', Product: 'Security Hub' },
  }))
  const page = pageOf(all, req.query.get('MaxResults') ?? undefined, req.query.get('NextToken'), ctx, {
    max: 100,
    default: 100,
  })
  return { Standards: page.items, NextToken: page.nextToken }
}

export function getEnabledStandards(req: RestRequest, ctx: CallContext) {
  const { hub } = requireHub(ctx)
  const filter = req.body.StandardsSubscriptionArns
  if (filter !== undefined && (!Array.isArray(filter) || filter.length < 1 || filter.length > 25)) {
    throw invalidInput('StandardsSubscriptionArns must contain between 1 and 25 items')
  }
  const wanted = filter ? new Set((filter as unknown[]).map(String)) : undefined
  const all = [...hub.standards.values()].filter((s) => !wanted || wanted.has(s.subscriptionArn))
  const page = pageOf(all, req.body.MaxResults, req.body.NextToken, ctx, { max: 100, default: 100 })
  return { StandardsSubscriptions: page.items.map((s) => toWire(ctx, s)), NextToken: page.nextToken }
}

export function batchEnableStandards(req: RestRequest, ctx: CallContext) {
  const view = requireHub(ctx)
  if (view.governed) throw accessDenied(CENTRALLY_MANAGED)
  const requests = readBatch(
    req.body.StandardsSubscriptionRequests,
    'StandardsSubscriptionRequests',
  ) as Array<Record<string, unknown>>
  for (const r of requests) {
    if (!isKnownStandard(String(r?.StandardsArn), ctx.region)) {
      throw invalidInput(`StandardsArn ${String(r?.StandardsArn)} is not a valid standard in ${ctx.region}`)
    }
  }
  const now = ctx.world.clock.now()
  const out = requests.map((r) => {
    const arn = String(r.StandardsArn)
    let s = view.hub.standards.get(arn)
    if (!s) {
      s = {
        subscriptionArn: subscriptionArn(arn, ctx.region, ctx.account),
        standardsArn: arn,
        input: (r.StandardsInput as Record<string, string> | undefined) ?? {},
        requestedAt: now,
      }
      view.hub.standards.set(arn, s)
    }
    return toWire(ctx, s)
  })
  return { StandardsSubscriptions: out }
}

export function batchDisableStandards(req: RestRequest, ctx: CallContext) {
  const view = requireHub(ctx)
  if (view.governed) throw accessDenied(CENTRALLY_MANAGED)
  const arns = readBatch(req.body.StandardsSubscriptionArns, 'StandardsSubscriptionArns').map(String)
  const byArn = new Map([...view.hub.standards.values()].map((s) => [s.subscriptionArn, s]))
  for (const arn of arns)
    if (!byArn.has(arn)) throw invalidInput(`Standards subscription ${arn} does not exist`)
  // Deletion is reported as DELETING; the subscription is gone from the next read on.
  const out = arns.map((arn) => {
    const s = byArn.get(arn) as StandardsSubscription
    view.hub.standards.delete(s.standardsArn)
    return toWire(ctx, s, 'DELETING')
  })
  return { StandardsSubscriptions: out }
}

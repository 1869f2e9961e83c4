// Cross-region aggregation (aws-facts §4): CreateFindingAggregator in the home region, ListFindingAggregators,
// GetFindingAggregator, UpdateFindingAggregator, DeleteFindingAggregator. One aggregator per account.
import { randomUUID } from 'node:crypto'
import type { World } from '../../state.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { invalidInput, notFound } from './errors.ts'
import { requireHub } from './hub.ts'
import { pageOf } from './paging.ts'
import { type FindingAggregator, type RegionLinkingMode, securityHubState } from './state.ts'

const MODES: RegionLinkingMode[] = [
  'ALL_REGIONS',
  'ALL_REGIONS_EXCEPT_SPECIFIED',
  'SPECIFIED_REGIONS',
  'NO_REGIONS',
]

/** Regions whose findings flow to the home region. ALL_REGIONS covers every region the account has enabled,
 * including opt-in regions once enabled (API reference, CreateFindingAggregator). */
export function linkedRegions(world: World, aggregator: FindingAggregator): string[] {
  const enabled = world.regions.filter(
    (r) => r !== aggregator.homeRegion && world.isRegionEnabled(aggregator.account, r),
  )
  switch (aggregator.mode) {
    case 'ALL_REGIONS':
      return enabled
    case 'ALL_REGIONS_EXCEPT_SPECIFIED':
      return enabled.filter((r) => !aggregator.regions.includes(r))
    case 'SPECIFIED_REGIONS':
      return aggregator.regions.filter((r) => r !== aggregator.homeRegion)
    case 'NO_REGIONS':
      return []
  }
}

/** Validates RegionLinkingMode + Regions as the API reference describes each mode. */
function readLinking(
  body: Record<string, unknown>,
  world: World,
  home: string,
): { mode: RegionLinkingMode; regions: string[] } {
  const mode = body.RegionLinkingMode
  if (typeof mode !== 'string' || !MODES.includes(mode as RegionLinkingMode)) {
    throw invalidInput(`Invalid RegionLinkingMode ${String(mode)}. Valid values: ${MODES.join(', ')}`)
  }
  const raw = body.Regions
  if (raw !== undefined && !Array.isArray(raw)) throw invalidInput('Regions must be a list of Region codes')
  const regions = ((raw as unknown[] | undefined) ?? []).map(String)
  if (mode === 'NO_REGIONS' || mode === 'ALL_REGIONS') {
    if (regions.length > 0)
      throw invalidInput(`Regions cannot be specified when RegionLinkingMode is ${mode}`)
  } else if (regions.length === 0) {
    throw invalidInput(`Regions must be specified when RegionLinkingMode is ${mode}`)
  }
  for (const r of regions) {
    if (!world.regions.includes(r)) throw invalidInput(`Invalid Region ${r}`)
    if (r === home) throw invalidInput(`The aggregation Region ${home} cannot be included in Regions`)
  }
  if (new Set(regions).size !== regions.length) throw invalidInput('Regions contains duplicate values')
  return { mode: mode as RegionLinkingMode, regions }
}

function toWire(a: FindingAggregator) {
  return {
    FindingAggregatorArn: a.arn,
    FindingAggregationRegion: a.homeRegion,
    RegionLinkingMode: a.mode,
    // The API reports Regions only for the modes that take them.
    Regions: a.mode === 'NO_REGIONS' || a.mode === 'ALL_REGIONS' ? undefined : a.regions,
  }
}

function ownAggregator(ctx: CallContext, arn: string | undefined): FindingAggregator {
  const aggregator = securityHubState(ctx.world).aggregators.get(ctx.account)
  if (!aggregator || aggregator.arn !== arn) throw notFound(`Finding aggregator ${String(arn)} not found`)
  return aggregator
}

function requireHomeRegion(ctx: CallContext, aggregator: FindingAggregator): void {
  if (aggregator.homeRegion !== ctx.region) {
    throw invalidInput(`This operation must be called from the aggregation Region ${aggregator.homeRegion}`)
  }
}

export function createFindingAggregator(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  const state = securityHubState(ctx.world)
  const linking = readLinking(req.body, ctx.world, ctx.region)
  const existing = state.aggregators.get(ctx.account)
  if (existing) {
    throw invalidInput(
      `A finding aggregator already exists for this account in ${existing.homeRegion}: ${existing.arn}`,
    )
  }
  const aggregator: FindingAggregator = {
    arn: `arn:aws:securityhub:${ctx.region}:${ctx.account}:finding-aggregator/${randomUUID()}`,
    account: ctx.account,
    homeRegion: ctx.region,
    ...linking,
  }
  state.aggregators.set(ctx.account, aggregator)
  return toWire(aggregator)
}

export function listFindingAggregators(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  const aggregator = securityHubState(ctx.world).aggregators.get(ctx.account)
  const page = pageOf(
    aggregator ? [{ FindingAggregatorArn: aggregator.arn }] : [],
    req.query.get('MaxResults') ?? undefined,
    req.query.get('NextToken'),
    ctx,
    { max: 100, default: 100 },
  )
  return { FindingAggregators: page.items, NextToken: page.nextToken }
}

export function getFindingAggregator(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  return toWire(ownAggregator(ctx, req.params.FindingAggregatorArn))
}

export function updateFindingAggregator(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  const aggregator = ownAggregator(ctx, String(req.body.FindingAggregatorArn ?? ''))
  requireHomeRegion(ctx, aggregator)
  const linking = readLinking(req.body, ctx.world, ctx.region)
  const central = securityHubState(ctx.world).central
  if (central && linkedRegions(ctx.world, { ...aggregator, ...linking }).length === 0) {
    // Central configuration needs at least one linked region (aws-facts §4).
    throw invalidInput(
      'Central configuration requires at least one linked Region; switch to LOCAL configuration first',
    )
  }
  Object.assign(aggregator, linking)
  return toWire(aggregator)
}

export function deleteFindingAggregator(req: RestRequest, ctx: CallContext) {
  requireHub(ctx)
  const aggregator = ownAggregator(ctx, req.params.FindingAggregatorArn)
  requireHomeRegion(ctx, aggregator)
  if (securityHubState(ctx.world).central) {
    throw invalidInput(
      'The finding aggregator cannot be deleted while central configuration is in use; switch to LOCAL configuration first',
    )
  }
  securityHubState(ctx.world).aggregators.delete(ctx.account)
  return {}
}
